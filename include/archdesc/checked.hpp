// archdesc/checked.hpp: 64-bit counts that stop at an overflow instead of wrapping, and sizes
// computed from knobs that stop beyond int instead of converting out of range.
//
//   static_assert(archdesc::checked_mul(1'000'000, 1'000'000) == 1'000'000'000'000);
//   archdesc::checked_mul(INT64_MAX, 2);  // at compile time: not a constant expression; at run time: throws
//   static_assert(archdesc::checked_int(96 * 4.0) == 384);  // hidden_channels = int(dim * mlp_ratio)
#pragma once

#include <cstdint>
#include <stdexcept>

namespace archdesc {

constexpr std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t product{};
  if (__builtin_mul_overflow(a, b, &product))
    throw std::overflow_error("archdesc: a count overflows 64 bits");  // compile time: this line is the error
  return product;
}

constexpr std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum{};
  if (__builtin_add_overflow(a, b, &sum))
    throw std::overflow_error("archdesc: a count overflows 64 bits");  // compile time: this line is the error
  return sum;
}

// A size computed in floating point from knobs (a width times width_mult) must become an int: beyond
// int (or NaN) it stops as a count beyond 64 bits does, where the conversion would be undefined
// behaviour. `reach` is how far past the size the caller's int arithmetic goes (a rounding).
constexpr void check_int_range(double size, double reach = 0) {
  if (!(size - reach > -2147483649.0 && size + reach < 2147483648.0))
    throw std::overflow_error("archdesc: a size overflows int");  // compile time: this line is the error
}

// That size as the int a module takes, truncated as Python's int() does.
constexpr int checked_int(double size) {
  check_int_range(size);
  return static_cast<int>(size);
}

// A size made of knobs in 64 bits (heads x head_dim) as an int, where int arithmetic would overflow.
constexpr int checked_int(std::int64_t size) {
  check_int_range(static_cast<double>(size));
  return static_cast<int>(size);
}

}  // namespace archdesc
