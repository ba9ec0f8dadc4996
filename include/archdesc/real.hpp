// archdesc/real.hpp: a double that can sit in a descriptor used as a template argument.
//
//   struct my_net { archdesc::real width_mult = 0.75; ... };
//   static_assert(archdesc::valid<my_net{}>);   // clang 14 takes no double template arguments
//   double w = my_net{}.width_mult;             // reads as a double
#pragma once

#include <bit>
#include <cstdint>

namespace archdesc {

// Holds the double's bits, so that the type is structural on every compiler.
struct real {
  std::uint64_t bits = 0;

  constexpr real() = default;
  constexpr real(double value) : bits(std::bit_cast<std::uint64_t>(value)) {}  // NOLINT: reads as a double
  constexpr operator double() const { return std::bit_cast<double>(bits); }    // NOLINT
};

}  // namespace archdesc
