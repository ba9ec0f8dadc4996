// archdesc/constexpr_math.hpp: the natural logarithm, the exponential and the power of doubles
// as constexpr functions, for knobs that torchvision turns into widths with math.log and
// torch.pow (RegNet). std::log and std::pow are not constexpr, and only g++ folds them anyway.
//
//   static_assert(archdesc::math::log(1.0) == 0.0);
//   constexpr float capacity = static_cast<float>(archdesc::math::log(2.5) / archdesc::math::log(2.09));
//   constexpr double width = 48 * archdesc::math::pow(2.09, 3.0);
//
// Results are within a few units in the last place of the exact value, so rounding them to float
// gives the correctly rounded float (what torch's float32 kernels give, but in very rare cases).
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

namespace archdesc::math {

namespace detail {
// ln 2 split so that k * ln2_hi is exact for every k a double's exponent needs (fdlibm's constants).
inline constexpr double ln2_hi = 6.93147180369123816490e-01;
inline constexpr double ln2_lo = 1.90821492927058770002e-10;
inline constexpr double sqrt2 = 1.41421356237309504880;

// x * 2^k for a finite x, through the exponent bits; two steps where 2^k itself is not normal.
constexpr double scale_by_power_of_two(double x, int k) {
  const auto power = [](int e) { return std::bit_cast<double>(static_cast<std::uint64_t>(e + 1023) << 52); };
  if (k > 1023) return x * power(1023) * power(k - 1023);
  if (k < -1022) return x * power(-1022) * power(k + 1022);
  return x * power(k);
}
}  // namespace detail

// The natural logarithm; NaN below 0 and for NaN, -infinity at 0.
constexpr double log(double x) {
  if (x != x || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int exponent = 0;
  if (x < std::numeric_limits<double>::min()) {  // subnormal: make it normal first
    x *= 0x1p54;
    exponent -= 54;
  }
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)): log x = e ln 2 + log m.
  const auto bits = std::bit_cast<std::uint64_t>(x);
  exponent += static_cast<int>(bits >> 52) - 1023;
  double m = std::bit_cast<double>((bits & 0x000F'FFFF'FFFF'FFFFULL) | 0x3FF0'0000'0000'0000ULL);
  if (m > detail::sqrt2) {
    m /= 2;
    ++exponent;
  }
  // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = (m - 1) / (m + 1), |s| < 0.172:
  // 12 terms reach below 1e-18 of the sum.
  const double s = (m - 1) / (m + 1);
  const double s2 = s * s;
  double series = 0;
  for (int n = 23; n >= 3; n -= 2) series = (series + 1.0 / n) * s2;
  const double log_m = 2 * s + 2 * s * series;
  return exponent * detail::ln2_hi + (exponent * detail::ln2_lo + log_m);
}

// e^x; infinity above the largest double, 0 below the smallest subnormal.
constexpr double exp(double x) {
  if (x != x) return x;
  if (x > 709.8) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0;
  // x = k ln 2 + r with |r| <= ln 2 / 2: e^x = 2^k e^r.
  const double nearest = x / (detail::ln2_hi + detail::ln2_lo);
  const int k = static_cast<int>(nearest < 0 ? nearest - 0.5 : nearest + 0.5);
  const double r = (x - k * detail::ln2_hi) - k * detail::ln2_lo;
  // Taylor series of e^r: the 20th term is below 1e-27.
  double series = 1;
  for (int n = 20; n >= 1; --n) series = 1 + series * r / n;
  return detail::scale_by_power_of_two(series, k);
}

// base^exponent for a positive base (as e^(exponent log base)), 1 for exponent 0; NaN for a
// negative base. The relative error grows with |exponent log base|: about 1e-15 at 10.
constexpr double pow(double base, double exponent) {
  if (exponent == 0) return 1;
  if (base == 0) return exponent > 0 ? 0 : std::numeric_limits<double>::infinity();
  return math::exp(exponent * math::log(base));
}

}  // namespace archdesc::math
