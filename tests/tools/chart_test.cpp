// The pictures: the module tree behind them, the squarified layout, the treemap, the HTML report,
// and the escaping of names from a descriptor in both.
#include <builtin_models.hpp>

#include <archdesc/tool/html_report.hpp>
#include <archdesc/tool/module_tree.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/treemap.hpp>

#include <architectures/torchvision/resnet.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <variant>

namespace chart_test {

using archdesc::tool::build_module_tree;
using archdesc::tool::measure;
using archdesc::tool::module_tree;

namespace {

std::size_t occurrences(const std::string& text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

const archdesc::tool::module_node& node_named(const module_tree& tree, std::string_view name) {
  const auto found = std::find_if(tree.nodes.begin(), tree.nodes.end(), [&](const auto& n) { return n.name == name; });
  REQUIRE(found != tree.nodes.end());
  return *found;
}

// The boxes of a drawing whose tooltip starts with `module (`.
double box_area(const archdesc::tool::drawing& picture, std::string_view module) {
  for (const auto& item : picture.shapes)
    if (const auto* box = std::get_if<archdesc::tool::box_shape>(&item))
      if (box->tooltip.starts_with(fmt::format("{} (", module))) return box->width * box->height;
  FAIL("no box for " << module);
  return 0;
}

}  // namespace

TEST_CASE("the module tree holds the trace's totals at its root, and subtrees within their parents", "[chart]") {
  for (const auto& model : archdesc::tool::builtin_models()) {
    INFO(model.name);
    const archdesc::trace_result traced = model.trace();
    const module_tree tree = build_module_tree(traced);
    const archdesc::tool::memory_estimate memory = archdesc::tool::estimate_memory(traced);
    CHECK(tree.nodes[0].parameters == traced.parameter_total);
    CHECK(tree.nodes[0].macs == traced.mac_total);
    CHECK(tree.nodes[0].memory == memory.parameters_fp32 + memory.activations_fp32);
    for (const auto& node : tree.nodes) {
      std::int64_t parameters = 0, macs = 0, bytes = 0;
      for (std::size_t child : node.children) {
        parameters += tree.nodes[child].parameters;
        macs += tree.nodes[child].macs;
        bytes += tree.nodes[child].memory;
        CHECK(tree.nodes[child].name.starts_with(node.name));
      }
      CHECK(parameters <= node.parameters);
      CHECK(macs <= node.macs);
      CHECK(bytes <= node.memory);
    }
  }
}

TEST_CASE("a module's node gives its type, output, calls and totals", "[chart]") {
  const module_tree tree = build_module_tree(archdesc::trace(archdesc::resnet::resnet18()));
  const auto& layer1 = node_named(tree, "layer1");
  CHECK(layer1.type == "Sequential");
  CHECK(layer1.output == archdesc::shape{1, 64, 56, 56});
  CHECK(layer1.parameters == 147968);
  CHECK(layer1.macs == 462422016);
  CHECK(layer1.children.size() == 2);
  CHECK(node_named(tree, "layer1.0.relu").calls == 2);  // a BasicBlock applies its ReLU twice
  CHECK(archdesc::tool::measure_text(46758048, measure::memory) == "44.6 MiB");
  CHECK(archdesc::tool::measure_text(1000, measure::memory) == "1000 B");
  CHECK(archdesc::tool::measure_text(11689512, measure::parameters) == "11.69M");
}

TEST_CASE("squarify tiles the area with boxes proportional to the weights, close to squares", "[chart]") {
  // Bruls, Huizing and van Wijk's example: a 6 x 4 rectangle and weights 6, 6, 4, 3, 2, 2, 1.
  const std::vector<double> weights{6, 6, 4, 3, 2, 2, 1};
  const auto boxes = archdesc::tool::squarify(weights, {0, 0, 6, 4});
  REQUIRE(boxes.size() == weights.size());
  // The first row is the two 6s, stacked at the left: 3 x 2 each.
  CHECK(boxes[0].x == Approx(0));
  CHECK(boxes[0].width == Approx(3));
  CHECK(boxes[0].height == Approx(2));
  CHECK(boxes[1].y == Approx(2));
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const auto& box = boxes[i];
    CHECK(box.width * box.height == Approx(weights[i]));
    CHECK(box.x >= -1e-9);
    CHECK(box.y >= -1e-9);
    CHECK(box.x + box.width <= 6 + 1e-9);
    CHECK(box.y + box.height <= 4 + 1e-9);
    CHECK(std::max(box.width / box.height, box.height / box.width) < 3);
    for (std::size_t j = 0; j < i; ++j) {
      const auto& other = boxes[j];
      const double overlap_x = std::min(box.x + box.width, other.x + other.width) - std::max(box.x, other.x);
      const double overlap_y = std::min(box.y + box.height, other.y + other.height) - std::max(box.y, other.y);
      CHECK((overlap_x <= 1e-9 || overlap_y <= 1e-9));
    }
  }
}

TEST_CASE("a treemap's areas are proportional to the measure", "[chart]") {
  const archdesc::trace_result traced = archdesc::trace(archdesc::resnet::resnet18());
  const module_tree tree = build_module_tree(traced);
  for (const measure by : {measure::parameters, measure::macs, measure::memory}) {
    const auto picture = archdesc::tool::treemap_drawing("resnet18", tree, by);
    const double layer4 = box_area(picture, "layer4"), layer3 = box_area(picture, "layer3");
    const double expected = static_cast<double>(measured(node_named(tree, "layer4"), by)) /
                            static_cast<double>(measured(node_named(tree, "layer3"), by));
    CHECK(layer4 / layer3 == Approx(expected).epsilon(1e-9));
  }
  // The top-level boxes share the plot: layer4 holds its share of all the parameters.
  const auto picture = archdesc::tool::treemap_drawing("resnet18", tree, measure::parameters);
  const double plot = (960 - 16) * (640 - 44 - 8);
  CHECK(box_area(picture, "layer4") / plot == Approx(8393728.0 / 11689512.0).epsilon(1e-9));
  const std::string svg = archdesc::tool::svg_element(picture);
  CHECK(svg.find(">layer4 · 8.39M (71.8 %)</text>") != std::string::npos);  // the biggest blocks are named
}

TEST_CASE("the HTML report has the totals, a row per tensor, the module tree and both charts", "[chart][html]") {
  const archdesc::trace_result traced = archdesc::trace(archdesc::resnet::resnet18());
  const std::string html = archdesc::tool::html_report("resnet18", traced);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<title>resnet18: archdesc report</title>") != std::string::npos);
  CHECK(html.find("<td id=\"parameters\">11.69M (11,689,512)</td>") != std::string::npos);
  CHECK(occurrences(html, "<tr><td class=\"count\" data-value=") == 62);
  const module_tree tree = build_module_tree(traced);
  const auto parents =
      std::count_if(tree.nodes.begin() + 1, tree.nodes.end(), [](const auto& n) { return !n.children.empty(); });
  CHECK(occurrences(html, "<details>") == static_cast<std::size_t>(parents));
  CHECK(occurrences(html, "<svg ") == 2);
  CHECK(html.find("src=") == std::string::npos);
}

TEST_CASE("names from a descriptor are escaped in the SVG and the HTML", "[chart][html]") {
  archdesc::trace_result traced;
  traced.parameters.push_back({"a<b>&\"c'.weight", archdesc::shape{2, 3}});
  traced.modules.push_back({"a<b>&\"c'", "T<x>", archdesc::shape{1, 2}, 6, 6, false, {}});
  traced.input = archdesc::shape{1, 3};
  traced.output = archdesc::shape{1, 2};
  traced.parameter_total = traced.active_parameter_total = traced.mac_total = 6;
  traced.forms.tensors[2] = 1;
  traced.forms.parameters[2] = 6;
  const std::string html = archdesc::tool::html_report("net<script>", traced);
  const std::string svg = archdesc::tool::svg_element(
      archdesc::tool::treemap_drawing("net<script>", build_module_tree(traced), measure::parameters));
  for (const std::string& page : {html, svg}) {
    CHECK(page.find("a&lt;b&gt;&amp;&quot;c&#39;") != std::string::npos);
    CHECK(page.find("net&lt;script&gt;") != std::string::npos);
    CHECK(page.find("a<b") == std::string::npos);
    CHECK(page.find("net<script") == std::string::npos);
    CHECK(page.find("T<x>") == std::string::npos);
  }
}

}  // namespace chart_test
