// archdesc/checked.hpp: 64-bit counts that stop at an overflow instead of wrapping.
//
//   static_assert(archdesc::checked_mul(1'000'000, 1'000'000) == 1'000'000'000'000);
//   archdesc::checked_mul(INT64_MAX, 2);  // at compile time: not a constant expression; at run time: throws
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

}  // namespace archdesc
