#include <archdesc/tool/report_generator.hpp>

#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/report_formats.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <string>

namespace archdesc::tool {

int report_generator(int argc, char** argv, const generated_report& report, trace_function trace) {
  namespace fs = std::filesystem;
  return run_report_generator(argc, argv, [&](const fs::path& output, const char* chart) {
    const trace_result traced = trace();
    output_files outputs;
    std::string chart_link;
    if (chart != nullptr) {
      add_pie_chart(outputs, chart, fmt::format("{}: parameters by form", report.name), slices_by_form(traced));
      chart_link = fs::relative(fs::absolute(chart), fs::absolute(output).parent_path()).generic_string();
    }
    outputs.add_text(output, report_text(report.format, report.with_cost, report.name, traced, chart_link));
    outputs.commit();
  });
}

}  // namespace archdesc::tool
