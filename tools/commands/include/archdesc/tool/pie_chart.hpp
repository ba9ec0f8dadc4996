// archdesc/tool/pie_chart.hpp: the pie chart of parameters by form that the report links to.
#pragma once

#include <archdesc/tool/drawing.hpp>

#include <archdesc/trace.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace archdesc::tool {

struct pie_slice {
  std::string label;
  std::int64_t value = 0;
};

// The report's pie: the parameters of each form (Vector, Matrix, ...).
std::vector<pie_slice> slices_by_form(const trace_result& traced);

// A titled pie chart with a legend naming every slice and its percentage.
drawing pie_chart_drawing(const std::string& title, const std::vector<pie_slice>& slices);

// Draws it into a .png or .svg file (by its extension), atomically. Throws output_error when the
// file cannot be written or the extension is neither.
void write_pie_chart(const std::filesystem::path& path, const std::string& title, const std::vector<pie_slice>& slices);

// The chart as one of a command's outputs, drawn when they are committed (written all or none).
// Throws output_error at once when the extension is neither .png nor .svg.
void add_pie_chart(output_files& outputs, const std::filesystem::path& path, const std::string& title,
                   const std::vector<pie_slice>& slices);

}  // namespace archdesc::tool
