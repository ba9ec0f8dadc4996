#include <archdesc/tool/html_report.hpp>

#include <archdesc/tool/markup.hpp>
#include <archdesc/tool/module_tree.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/treemap.hpp>
#include <archdesc/tool/units.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>

#include <iterator>

namespace archdesc::tool {
namespace {

std::string count_cell(std::int64_t n) {
  return fmt::format(R"(<td class="count" data-value="{}">{}</td>)", n, grouped(n));
}

constexpr std::string_view style = R"(
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #1a1a1a; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; } th, td { padding: 0.2em 0.7em; text-align: left; border-bottom: 1px solid #ddd; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
#layers th { cursor: pointer; user-select: none; background: #f2f2f2; position: sticky; top: 0; }
#layers th[aria-sort=ascending]::after { content: " \25B2"; } #layers th[aria-sort=descending]::after { content: " \25BC"; }
svg { max-width: 100%; height: auto; }
.row { display: grid; grid-template-columns: minmax(14em, 1fr) 14em 12em 9em 12em; border-bottom: 1px solid #eee; padding: 0.1em 0; }
.row > span:nth-child(n+4) { text-align: right; font-variant-numeric: tabular-nums; }
.row.head { font-weight: bold; background: #f2f2f2; }
summary.row { cursor: pointer; list-style: none; } summary.row::-webkit-details-marker { display: none; }
summary.row > span:first-child::before { content: "\25B8  "; } details[open] > summary.row > span:first-child::before { content: "\25BE  "; }
div.row > span:first-child::before { content: "\2003 "; }
)";

// Sorts the tensor table by a column when its header is clicked, or as the address's
// #sort=KEY-ascending|descending asks.
constexpr std::string_view script = R"(
"use strict";
(function () {
  const table = document.getElementById("layers");
  const headers = Array.from(table.tHead.rows[0].cells);
  const body = table.tBodies[0];
  function sortBy(column, descending) {
    const numeric = headers[column].hasAttribute("data-numeric");
    const key = (row) => (numeric ? Number(row.cells[column].dataset.value) : row.cells[column].textContent);
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const order = numeric ? key(a) - key(b) : key(a).localeCompare(key(b), "en", { numeric: true });
      return descending ? -order : order;
    });
    const sorted = document.createDocumentFragment();
    rows.forEach((row) => sorted.appendChild(row));
    body.appendChild(sorted);
    headers.forEach((header) => header.removeAttribute("aria-sort"));
    headers[column].setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  headers.forEach((header, column) => {
    header.addEventListener("click", () => {
      const descending = header.getAttribute("aria-sort") === "ascending";
      sortBy(column, descending);
      history.replaceState(null, "", "#sort=" + header.dataset.key + (descending ? "-descending" : "-ascending"));
    });
  });
  const asked = /^#sort=([a-z]+)-(ascending|descending)$/.exec(location.hash);
  const column = asked ? headers.findIndex((header) => header.dataset.key === asked[1]) : -1;
  if (column >= 0) sortBy(column, asked[2] === "descending");
})();
)";

class page_writer {
 public:
  page_writer(std::string_view name, const trace_result& traced)
      : name_(name), traced_(traced), tree_(build_module_tree(traced)) {}

  std::string write() {
    out_ += fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">\n<title>{0}: archdesc report</title>\n<style>{1}</style>\n</head>\n<body>\n"
        "<h1>{0} parameter information</h1>\n",
        escape_markup(name_), style);
    totals();
    forms();
    charts();
    modules();
    layers();
    out_ += fmt::format("<script>{}</script>\n</body>\n</html>\n", script);
    return std::move(out_);
  }

 private:
  std::string_view name_;
  const trace_result& traced_;
  module_tree tree_;
  std::string out_;

  void totals() {
    const memory_estimate memory = estimate_memory(traced_);
    const auto row = [&](std::string_view title, std::string_view id, std::string_view value) {
      out_ += fmt::format("<tr><th>{}</th><td id=\"{}\">{}</td></tr>\n", title, id, value);
    };
    const auto bytes = [](std::int64_t n) {
      return fmt::format("{} ({} B)", measure_text(n, measure::memory), grouped(n));
    };
    out_ += "<table class=\"totals\">\n";
    row("Number of layers", "tensors", grouped(static_cast<std::int64_t>(traced_.parameters.size())));
    row("Number of parameters", "parameters",
        fmt::format("{} ({})", count_text(traced_.parameter_total), grouped(traced_.parameter_total)));
    // Only a mixture of experts leaves some parameters idle for a token.
    if (traced_.active_parameter_total != traced_.parameter_total)
      row("Active parameters per token", "active-parameters",
          fmt::format("{} ({})", count_text(traced_.active_parameter_total), grouped(traced_.active_parameter_total)));
    row("Input", "input", shape_text(traced_.input));
    row("Output", "output", shape_text(traced_.output));
    row("MACs at batch 1", "macs", fmt::format("{} ({})", count_text(traced_.mac_total), grouped(traced_.mac_total)));
    row("Parameters fp32", "parameters-fp32", bytes(memory.parameters_fp32));
    row("Parameters bf16/fp16", "parameters-16bit", bytes(memory.parameters_16bit));
    row("Parameters int8", "parameters-int8", bytes(memory.parameters_int8));
    row("Activations fp32 (forward, batch 1)", "activations-fp32", bytes(memory.activations_fp32));
    out_ += "</table>\n";
  }

  void forms() {
    const std::vector<form> columns = report_columns(traced_.forms);
    const auto table = [&](std::string_view title, const auto& by_rank, std::int64_t whole) {
      out_ += fmt::format("<h2>{} (%)</h2>\n<table class=\"forms\">\n<tr>", title);
      for (form f : columns) out_ += fmt::format("<th>{}</th>", form_name(f));
      out_ += "</tr>\n<tr>";
      for (form f : columns)
        out_ +=
            fmt::format("<td class=\"count\">{}</td>", percent_text(by_rank[static_cast<std::size_t>(f.rank)], whole));
      out_ += "</tr>\n</table>\n";
    };
    table("Proportional of each form", traced_.forms.tensors, static_cast<std::int64_t>(traced_.parameters.size()));
    table("Proportional of parameters by form", traced_.forms.parameters, traced_.parameter_total);
  }

  void charts() {
    out_ += fmt::format(
        "<figure id=\"pie-chart\">\n{}</figure>\n",
        svg_element(pie_chart_drawing(fmt::format("{}: parameters by form", name_), slices_by_form(traced_))));
    out_ += fmt::format("<h2>Where the parameters go</h2>\n<figure id=\"treemap\">\n{}</figure>\n",
                        svg_element(treemap_drawing(name_, tree_, measure::parameters)));
  }

  void modules() {
    out_ +=
        "<h2>Modules</h2>\n<div id=\"modules\">\n<div class=\"row head\"><span>Module</span><span>Type</span>"
        "<span>Output shape</span><span>Parameters</span><span>MACs</span></div>\n";
    for (std::size_t child : tree_.nodes[0].children) module(child, 0);
    out_ += "</div>\n";
  }

  void module(std::size_t n, int depth) {
    const module_node& node = tree_.nodes[n];
    const std::string& parent = tree_.nodes[node.parent].name;
    const std::string label = parent.empty() ? node.name : node.name.substr(parent.size() + 1);
    const std::string calls = node.calls > 1 ? fmt::format(" &#215;{}", node.calls) : std::string();
    const std::string cells = fmt::format(
        "<span style=\"padding-left:{}em\" title=\"{}\">{}</span><span>{}{}</span><span>{}</span><span>{}</span>"
        "<span>{}</span>",
        1.2 * depth, escape_markup(node.name), escape_markup(label), escape_markup(node.type), calls,
        node.calls > 0 ? shape_text(node.output) : std::string(), grouped(node.parameters), grouped(node.macs));
    if (node.children.empty()) {
      out_ += fmt::format("<div class=\"row\">{}</div>\n", cells);
      return;
    }
    out_ += fmt::format("<details>\n<summary class=\"row\">{}</summary>\n", cells);
    for (std::size_t child : node.children) module(child, depth + 1);
    out_ += "</details>\n";
  }

  void layers() {
    out_ +=
        "<h2>Layer information</h2>\n<table id=\"layers\">\n<thead><tr><th data-key=\"index\" data-numeric>#</th>"
        "<th data-key=\"name\">Name</th><th data-key=\"shape\">Shape</th><th data-key=\"squeezed\">Squeezed shape</th>"
        "<th data-key=\"parameters\" data-numeric>Number of parameters</th><th data-key=\"form\">Form</th></tr></thead>"
        "\n<tbody>\n";
    std::int64_t index = 0;
    for (const parameter_info& p : traced_.parameters)
      out_ += fmt::format("<tr>{}<td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>\n", count_cell(++index),
                          escape_markup(p.name), shape_text(p.dims), shape_text(p.dims.squeezed()),
                          count_cell(p.dims.elements()), form_name(form_of(p.dims)));
    out_ += "</tbody>\n</table>\n";
  }
};

}  // namespace

std::string html_report(std::string_view name, const trace_result& traced) { return page_writer(name, traced).write(); }

}  // namespace archdesc::tool
