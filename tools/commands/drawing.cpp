#include <archdesc/tool/drawing.hpp>

#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/markup.hpp>

#include <cairo.h>
#include <dlfcn.h>
#include <fmt/format.h>
#include <fmt/std.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

namespace archdesc::tool {
namespace {

// cairo, loaded when the first PNG is drawn: linked, it and the libraries it brings (X11,
// fontconfig, freetype ...) cost every run of the command about twice an empty program's start-up.
class cairo_library {
 public:
  cairo_library() : handle_(open()) {}
  cairo_library(const cairo_library&) = delete;
  cairo_library& operator=(const cairo_library&) = delete;

 private:
  static void* open() {
    void* handle = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) throw output_error(fmt::format("cannot draw a PNG: {} (install libcairo2)", dlerror()));
    return handle;
  }

  template <class Function>
  Function symbol(const char* name) const {
    void* address = dlsym(handle_, name);
    if (address == nullptr) throw output_error(fmt::format("cannot draw a PNG: libcairo.so.2 lacks {}", name));
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
  decltype(&::cairo_surface_write_to_png) surface_write_to_png =
      symbol<decltype(&::cairo_surface_write_to_png)>("cairo_surface_write_to_png");
  decltype(&::cairo_text_extents) text_extents = symbol<decltype(&::cairo_text_extents)>("cairo_text_extents");
};

const cairo_library& cairo() {
  static const cairo_library library;
  return library;
}

constexpr std::string_view font_family = "DejaVu Sans";
constexpr double full_turn = 2 * std::numbers::pi;

// The angle of a wedge that is the whole pie, less rounding.
bool is_full_turn(const wedge_shape& wedge) { return wedge.to - wedge.from >= full_turn * (1 - 1e-9); }

struct cairo_painter {
  const cairo_library& c;
  cairo_t* cr;

  void set_colour(colour fill) const { c.set_source_rgb(cr, fill.red, fill.green, fill.blue); }

  void operator()(const box_shape& box) const {
    c.rectangle(cr, box.x, box.y, box.width, box.height);
    set_colour(box.fill);
    if (box.outline_width <= 0) {
      c.fill(cr);
      return;
    }
    c.fill_preserve(cr);
    c.set_source_rgb(cr, 1, 1, 1);
    c.set_line_width(cr, box.outline_width);
    c.stroke(cr);
  }

  void operator()(const wedge_shape& wedge) const {
    if (!is_full_turn(wedge)) c.move_to(cr, wedge.centre_x, wedge.centre_y);
    c.arc(cr, wedge.centre_x, wedge.centre_y, wedge.radius, wedge.from, wedge.to);
    c.close_path(cr);
    set_colour(wedge.fill);
    c.fill_preserve(cr);
    c.set_source_rgb(cr, 1, 1, 1);
    c.set_line_width(cr, 2);
    c.stroke(cr);
  }

  void operator()(const text_shape& text) const {
    const std::string family(font_family);
    c.select_font_face(cr, family.c_str(), CAIRO_FONT_SLANT_NORMAL,
                       text.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    c.set_font_size(cr, text.size);
    double x = text.x;
    if (text.centred) {
      cairo_text_extents_t extents;
      c.text_extents(cr, text.text.c_str(), &extents);
      x -= extents.x_advance / 2;
    }
    set_colour(text.fill);
    c.move_to(cr, x, text.y);
    c.show_text(cr, text.text.c_str());
  }
};

void write_png(const std::filesystem::path& target, const std::filesystem::path& shown, const drawing& picture) {
  const cairo_library& c = cairo();
  using surface_ptr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
  using context_ptr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
  surface_ptr surface(c.image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(std::ceil(picture.width)),
                                             static_cast<int>(std::ceil(picture.height))),
                      c.surface_destroy);
  {
    context_ptr cr(c.create(surface.get()), c.destroy);
    c.set_source_rgb(cr.get(), 1, 1, 1);
    c.paint(cr.get());
    const cairo_painter painter{c, cr.get()};
    for (const shape_item& item : picture.shapes) std::visit(painter, item);
  }
  const cairo_status_t status = c.surface_write_to_png(surface.get(), target.c_str());
  if (status != CAIRO_STATUS_SUCCESS)
    throw output_error(fmt::format("cannot write {}: {}", shown, c.status_to_string(status)));
}

std::string svg_colour(colour fill) {
  const auto byte = [](double level) { return static_cast<int>(std::lround(std::clamp(level, 0.0, 1.0) * 255)); };
  return fmt::format("#{:02x}{:02x}{:02x}", byte(fill.red), byte(fill.green), byte(fill.blue));
}

struct svg_writer {
  std::string& out;

  void operator()(const box_shape& box) const {
    out += fmt::format(R"(<rect x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}" fill="{}")", box.x, box.y,
                       box.width, box.height, svg_colour(box.fill));
    if (box.outline_width > 0) out += fmt::format(R"( stroke="#ffffff" stroke-width="{:g}")", box.outline_width);
    if (box.tooltip.empty()) {
      out += "/>\n";
      return;
    }
    out += fmt::format("><title>{}</title></rect>\n", escape_markup(box.tooltip));
  }

  void operator()(const wedge_shape& wedge) const {
    const std::string fill = svg_colour(wedge.fill);
    if (is_full_turn(wedge)) {
      out += fmt::format(R"(<circle cx="{:.2f}" cy="{:.2f}" r="{:.2f}" fill="{}" stroke="#ffffff" stroke-width="2"/>)"
                         "\n",
                         wedge.centre_x, wedge.centre_y, wedge.radius, fill);
      return;
    }
    const auto point = [&](double angle) {
      return fmt::format("{:.2f} {:.2f}", wedge.centre_x + wedge.radius * std::cos(angle),
                         wedge.centre_y + wedge.radius * std::sin(angle));
    };
    out += fmt::format(
        R"(<path d="M {:.2f} {:.2f} L {} A {:.2f} {:.2f} 0 {} 1 {} Z" fill="{}" stroke="#ffffff" stroke-width="2"/>)"
        "\n",
        wedge.centre_x, wedge.centre_y, point(wedge.from), wedge.radius, wedge.radius,
        wedge.to - wedge.from > std::numbers::pi ? 1 : 0, point(wedge.to), fill);
  }

  void operator()(const text_shape& text) const {
    out += fmt::format(R"(<text x="{:.2f}" y="{:.2f}" font-size="{:g}" fill="{}")", text.x, text.y, text.size,
                       svg_colour(text.fill));
    if (text.bold) out += R"( font-weight="bold")";
    if (text.centred) out += R"( text-anchor="middle")";
    out += fmt::format(">{}</text>\n", escape_markup(text.text));
  }
};

}  // namespace

double text_width_bound(std::string_view text, double size) {
  // DejaVu Sans's widest glyphs (m, w, M, W, @, %) are about one em; other capitals stay below
  // 0.8 em, other lower-case letters, digits and punctuation below 0.7 em, in bold as well.
  double ems = 0;
  for (const char c : text) {
    if (std::string_view("mwMW@%").find(c) != std::string_view::npos) {
      ems += 1.0;
    } else if (c >= 'A' && c <= 'Z') {
      ems += 0.8;
    } else {
      ems += 0.7;
    }
  }
  return ems * size;
}

std::optional<picture_format> picture_format_of(const std::filesystem::path& path) {
  const std::filesystem::path extension = path.extension();
  if (extension == ".png") return picture_format::png;
  if (extension == ".svg") return picture_format::svg;
  return std::nullopt;
}

std::string svg_element(const drawing& picture) {
  std::string out =
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0:g}" height="{1:g}" viewBox="0 0 {0:g} {1:g}" )"
                  R"(font-family="{2}, Verdana, Arial, sans-serif">)"
                  "\n"
                  R"(<rect width="{0:g}" height="{1:g}" fill="#ffffff"/>)"
                  "\n",
                  picture.width, picture.height, font_family);
  const svg_writer writer{out};
  for (const shape_item& item : picture.shapes) std::visit(writer, item);
  out += "</svg>\n";
  return out;
}

void add_drawing(output_files& outputs, const std::filesystem::path& path, drawing picture) {
  const std::optional<picture_format> format = picture_format_of(path);
  if (!format) throw output_error(fmt::format("cannot write {}: a chart is a .png or .svg file", path));
  if (*format == picture_format::svg) {
    outputs.add_text(path, R"(<?xml version="1.0" encoding="UTF-8"?>)"
                           "\n" +
                               svg_element(picture));
    return;
  }
  outputs.add(path, [path, picture = std::move(picture)](const std::filesystem::path& temporary) {
    write_png(temporary, path, picture);
  });
}

void write_drawing(const std::filesystem::path& path, drawing picture) {
  output_files outputs;
  add_drawing(outputs, path, std::move(picture));
  outputs.commit();
}

}  // namespace archdesc::tool
