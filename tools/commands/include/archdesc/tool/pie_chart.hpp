// archdesc/tool/pie_chart.hpp: the pie chart of parameters by form that the report links to.
#pragma once

#include <archdesc/tool/atomic_file.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace archdesc::tool {

struct pie_slice {
  std::string label;
  std::int64_t value = 0;
};

// Draws a titled pie chart with labelled slices and their percentages into a .png or .svg file
// (by its extension), atomically. Throws output_error when the file cannot be written or the
// extension is neither.
void write_pie_chart(const std::filesystem::path& path, const std::string& title, const std::vector<pie_slice>& slices);

// The same chart as one of a command's outputs, drawn when they are committed (written all or
// none). The extension is checked at once.
void add_pie_chart(output_files& outputs, const std::filesystem::path& path, std::string title,
                   std::vector<pie_slice> slices);

}  // namespace archdesc::tool
