// archdesc/tool/options.hpp: the rules every subcommand applies to its options after parsing.
//   const archdesc::shape input = archdesc::tool::parse_shape_option("--input", "3x256x256");
//   archdesc::tool::require_applies(with_cost, format == "md", "--with-cost", "with --format md");
// A mistake is a usage_error: the command prints its message and exits 2, with nothing on stdout.
#pragma once

#include <archdesc/shape.hpp>

#include <stdexcept>
#include <string_view>

namespace archdesc::tool {

class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "3x256x256" -> (3, 256, 256): positive sizes joined by 'x', at most shape::max_rank - 1 of them
// (the batch is added). Anything else, the empty text included, is a usage_error naming the option.
shape parse_shape_option(std::string_view option, std::string_view text);

// An option given where it changes nothing is a mistake, not a silent no-op: when `given` and not
// `applies`, a usage_error says "OPTION applies only WHEN".
void require_applies(bool given, bool applies, std::string_view option, std::string_view when);

}  // namespace archdesc::tool
