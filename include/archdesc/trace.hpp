// archdesc/trace.hpp: a descriptor's tables at run time: every parameter, buffer, state_dict()
// entry and module call, with the totals, for tools and reports.
//
//   archdesc::trace_result t = archdesc::trace(archdesc::resnet::resnet18());
//   // t.parameters[0].name == "conv1.weight", t.modules[0].type == "Conv2d", t.output == {1, 1000}
//   // t.state_dict[3].name == "bn1.running_mean", t.buffers[2].type == archdesc::dtype::int64
//
// A wrong descriptor (one made at run time, from a command line or a config file) throws
// archdesc::invalid_descriptor with the message a compile error would carry. A caller that reads
// only some tables names them, and the trace builds only those (the totals always):
//   archdesc::trace(net, archdesc::default_input(net), archdesc::trace_tables::parameters_only());
#pragma once

#include <archdesc/descriptor.hpp>
#include <archdesc/dtype.hpp>
#include <archdesc/queries.hpp>
#include <archdesc/shape.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc {

struct parameter_info {
  std::string name;
  shape dims;
};

// A buffer or a state_dict() entry.
struct tensor_info {
  std::string name;
  shape dims;
  archdesc::dtype type = archdesc::dtype::float32;
  state_kind kind = state_kind::parameter;
};

struct module_info {
  std::string name;
  std::string type;
  shape output;
  std::int64_t parameters = 0;
  std::int64_t macs = 0;
  bool paired_with_none = false;  // PyTorch returns (output, None)
  shape paired_sizes;             // rank > 0 where PyTorch returns (output, sizes)
};

// The tables a trace builds. Without module calls the pass keeps names only, and describes
// repeated copies (scope::repeat) once, copying their entries under the later indices, where the
// module calls need every copy described: DeepSeek-V3's trace costs a seventh as much.
struct trace_tables {
  bool parameters = true;
  bool buffers = true;
  bool state_dict = true;
  bool modules = true;  // module calls, and what depends on the data (data_dependent)

  static constexpr trace_tables parameters_only() { return {true, false, false, false}; }
};

// The tables a trace_tables leaves out are empty; the totals are the same either way.
struct trace_result {
  std::vector<parameter_info> parameters;
  std::vector<tensor_info> buffers;     // every buffer, persistent or not, in module order
  std::vector<tensor_info> state_dict;  // parameters, tied parameters again, persistent buffers
  std::vector<module_info> modules;     // every module call, in the order the calls start
  // What modules do that depends on the data and is not run: "path (Type): what" ("Type: what" for
  // the model itself), once each.
  std::vector<std::string> data_dependent;
  shape input;  // batch dimension first
  shape output;
  std::int64_t parameter_total = 0;
  std::int64_t active_parameter_total = 0;  // per token: less than the total in a mixture of experts
  std::int64_t mac_total = 0;
  std::int64_t buffer_bytes = 0;  // every buffer's, in its dtype
  form_totals forms;
};

template <descriptor D>
trace_result trace(const D& net, const shape& input, const trace_tables& tables = {}) {
  const detail::pass pass = detail::run(net, tables.modules ? detail::keep::tables : detail::keep::names,
                                        detail::on_mistake::stop, input, true, detail::buffers::kept);
  const detail::record& made = pass.made;
  trace_result result;
  result.input = detail::batch_of_one(input);
  result.output = pass.output;
  result.parameter_total = made.parameter_total;
  result.active_parameter_total = made.parameter_total - made.inactive_parameter_total;
  result.mac_total = made.mac_total;
  result.buffer_bytes = made.buffer_byte_total;
  result.forms = detail::forms_of(made);
  const detail::record::step_path_list paths = made.step_paths();
  const auto qualified = [&](int owner, const char* leaf) {
    const std::string_view path = paths[static_cast<std::size_t>(owner)];
    const std::string_view name = leaf;
    std::string qualified_name;
    qualified_name.reserve(path.size() + 1 + name.size());
    qualified_name.append(path);
    if (!path.empty()) qualified_name.push_back('.');
    qualified_name.append(name);
    return qualified_name;
  };
  if (tables.parameters) {
    result.parameters.reserve(made.parameters.size());
    for (const auto& p : made.parameters) result.parameters.push_back({qualified(p.owner, p.name), p.dims});
  }
  if (tables.buffers)
    for (const auto& entry : made.other_state)
      if (entry.kind != state_kind::tied_parameter)
        result.buffers.push_back({qualified(entry.owner, entry.name), entry.dims, entry.type, entry.kind});
  if (tables.state_dict) {
    result.state_dict.reserve(static_cast<std::size_t>(made.state_tensor_total()));
    made.visit_state_dict([&](const detail::record::state_entry& entry) {
      result.state_dict.push_back({qualified(entry.owner, entry.name), entry.dims, entry.type, entry.kind});
    });
  }
  result.modules.reserve(made.calls.size());
  for (const auto& call : made.calls) {
    module_info& info = result.modules.emplace_back();
    info.name = paths[static_cast<std::size_t>(call.step)];
    info.type = call.type;
    info.output = call.output;
    info.parameters = call.parameters;
    info.macs = call.macs;
    info.paired_with_none = call.paired_with_none;
    info.paired_sizes = call.paired_sizes;
  }
  for (const auto& said : made.data_dependent) {
    const std::string_view path = paths[static_cast<std::size_t>(said.step)];
    std::string line = path.empty() ? std::string(said.type) : std::string(path) + " (" + std::string(said.type) + ")";
    line += ": ";
    line += said.what;
    if (std::find(result.data_dependent.begin(), result.data_dependent.end(), line) == result.data_dependent.end())
      result.data_dependent.push_back(std::move(line));
  }
  return result;
}
template <descriptor D>
trace_result trace(const D& net) {
  return trace(net, default_input(net));
}

}  // namespace archdesc
