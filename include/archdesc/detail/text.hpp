// archdesc/detail/text.hpp: numbers and shapes written as text at compile time, once for every
// writer (diagnostics, parameter names, reports). `Out` is anything with push_back(char).
#pragma once

#include <cstdint>

namespace archdesc::detail {

template <class Out>
constexpr void write_integer(Out& out, std::int64_t n) {
  if (n < 0) out.push_back('-');
  std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  char digits[20]{};
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (count > 0) out.push_back(digits[--count]);
}

// A shape as a Python tuple, as PyTorch prints torch.Size: (1, 256, 56, 56), (64,), ().
template <class Out, class Shape>
constexpr void write_tuple(Out& out, const Shape& s) {
  out.push_back('(');
  for (int axis = 0; axis < s.rank; ++axis) {
    if (axis > 0) {
      out.push_back(',');
      out.push_back(' ');
    }
    write_integer(out, s.dims[axis]);
  }
  if (s.rank == 1) out.push_back(',');
  out.push_back(')');
}

}  // namespace archdesc::detail
