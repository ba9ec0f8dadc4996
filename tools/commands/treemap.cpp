#include <archdesc/tool/treemap.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace archdesc::tool {
namespace {

constexpr double chart_width = 960;
constexpr double chart_height = 640;
constexpr double title_height = 44;
constexpr double margin = 8;
constexpr double header_height = 16;  // a module's name above its submodules
constexpr double label_size = 11;
constexpr double value_size = 10;
constexpr double padding = 3;
constexpr double smallest_parent = 30;  // a smaller box shows no submodules: they would be unreadable

// Deeper modules are paler shades of their top-level module's colour.
colour shade(colour base, int depth) {
  const double toward_white = std::min(0.15 * (depth - 1), 0.6);
  const auto mix = [&](double level) { return level + (1 - level) * toward_white; };
  return {mix(base.red), mix(base.green), mix(base.blue)};
}

// The worst aspect ratio (at least 1) of a row of weights [first, last) summing to `sum`, laid
// along a side of length `side`.
double worst_ratio(const std::vector<double>& weights, std::size_t first, std::size_t last, double sum, double side) {
  const double largest = weights[first], smallest = weights[last - 1];
  const double side_squared = side * side, sum_squared = sum * sum;
  return std::max(side_squared * largest / sum_squared, sum_squared / (side_squared * smallest));
}

class treemap_painter {
 public:
  treemap_painter(const module_tree& tree, measure by, drawing& picture)
      : tree_(tree), by_(by), picture_(picture), total_(static_cast<double>(measured(tree.nodes[0], by))) {}

  // Lays the submodules of `parent` out in `area`; what the parent holds itself stays empty.
  void lay_out_children(std::size_t parent, layout_box area, int depth, const colour* top_colour) {
    std::vector<std::size_t> shown;
    for (std::size_t child : tree_.nodes[parent].children)
      if (measured(tree_.nodes[child], by_) > 0) shown.push_back(child);
    std::stable_sort(shown.begin(), shown.end(), [&](std::size_t a, std::size_t b) {
      return measured(tree_.nodes[a], by_) > measured(tree_.nodes[b], by_);
    });
    const auto value = [&](std::size_t n) { return static_cast<double>(measured(tree_.nodes[n], by_)); };
    const double parent_value = value(parent);
    std::vector<double> weights;
    for (std::size_t child : shown) weights.push_back(value(child));
    const double own = parent_value - std::accumulate(weights.begin(), weights.end(), 0.0);
    // The parent's own share is one more (empty) box, so that every area stays proportional.
    constexpr std::size_t own_share = static_cast<std::size_t>(-1);
    std::vector<std::size_t> order = shown;
    if (own > 0) {
      const auto at = std::find_if(weights.begin(), weights.end(), [&](double w) { return w < own; });
      order.insert(order.begin() + (at - weights.begin()), own_share);
      weights.insert(at, own);
    }
    if (weights.empty() || area.width <= 0 || area.height <= 0) return;
    const double scale = area.width * area.height / std::accumulate(weights.begin(), weights.end(), 0.0);
    for (double& weight : weights) weight *= scale;
    const std::vector<layout_box> boxes = squarify(weights, area);
    // Colours tell apart the first modules that share the model, below any that holds nearly all of
    // it (h in GPT-2, model and layers in Llama).
    std::size_t rank = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (order[i] == own_share) continue;
      const colour base = top_colour != nullptr ? *top_colour : chart_palette[rank++ % chart_palette.size()];
      const bool holds_nearly_all = top_colour == nullptr && value(order[i]) >= 0.9 * parent_value;
      paint(order[i], boxes[i], depth + 1, base, holds_nearly_all);
    }
  }

 private:
  const module_tree& tree_;
  measure by_;
  drawing& picture_;
  double total_;

  // The module's path below its parent's: "conv1" in layer1.0, "layer1" at the top.
  std::string label_of(const module_node& node) const {
    const std::string& parent = tree_.nodes[node.parent].name;
    return parent.empty() ? node.name : node.name.substr(parent.size() + 1);
  }

  bool fits(std::string_view text, double size, const layout_box& box) const {
    return text_width_bound(text, size) <= box.width - 2 * padding;
  }

  void text(double x, double y, std::string text, double size, bool bold) {
    picture_.shapes.emplace_back(text_shape{
        .x = x, .y = y, .text = std::move(text), .size = size, .bold = bold, .centred = false, .fill = chart_ink});
  }

  void paint(std::size_t n, layout_box box, int depth, colour base, bool holds_nearly_all) {
    const module_node& node = tree_.nodes[n];
    const std::int64_t value = measured(node, by_);
    const std::string label = label_of(node);
    const std::string value_text = measure_text(value, by_);
    const double share = 100 * static_cast<double>(value) / total_;
    const std::string type = node.type.empty() ? std::string() : fmt::format(" ({})", node.type);
    picture_.shapes.emplace_back(
        box_shape{.x = box.x,
                  .y = box.y,
                  .width = box.width,
                  .height = box.height,
                  .fill = shade(base, depth),
                  .outline_width = depth == 1 ? 2.0 : 1.0,
                  .tooltip = fmt::format("{}{}: {}, {:.2f} %", node.name, type, value_text, share)});
    const bool has_children = std::any_of(node.children.begin(), node.children.end(),
                                          [&](std::size_t child) { return measured(tree_.nodes[child], by_) > 0; });
    const std::string named = fmt::format("{} · {} ({:.1f} %)", label, value_text, share);
    if (has_children && box.width >= smallest_parent && box.height >= smallest_parent + header_height) {
      double top = padding;
      if (fits(named, label_size, box)) {
        text(box.x + padding, box.y + label_size + 2, named, label_size, depth == 1);
        top = header_height;
      } else if (fits(label, label_size, box)) {
        text(box.x + padding, box.y + label_size + 2, label, label_size, depth == 1);
        top = header_height;
      }
      lay_out_children(n, {box.x + padding, box.y + top, box.width - 2 * padding, box.height - top - padding}, depth,
                       holds_nearly_all ? nullptr : &base);
      return;
    }
    if (box.height < label_size + 4 || !fits(label, label_size, box)) return;
    text(box.x + padding, box.y + label_size + 2, label, label_size, depth == 1);
    const std::string detail = fmt::format("{} ({:.1f} %)", value_text, share);
    if (box.height >= label_size + value_size + 8 && fits(detail, value_size, box))
      text(box.x + padding, box.y + label_size + value_size + 5, detail, value_size, false);
  }
};

}  // namespace

std::vector<layout_box> squarify(const std::vector<double>& weights, layout_box area) {
  std::vector<layout_box> boxes(weights.size());
  std::size_t first = 0;
  while (first < weights.size()) {
    // A row along the shorter side grows while its worst aspect ratio improves.
    const double side = std::min(area.width, area.height);
    std::size_t last = first + 1;
    double sum = weights[first];
    double worst = worst_ratio(weights, first, last, sum, side);
    while (last < weights.size()) {
      const double longer_worst = worst_ratio(weights, first, last + 1, sum + weights[last], side);
      if (longer_worst > worst) break;
      worst = longer_worst;
      sum += weights[last++];
    }
    const double remaining = std::accumulate(weights.begin() + static_cast<std::ptrdiff_t>(first), weights.end(), 0.0);
    const double thickness_share = remaining > 0 ? sum / remaining : 1;
    double offset = 0;
    if (area.width >= area.height) {  // a column at the left
      const double thickness = area.width * thickness_share;
      for (std::size_t i = first; i < last; ++i) {
        const double length = sum > 0 ? area.height * weights[i] / sum : 0;
        boxes[i] = {area.x, area.y + offset, thickness, length};
        offset += length;
      }
      area.x += thickness;
      area.width -= thickness;
    } else {  // a row at the top
      const double thickness = area.height * thickness_share;
      for (std::size_t i = first; i < last; ++i) {
        const double length = sum > 0 ? area.width * weights[i] / sum : 0;
        boxes[i] = {area.x + offset, area.y, length, thickness};
        offset += length;
      }
      area.y += thickness;
      area.height -= thickness;
    }
    first = last;
  }
  return boxes;
}

drawing treemap_drawing(std::string_view model_name, const module_tree& tree, measure by) {
  drawing picture{.width = chart_width, .height = chart_height, .shapes = {}};
  picture.shapes.emplace_back(
      text_shape{.x = chart_width / 2,
                 .y = 30,
                 .text = fmt::format("{}: {} by module, {} in all", model_name, measure_title(by),
                                     measure_text(measured(tree.nodes[0], by), by)),
                 .size = 18,
                 .bold = true,
                 .centred = true,
                 .fill = chart_ink});
  if (measured(tree.nodes[0], by) <= 0) return picture;
  treemap_painter painter(tree, by, picture);
  painter.lay_out_children(0, {margin, title_height, chart_width - 2 * margin, chart_height - title_height - margin}, 0,
                           nullptr);
  return picture;
}

}  // namespace archdesc::tool
