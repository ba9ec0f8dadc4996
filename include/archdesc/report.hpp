// archdesc/report.hpp: the reference parameter report (Markdown), written with {fmt}.
//
//   auto traced = archdesc::trace(archdesc::resnet::resnext50_32x4d());
//   std::string md = archdesc::markdown_report("resnext50_32x4d", traced);
//
// The format and its rules: docs/REPORT_FORMAT.md.
#pragma once

#include <archdesc/detail/text.hpp>
#include <archdesc/shape.hpp>
#include <archdesc/trace.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc {

// "Vector", "Matrix" or "Tensor rank r", to anything with push_back(char) and append(string_view).
template <class Out>
void write_form_name(Out& out, form f) {
  if (f.rank == 1) {
    out.append("Vector");
  } else if (f.rank == 2) {
    out.append("Matrix");
  } else {
    out.append("Tensor rank ");
    detail::write_integer(out, f.rank);
  }
}

inline std::string form_name(form f) {
  std::string name;
  write_form_name(name, f);
  return name;
}

// A shape as a Python tuple: (64, 3, 7, 7), (64,), ().
inline std::string shape_text(const shape& s) {
  std::string text;
  detail::write_tuple(text, s);
  return text;
}

// A parameter total: the integer below 1000, then two decimals of K, M, G or T (999999 is 1000.00K).
inline std::string count_text(std::int64_t n) {
  constexpr std::string_view units = "KMGT";
  if (n < 1000) return fmt::format("{}", n);
  double scale = 1e3;
  std::size_t unit = 0;
  while (unit + 1 < units.size() && static_cast<double>(n) >= scale * 1e3) {
    scale *= 1e3;
    ++unit;
  }
  return fmt::format("{:.2f}{}", static_cast<double>(n) / scale, units[unit]);
}

// 100 * part / whole with two decimals.
inline std::string percent_text(std::int64_t part, std::int64_t whole) {
  return fmt::format("{:.2f}", whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// The forms of the report's columns: Vector and Matrix always, then every other rank present,
// ordered by their text.
inline std::vector<form> report_columns(const form_totals& forms) {
  std::vector<form> others;
  for (int rank = 0; rank <= shape::max_rank; ++rank)
    if (rank != 1 && rank != 2 && forms.tensors[static_cast<std::size_t>(rank)] > 0) others.push_back({rank});
  std::sort(others.begin(), others.end(), [](form a, form b) { return form_name(a) < form_name(b); });
  others.insert(others.begin(), {form{1}, form{2}});
  return others;
}

// The report; its image links to chart_link, or where the reference tool puts its chart.
inline std::string markdown_report(std::string_view name, const trace_result& traced,
                                   std::string_view chart_link = {}) {
  const std::vector<form> columns = report_columns(traced.forms);
  const auto tensors = static_cast<std::int64_t>(traced.parameters.size());
  std::string out;
  auto line = std::back_inserter(out);
  const auto table = [&](const std::array<std::int64_t, shape::max_rank + 1>& by_rank, std::int64_t whole) {
    out += "| ";
    for (form f : columns) fmt::format_to(line, "{} | ", form_name(f));
    out += "\n| ";  // the reference writes "|  --- |": two spaces before the first cell only
    for (std::size_t i = 0; i < columns.size(); ++i) out += " --- |";
    out += "\n| ";
    for (form f : columns)
      fmt::format_to(line, "{} | ", percent_text(by_rank[static_cast<std::size_t>(f.rank)], whole));
    out += "\n";
  };
  fmt::format_to(line, "# {} parameter information\n\n", name);
  fmt::format_to(line, "**Number of layers: [ {} ]**\n\n", tensors);
  fmt::format_to(line, "**Number of parameters: [ {} ]**\n\n", count_text(traced.parameter_total));
  out += "**Proportional of each form** (%)\n\n";
  table(traced.forms.tensors, tensors);
  out += "\n**Proportional of parameters by form** (%)\n\n\n";
  table(traced.forms.parameters, traced.parameter_total);
  const std::string link = chart_link.empty() ? fmt::format("../figs/{}_pie_chart.png", name) : std::string(chart_link);
  fmt::format_to(line, "\n<img src=\"{}\" alt=\"pie_chart\" width=\"500\"/>\n\n", link);
  out += "**Layer information**\n\n\n";
  out += "| Name | Shape | Squeezed shape | Number of parameters | Form |\n";
  out += "| --- | --- | --- | --- | --- |\n";
  // The room for every row reserved at once from each row's longest text, so that the table never
  // moves: DeepSeek-V3's table has 45,337 rows (4.6 MB). The cells after a row's name follow from
  // its shape alone, and a model repeats few shapes (an MoE layer's experts: two, 768 times), so
  // the cells of the last few shapes are kept and copied; others are written through a pointer, not
  // with {fmt} nor a std::string append per piece.
  struct cursor {
    char* at;
    void push_back(char c) { *at++ = c; }
    void append(std::string_view text) { at = std::copy(text.begin(), text.end(), at); }
  };
  // "(", 20 digits and ", " each, ",)"
  const auto longest_tuple = [](int rank) { return 3 + static_cast<std::size_t>(rank) * 22; };
  constexpr std::size_t longest_cells = 2 * (3 + shape::max_rank * 22) + 64;  // the rest: " | " x 4, a count, a form
  std::size_t room = out.size() + 1;
  for (const parameter_info& p : traced.parameters) room += 2 + p.name.size() + 2 * longest_tuple(p.dims.rank) + 64;
  out.reserve(room);
  struct shape_cells {
    shape dims;
    std::array<char, longest_cells> text;
    std::size_t size = 0;
  };
  std::array<shape_cells, 4> recent;
  std::size_t kept = 0;  // entries of recent in use; the next one replaced is kept % recent.size()
  for (const parameter_info& p : traced.parameters) {
    out += "| ";
    out += p.name;
    const auto end = recent.begin() + static_cast<std::ptrdiff_t>(std::min(kept, recent.size()));
    auto cells = std::find_if(recent.begin(), end, [&](const shape_cells& c) { return c.dims == p.dims; });
    if (cells == end) {
      cells = recent.begin() + static_cast<std::ptrdiff_t>(kept++ % recent.size());
      cursor row{cells->text.data()};
      row.append(" | ");
      detail::write_tuple(row, p.dims);
      row.append(" | ");
      detail::write_tuple(row, p.dims.squeezed());
      row.append(" | ");
      detail::write_integer(row, p.dims.elements());
      row.append(" | ");
      write_form_name(row, form_of(p.dims));
      row.append(" |\n");
      cells->dims = p.dims;
      cells->size = static_cast<std::size_t>(row.at - cells->text.data());
    }
    out.append(cells->text.data(), cells->size);
  }
  out += "\n";
  return out;
}

}  // namespace archdesc
