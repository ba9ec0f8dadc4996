// archdesc/tool/module_tree.hpp: a trace's modules as a tree of their paths, each with its
// subtree's parameters, MACs and memory, for the treemap, the HTML report and the memory plan's
// largest block.
#pragma once

#include <archdesc/trace.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc::tool {

struct module_node {
  std::string name;  // the module's path ("layer1.0.conv1"); "" for the model itself
  std::string type;  // of its first call; "" for a module never called (a ModuleList, the model)
  shape output;      // of its first call
  std::int64_t calls = 0;
  // Each total counts the module's own share and its submodules' (which may be less than the
  // total: an attention's own matrix products are MACs of no submodule).
  std::int64_t parameters = 0;  // its parameter tensors' elements
  std::int64_t macs = 0;        // of all its calls
  std::int64_t memory = 0;      // bytes: its parameters in fp32, and the fp32 outputs of its leaf calls at batch 1
  std::size_t parent = 0;
  std::vector<std::size_t> children;  // in the order of their first call or tensor
};

// nodes[0] is the model: its totals are the trace's, and its memory is --with-cost's parameters
// fp32 plus activations fp32.
struct module_tree {
  std::vector<module_node> nodes;
};
module_tree build_module_tree(const trace_result& traced);

// What a chart's areas are proportional to.
enum class measure { parameters, macs, memory };
std::int64_t measured(const module_node& node, measure by);
// "11.69M" for parameters and MACs, "44.6 MiB" for memory.
std::string measure_text(std::int64_t value, measure by);
// "parameters", "MACs", "memory (fp32, batch 1)".
std::string_view measure_title(measure by);

// Whether traced.modules[i] calls no module in turn: its output is an activation a forward pass keeps.
bool is_leaf_call(const trace_result& traced, std::size_t i);

}  // namespace archdesc::tool
