#include <archdesc/tool/module_tree.hpp>

#include <archdesc/checked.hpp>
#include <archdesc/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace archdesc::tool {
namespace {

constexpr std::int64_t fp32_bytes = 4;

// "layer1.0.conv1.weight" -> "layer1.0.conv1"; "class_token" -> "".
std::string owner_path(std::string_view name) {
  const std::size_t cut = name.rfind('.');
  return std::string(cut == std::string_view::npos ? std::string_view() : name.substr(0, cut));
}

class tree_builder {
 public:
  module_tree tree;

  tree_builder() { tree.nodes.emplace_back(); }

  // The node of a path, made with its missing ancestors when first seen: a parent's index is
  // always below its children's.
  std::size_t node_of(const std::string& path) {
    if (const auto found = index_.find(path); found != index_.end()) return found->second;
    const std::size_t parent = node_of(owner_path(path));
    const std::size_t made = tree.nodes.size();
    module_node& node = tree.nodes.emplace_back();
    node.name = path;
    node.parent = parent;
    tree.nodes[parent].children.push_back(made);
    index_.emplace(path, made);
    return made;
  }

 private:
  std::unordered_map<std::string, std::size_t> index_{{"", 0}};
};

}  // namespace

bool is_leaf_call(const trace_result& traced, std::size_t i) {
  if (i + 1 == traced.modules.size()) return true;
  const std::string& name = traced.modules[i].name;
  const std::string& next = traced.modules[i + 1].name;
  return !(next.size() > name.size() && next.compare(0, name.size(), name) == 0 && next[name.size()] == '.');
}

module_tree build_module_tree(const trace_result& traced) {
  tree_builder builder;
  std::vector<module_node>& nodes = builder.tree.nodes;
  for (std::size_t i = 0; i < traced.modules.size(); ++i) {
    const module_info& call = traced.modules[i];
    module_node& node = nodes[builder.node_of(call.name)];
    if (node.calls++ == 0) {
      node.type = call.type;
      node.output = call.output;
    }
    node.macs = checked_add(node.macs, call.macs);
    if (is_leaf_call(traced, i))
      node.memory = checked_add(node.memory, checked_mul(call.output.elements(), fp32_bytes));
  }
  for (const parameter_info& p : traced.parameters) {
    module_node& node = nodes[builder.node_of(owner_path(p.name))];
    node.parameters = checked_add(node.parameters, p.dims.elements());
    node.memory = checked_add(node.memory, checked_mul(p.dims.elements(), fp32_bytes));
  }
  // Children come after their parent: one backward sweep adds each subtree into its parent. A
  // call's MACs already hold its submodules' calls; a module never called holds only theirs.
  std::vector<std::int64_t> children_macs(nodes.size(), 0);
  for (std::size_t n = nodes.size() - 1; n > 0; --n) {
    module_node& node = nodes[n];
    node.macs = std::max(node.macs, children_macs[n]);
    module_node& parent = nodes[node.parent];
    parent.parameters = checked_add(parent.parameters, node.parameters);
    parent.memory = checked_add(parent.memory, node.memory);
    children_macs[node.parent] = checked_add(children_macs[node.parent], node.macs);
  }
  nodes[0].macs = std::max(traced.mac_total, children_macs[0]);
  return std::move(builder.tree);
}

std::int64_t measured(const module_node& node, measure by) {
  switch (by) {
    case measure::parameters:
      return node.parameters;
    case measure::macs:
      return node.macs;
    case measure::memory:
      return node.memory;
  }
  return 0;
}

std::string measure_text(std::int64_t value, measure by) {
  if (by != measure::memory) return count_text(value);
  constexpr std::array<std::string_view, 5> units{"B", "KiB", "MiB", "GiB", "TiB"};
  double scaled = static_cast<double>(value);
  std::size_t unit = 0;
  while (unit + 1 < units.size() && scaled >= 1024) {
    scaled /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", value) : fmt::format("{:.1f} {}", scaled, units[unit]);
}

std::string_view measure_title(measure by) {
  switch (by) {
    case measure::parameters:
      return "parameters";
    case measure::macs:
      return "MACs";
    case measure::memory:
      return "memory (fp32, batch 1)";
  }
  return {};
}

}  // namespace archdesc::tool
