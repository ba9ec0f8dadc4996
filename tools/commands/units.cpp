#include <archdesc/tool/units.hpp>

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace archdesc::tool {

std::string bytes_text(std::int64_t bytes) {
  constexpr std::array<std::string_view, 7> units{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024 && bytes > -1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  // 1023.96 MiB would print as "1024.0 MiB": move up once the rounded value reaches 1024.
  while (unit + 1 < units.size() && std::abs(value) >= 1023.95) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

std::string grouped(std::int64_t n) {
  const std::string digits = fmt::format("{}", n);
  const std::size_t sign = n < 0 ? 1 : 0;
  std::string out = digits.substr(0, sign);
  for (std::size_t i = sign; i < digits.size(); ++i) {
    if (i > sign && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::int64_t parse_bytes(std::string_view text) {
  const auto refuse = [&](std::string_view why) {
    return std::invalid_argument(fmt::format("'{}' is not a size such as 80GiB: {}", text, why));
  };
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end == text.data()) throw refuse("it does not start with a number");
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  constexpr std::array<std::pair<std::string_view, double>, 10> units{{{"", 1.0},
                                                                       {"B", 1.0},
                                                                       {"KiB", 0x1p10},
                                                                       {"MiB", 0x1p20},
                                                                       {"GiB", 0x1p30},
                                                                       {"TiB", 0x1p40},
                                                                       {"kB", 1e3},
                                                                       {"MB", 1e6},
                                                                       {"GB", 1e9},
                                                                       {"TB", 1e12}}};
  for (const auto& [name, scale] : units) {
    if (unit != name) continue;
    const double bytes = std::floor(number * scale);
    if (!(bytes >= 1)) throw refuse("a device holds at least one byte");
    if (bytes >= 0x1p63) throw refuse("more bytes than 64 bits count");
    return static_cast<std::int64_t>(bytes);
  }
  throw refuse("the unit is one of B, KiB, MiB, GiB, TiB, kB, MB, GB, TB");
}

}  // namespace archdesc::tool
