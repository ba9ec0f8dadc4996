// archdesc/report_generator.hpp: the compiled part of the generators that archdesc_add_report
// builds (cmake/ArchdescReport.cmake), shipped in archdesc::report's library so that a generated
// source compiles only its descriptor's checks and trace:
//   int main(int argc, char** argv) {
//     return archdesc::markdown_report_generator(argc, argv, "my_net", [] { return archdesc::trace(my::net); });
//   }
#pragma once

#include <archdesc/trace.hpp>

#include <filesystem>
#include <functional>
#include <string_view>

namespace archdesc {

// The descriptor's trace, a function of the generated source: called inside the generator's
// error handling.
using trace_function = trace_result (*)();

// What a generator does with its arguments, OUTPUT and CHART (nullptr when not given).
using report_writer = std::function<void(const std::filesystem::path& output, const char* chart)>;

// A generator's command line, `OUTPUT [CHART]`: a usage mistake exits 2 with nothing written; an
// exception from `write` is printed after the program's name and exits 1; success exits 0.
int run_report_generator(int argc, char** argv, const report_writer& write);

// The Markdown report alone, written whole (a temporary beside OUTPUT, then a rename). A CHART
// argument is an error: charts need archdesc::commands (<archdesc/tool/report_generator.hpp>).
int markdown_report_generator(int argc, char** argv, std::string_view name, trace_function trace);

}  // namespace archdesc
