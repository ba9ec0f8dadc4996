// archdesc/tool/drawing.hpp: a chart as a list of shapes, written by one code path as a
// self-contained SVG (text, no cairo) or as a PNG (cairo, loaded when the first PNG is drawn).
#pragma once

#include <archdesc/tool/atomic_file.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace archdesc::tool {

struct colour {
  double red = 0, green = 0, blue = 0;  // 0 to 1
};

// The charts' colours: Okabe and Ito's, which colour-blind readers tell apart; ink for text.
inline constexpr std::array<colour, 7> chart_palette{{{0.00, 0.45, 0.70},
                                                      {0.90, 0.62, 0.00},
                                                      {0.00, 0.62, 0.45},
                                                      {0.80, 0.47, 0.65},
                                                      {0.34, 0.71, 0.91},
                                                      {0.84, 0.37, 0.00},
                                                      {0.94, 0.89, 0.26}}};
inline constexpr colour chart_ink{0.1, 0.1, 0.1};

// Filled, with a white outline of outline_width (none at 0); the tooltip becomes the SVG's <title>.
struct box_shape {
  double x = 0, y = 0, width = 0, height = 0;
  colour fill;
  double outline_width = 0;
  std::string tooltip;
};

// A pie slice from angle `from` to `to` (radians, clockwise from 3 o'clock), outlined in white.
struct wedge_shape {
  double centre_x = 0, centre_y = 0, radius = 0, from = 0, to = 0;
  colour fill;
};

// One line of text; y is its baseline; `centred` centres it on x, else it starts at x.
struct text_shape {
  double x = 0, y = 0;
  std::string text;
  double size = 12;
  bool bold = false;
  bool centred = false;
  colour fill;
};

using shape_item = std::variant<box_shape, wedge_shape, text_shape>;

// On a white background, in the order given.
struct drawing {
  double width = 0, height = 0;
  std::vector<shape_item> shapes;
};

// A width that text at `size` points does not exceed in DejaVu Sans (and the usual sans-serif
// fallbacks): what the charts use to decide which labels fit.
double text_width_bound(std::string_view text, double size);

enum class picture_format { png, svg };

// By the file's extension, .png or .svg; nullopt otherwise.
std::optional<picture_format> picture_format_of(const std::filesystem::path& path);

// The <svg> element, for a file or inline in HTML: no external reference, no ids, text escaped.
std::string svg_element(const drawing& picture);

// A .png or .svg (by the extension) as one of a command's outputs, written when they are committed
// (all or none). Throws output_error at once when the extension is neither.
void add_drawing(output_files& outputs, const std::filesystem::path& path, drawing picture);
// The same, as the command's only output.
void write_drawing(const std::filesystem::path& path, drawing picture);

}  // namespace archdesc::tool
