// archdesc/tool/report_generator.hpp: the generators that archdesc_add_report builds for JSON, CSV,
// charts and WITH_COST (cmake/ArchdescReport.cmake); compiled in archdesc::commands, so that a
// generated source compiles only its descriptor's checks and trace:
//   int main(int argc, char** argv) {
//     return archdesc::tool::report_generator(argc, argv, {.name = "my_net", .format = "json", .with_cost = false},
//                                             [] { return archdesc::trace(my::net); });
//   }
#pragma once

#include <archdesc/report_generator.hpp>

#include <string_view>

namespace archdesc::tool {

struct generated_report {
  std::string_view name;
  std::string_view format;  // md, json or csv (report_text)
  bool with_cost = false;   // md: the cost section
};

// `OUTPUT [CHART]` (run_report_generator): the report, and with CHART its pie chart by form
// (.png or .svg), all written or none; a Markdown report's image links to the chart.
int report_generator(int argc, char** argv, const generated_report& report, trace_function trace);

}  // namespace archdesc::tool
