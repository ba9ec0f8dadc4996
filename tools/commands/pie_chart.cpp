#include <archdesc/tool/pie_chart.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>

#include <array>
#include <numbers>

namespace archdesc::tool {

std::vector<pie_slice> slices_by_form(const trace_result& traced) {
  std::vector<pie_slice> slices;
  for (form f : report_columns(traced.forms))
    slices.push_back({form_name(f), traced.forms.parameters[static_cast<std::size_t>(f.rank)]});
  return slices;
}

drawing pie_chart_drawing(const std::string& title, const std::vector<pie_slice>& slices) {
  drawing pie{.width = 640, .height = 480, .shapes = {}};
  const colour ink = chart_ink;
  pie.shapes.emplace_back(
      text_shape{.x = pie.width / 2, .y = 36, .text = title, .size = 20, .bold = true, .centred = true, .fill = ink});
  double total = 0;
  for (const auto& slice : slices) total += static_cast<double>(slice.value);
  const double centre_x = 200, centre_y = 260, radius = 170;
  double angle = -std::numbers::pi / 2;
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const double share = total > 0 ? static_cast<double>(slices[i].value) / total : 0;
    const colour fill = chart_palette[i % chart_palette.size()];
    if (share > 0) {
      const double end = angle + share * 2 * std::numbers::pi;
      pie.shapes.emplace_back(wedge_shape{centre_x, centre_y, radius, angle, end, fill});
      angle = end;
    }
    // The legend names every slice with its share, so that thin slices are readable too.
    const double y = 140 + 34 * static_cast<double>(i);
    pie.shapes.emplace_back(
        box_shape{.x = 400, .y = y - 14, .width = 18, .height = 18, .fill = fill, .outline_width = 0, .tooltip = {}});
    pie.shapes.emplace_back(text_shape{.x = 426,
                                       .y = y,
                                       .text = fmt::format("{} {:.2f} %", slices[i].label, 100 * share),
                                       .size = 15,
                                       .bold = false,
                                       .centred = false,
                                       .fill = ink});
  }
  return pie;
}

void write_pie_chart(const std::filesystem::path& path, const std::string& title,
                     const std::vector<pie_slice>& slices) {
  write_drawing(path, pie_chart_drawing(title, slices));
}

void add_pie_chart(output_files& outputs, const std::filesystem::path& path, const std::string& title,
                   const std::vector<pie_slice>& slices) {
  add_drawing(outputs, path, pie_chart_drawing(title, slices));
}

}  // namespace archdesc::tool
