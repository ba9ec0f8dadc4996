#include <archdesc/tool/options.hpp>

#include <archdesc/tool/printable.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

namespace archdesc::tool {

shape parse_shape_option(std::string_view option, std::string_view text) {
  shape input;
  std::string_view rest = text;
  while (true) {
    const std::size_t cut = rest.find('x');
    const std::string_view part = rest.substr(0, cut);
    std::int64_t size = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), size);
    if (error != std::errc{} || end != part.data() + part.size() || size <= 0 || input.rank == shape::max_rank - 1)
      throw usage_error(fmt::format("{} '{}' is not a shape such as 3x224x224 (positive sizes, at most {})", option,
                                    printable(text), shape::max_rank - 1));
    input.push_back(size);
    if (cut == std::string_view::npos) return input;
    rest.remove_prefix(cut + 1);
  }
}

void require_applies(bool given, bool applies, std::string_view option, std::string_view when) {
  if (given && !applies) throw usage_error(fmt::format("{} applies only {}", option, when));
}

}  // namespace archdesc::tool
