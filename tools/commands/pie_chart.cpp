#include <archdesc/tool/pie_chart.hpp>

#include <archdesc/tool/atomic_file.hpp>

#include <cairo-svg.h>
#include <cairo.h>
#include <dlfcn.h>
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

// cairo, loaded when the first chart is drawn: linked, it and the libraries it brings (X11,
// fontconfig, freetype ...) cost every run of the command about twice an empty program's start-up.
class cairo_library {
 public:
  cairo_library() : handle_(open()) {}
  cairo_library(const cairo_library&) = delete;
  cairo_library& operator=(const cairo_library&) = delete;

 private:
  static void* open() {
    void* handle = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) throw output_error(fmt::format("cannot draw a chart: {} (install libcairo2)", dlerror()));
    return handle;
  }

  template <class Function>
  Function symbol(const char* name) const {
    void* address = dlsym(handle_, name);
    if (address == nullptr) throw output_error(fmt::format("cannot draw a chart: libcairo.so.2 lacks {}", name));
    return reinterpret_cast<Function>(address);
  }

  void* handle_;  // never closed: the functions below stay in use until the program ends

 public:
  decltype(&::cairo_arc) arc = symbol<decltype(&::cairo_arc)>("cairo_arc");
  decltype(&::cairo_close_path) close_path = symbol<decltype(&::cairo_close_path)>("cairo_close_path");
  decltype(&::cairo_create) create = symbol<decltype(&::cairo_create)>("cairo_create");
  decltype(&::cairo_destroy) destroy = symbol<decltype(&::cairo_destroy)>("cairo_destroy");
  decltype(&::cairo_fill) fill = symbol<decltype(&::cairo_fill)>("cairo_fill");
  decltype(&::cairo_fill_preserve) fill_preserve = symbol<decltype(&::cairo_fill_preserve)>("cairo_fill_preserve");
  decltype(&::cairo_image_surface_create) image_surface_create =
      symbol<decltype(&::cairo_image_surface_create)>("cairo_image_surface_create");
  decltype(&::cairo_move_to) move_to = symbol<decltype(&::cairo_move_to)>("cairo_move_to");
  decltype(&::cairo_paint) paint = symbol<decltype(&::cairo_paint)>("cairo_paint");
  decltype(&::cairo_rectangle) rectangle = symbol<decltype(&::cairo_rectangle)>("cairo_rectangle");
  decltype(&::cairo_select_font_face) select_font_face =
      symbol<decltype(&::cairo_select_font_face)>("cairo_select_font_face");
  decltype(&::cairo_set_font_size) set_font_size = symbol<decltype(&::cairo_set_font_size)>("cairo_set_font_size");
  decltype(&::cairo_set_line_width) set_line_width = symbol<decltype(&::cairo_set_line_width)>("cairo_set_line_width");
  decltype(&::cairo_set_source_rgb) set_source_rgb = symbol<decltype(&::cairo_set_source_rgb)>("cairo_set_source_rgb");
  decltype(&::cairo_show_text) show_text = symbol<decltype(&::cairo_show_text)>("cairo_show_text");
  decltype(&::cairo_status_to_string) status_to_string =
      symbol<decltype(&::cairo_status_to_string)>("cairo_status_to_string");
  decltype(&::cairo_stroke) stroke = symbol<decltype(&::cairo_stroke)>("cairo_stroke");
  decltype(&::cairo_surface_destroy) surface_destroy =
      symbol<decltype(&::cairo_surface_destroy)>("cairo_surface_destroy");
  decltype(&::cairo_surface_finish) surface_finish = symbol<decltype(&::cairo_surface_finish)>("cairo_surface_finish");
  decltype(&::cairo_surface_status) surface_status = symbol<decltype(&::cairo_surface_status)>("cairo_surface_status");
  decltype(&::cairo_surface_write_to_png) surface_write_to_png =
      symbol<decltype(&::cairo_surface_write_to_png)>("cairo_surface_write_to_png");
  decltype(&::cairo_svg_surface_create) svg_surface_create =
      symbol<decltype(&::cairo_svg_surface_create)>("cairo_svg_surface_create");
  decltype(&::cairo_text_extents) text_extents = symbol<decltype(&::cairo_text_extents)>("cairo_text_extents");
};

const cairo_library& cairo() {
  static const cairo_library library;
  return library;
}

using surface_ptr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using context_ptr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

void draw(const cairo_library& c, cairo_t* cr, const std::string& title, const std::vector<pie_slice>& slices) {
  c.set_source_rgb(cr, 1, 1, 1);
  c.paint(cr);
  c.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  c.set_font_size(cr, 20);
  cairo_text_extents_t extents;
  c.text_extents(cr, title.c_str(), &extents);
  c.set_source_rgb(cr, 0.1, 0.1, 0.1);
  c.move_to(cr, (width - extents.width) / 2 - extents.x_bearing, 36);
  c.show_text(cr, title.c_str());

  double total = 0;
  for (const auto& slice : slices) total += static_cast<double>(slice.value);
  const double cx = 200, cy = 260, radius = 170;
  double angle = -std::numbers::pi / 2;
  c.set_font_size(cr, 15);
  c.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const double share = total > 0 ? static_cast<double>(slices[i].value) / total : 0;
    const rgb colour = palette[i % palette.size()];
    if (share > 0) {
      c.move_to(cr, cx, cy);
      c.arc(cr, cx, cy, radius, angle, angle + share * 2 * std::numbers::pi);
      c.close_path(cr);
      c.set_source_rgb(cr, colour.r, colour.g, colour.b);
      c.fill_preserve(cr);
      c.set_source_rgb(cr, 1, 1, 1);
      c.set_line_width(cr, 2);
      c.stroke(cr);
      angle += share * 2 * std::numbers::pi;
    }
    // The legend names every slice with its share, so that thin slices are readable too.
    const double y = 140 + 34 * static_cast<double>(i);
    c.rectangle(cr, 400, y - 14, 18, 18);
    c.set_source_rgb(cr, colour.r, colour.g, colour.b);
    c.fill(cr);
    c.set_source_rgb(cr, 0.1, 0.1, 0.1);
    c.move_to(cr, 426, y);
    c.show_text(cr, fmt::format("{} {:.2f} %", slices[i].label, 100 * share).c_str());
  }
}

// Renders into `target`; errors name `shown`, the file the user asked for.
void render(const std::filesystem::path& target, const std::filesystem::path& shown, bool svg, const std::string& title,
            const std::vector<pie_slice>& slices) {
  const cairo_library& c = cairo();
  surface_ptr surface(
      svg ? c.svg_surface_create(target.c_str(), width, height)
          : c.image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(width), static_cast<int>(height)),
      c.surface_destroy);
  {
    context_ptr cr(c.create(surface.get()), c.destroy);
    draw(c, cr.get(), title, slices);
  }
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  if (svg) {
    c.surface_finish(surface.get());
    status = c.surface_status(surface.get());
  } else {
    status = c.surface_write_to_png(surface.get(), target.c_str());
  }
  if (status != CAIRO_STATUS_SUCCESS)
    throw output_error(fmt::format("cannot write {}: {}", shown, c.status_to_string(status)));
}

}  // namespace

void add_pie_chart(output_files& outputs, const std::filesystem::path& path, std::string title,
                   std::vector<pie_slice> slices) {
  const std::string extension = path.extension().string();
  if (extension != ".png" && extension != ".svg")
    throw output_error(fmt::format("cannot write {}: a chart is a .png or .svg file", path));
  outputs.add(path, [path, svg = extension == ".svg", title = std::move(title), slices = std::move(slices)](
                        const std::filesystem::path& temporary) { render(temporary, path, svg, title, slices); });
}

void write_pie_chart(const std::filesystem::path& path, const std::string& title,
                     const std::vector<pie_slice>& slices) {
  output_files outputs;
  add_pie_chart(outputs, path, title, slices);
  outputs.commit();
}

}  // namespace archdesc::tool
