#include <archdesc/tool/pie_chart.hpp>

#include <archdesc/tool/atomic_file.hpp>

#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>
#include <fmt/std.h>

#include <array>
#include <cmath>
#include <memory>
#include <numbers>

namespace archdesc::tool {
namespace {

constexpr double width = 640;
constexpr double height = 480;

struct rgb {
  double r, g, b;
};
// Colour-blind-safe (Okabe-Ito).
constexpr std::array<rgb, 7> palette{{{0.00, 0.45, 0.70},
                                      {0.90, 0.62, 0.00},
                                      {0.00, 0.62, 0.45},
                                      {0.80, 0.47, 0.65},
                                      {0.34, 0.71, 0.91},
                                      {0.84, 0.37, 0.00},
                                      {0.94, 0.89, 0.26}}};

using surface_ptr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using context_ptr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

void draw(cairo_t* cr, const std::string& title, const std::vector<pie_slice>& slices) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 20);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, title.c_str(), &extents);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_move_to(cr, (width - extents.width) / 2 - extents.x_bearing, 36);
  cairo_show_text(cr, title.c_str());

  double total = 0;
  for (const auto& slice : slices) total += static_cast<double>(slice.value);
  const double cx = 200, cy = 260, radius = 170;
  double angle = -std::numbers::pi / 2;
  cairo_set_font_size(cr, 15);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const double share = total > 0 ? static_cast<double>(slices[i].value) / total : 0;
    const rgb colour = palette[i % palette.size()];
    if (share > 0) {
      cairo_move_to(cr, cx, cy);
      cairo_arc(cr, cx, cy, radius, angle, angle + share * 2 * std::numbers::pi);
      cairo_close_path(cr);
      cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_set_line_width(cr, 2);
      cairo_stroke(cr);
      angle += share * 2 * std::numbers::pi;
    }
    // The legend names every slice with its share, so that thin slices are readable too.
    const double y = 140 + 34 * static_cast<double>(i);
    cairo_rectangle(cr, 400, y - 14, 18, 18);
    cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, 426, y);
    cairo_show_text(cr, fmt::format("{} {:.2f} %", slices[i].label, 100 * share).c_str());
  }
}

// Renders into `target`; errors name `shown`, the file the user asked for.
void render(const std::filesystem::path& target, const std::filesystem::path& shown, bool svg, const std::string& title,
            const std::vector<pie_slice>& slices) {
  surface_ptr surface(
      svg ? cairo_svg_surface_create(target.c_str(), width, height)
          : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(width), static_cast<int>(height)),
      cairo_surface_destroy);
  {
    context_ptr cr(cairo_create(surface.get()), cairo_destroy);
    draw(cr.get(), title, slices);
  }
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  if (svg) {
    cairo_surface_finish(surface.get());
    status = cairo_surface_status(surface.get());
  } else {
    status = cairo_surface_write_to_png(surface.get(), target.c_str());
  }
  if (status != CAIRO_STATUS_SUCCESS)
    throw output_error(fmt::format("cannot write {}: {}", shown, cairo_status_to_string(status)));
}

}  // namespace

void write_pie_chart(const std::filesystem::path& path, const std::string& title,
                     const std::vector<pie_slice>& slices) {
  const std::string extension = path.extension().string();
  if (extension != ".png" && extension != ".svg")
    throw output_error(fmt::format("cannot write {}: a chart is a .png or .svg file", path));
  write_atomically(path, [&](const std::filesystem::path& temporary) {
    render(temporary, path, extension == ".svg", title, slices);
  });
}

}  // namespace archdesc::tool
