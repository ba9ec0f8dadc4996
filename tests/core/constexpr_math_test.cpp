// archdesc::math against the C library: the same values within a few units in the last place, at
// compile time too.
#include <archdesc/constexpr_math.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

namespace constexpr_math_test {

namespace math = archdesc::math;

namespace {
// |a - b| in units in the last place of b.
double ulps(double a, double b) {
  if (a == b) return 0;
  return std::fabs(a - b) / std::fabs(std::nextafter(b, std::numeric_limits<double>::infinity()) - b);
}
}  // namespace

TEST_CASE("log, exp and pow are constants with exact values where exact values exist", "[math]") {
  STATIC_REQUIRE(math::log(1.0) == 0.0);
  STATIC_REQUIRE(math::log(0.0) == -std::numeric_limits<double>::infinity());
  STATIC_REQUIRE(math::log(-1.0) != math::log(-1.0));  // NaN
  STATIC_REQUIRE(math::exp(0.0) == 1.0);
  STATIC_REQUIRE(math::exp(1000.0) == std::numeric_limits<double>::infinity());
  STATIC_REQUIRE(math::exp(-1000.0) == 0.0);
  STATIC_REQUIRE(math::pow(2.09, 0.0) == 1.0);
  STATIC_REQUIRE(math::pow(0.0, 2.0) == 0.0);
  // RegNet's quantization rounds these to float, and torch's float32 values are the same.
  STATIC_REQUIRE(static_cast<float>(math::log(2.09)) == 0.7371640801429749f);
  STATIC_REQUIRE(static_cast<float>(math::pow(2.09f, 3.0)) == 9.129327774047852f);
}

TEST_CASE("log, exp and pow are within a few units in the last place of the C library's", "[math]") {
  std::mt19937_64 random(2024);
  std::uniform_real_distribution<double> exponents(-740, 700), moderate(-20, 20), bases(1.0001, 4.0);
  double worst_log = 0, worst_exp = 0, worst_pow = 0;
  for (int i = 0; i < 200'000; ++i) {
    const double x = std::exp(exponents(random));
    worst_log = std::max(worst_log, ulps(math::log(x), std::log(x)));
    const double y = i % 2 == 0 ? exponents(random) : moderate(random);
    worst_exp = std::max(worst_exp, ulps(math::exp(y), std::exp(y)));
    const double base = bases(random), power = std::round(moderate(random));
    worst_pow = std::max(worst_pow, ulps(math::pow(base, power), std::pow(base, power)));
  }
  CHECK(worst_log <= 2);
  CHECK(worst_exp <= 2);
  CHECK(worst_pow <= 64);  // e^(y log x) carries the error of y log x, here |y log x| < 28
  CHECK(ulps(math::log(5e-324), std::log(5e-324)) <= 2);  // the smallest subnormal
}

}  // namespace constexpr_math_test
