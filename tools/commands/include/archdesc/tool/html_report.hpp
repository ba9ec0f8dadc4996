// archdesc/tool/html_report.hpp: `archdesc report NAME --format html`, one self-contained page: the
// report's numbers, costs, the pie chart and the treemap (inline SVG), the module tree
// (collapsible) and the tensor table, sortable by a small inline script. Nothing is loaded from
// elsewhere (its Content-Security-Policy forbids it) and every name is escaped.
//
//   write_text_atomically("resnet18.html", html_report("resnet18", archdesc::trace(archdesc::resnet::resnet18())));
//
// Opened as resnet18.html#sort=parameters-descending, the table comes sorted by that column; a
// click on a column's header sorts by it and sets that address.
#pragma once

#include <archdesc/trace.hpp>

#include <string>
#include <string_view>

namespace archdesc::tool {

std::string html_report(std::string_view name, const trace_result& traced);

}  // namespace archdesc::tool
