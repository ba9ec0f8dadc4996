// archdesc/trace.hpp: a descriptor's tables at run time: every parameter and every module call,
// with the totals, for tools and reports.
//
//   archdesc::trace_result t = archdesc::trace(archdesc::resnet::resnet18());
//   // t.parameters[0].name == "conv1.weight", t.modules[0].type == "Conv2d", t.output == {1, 1000}
//
// A wrong descriptor (one made at run time, from a command line or a config file) throws
// archdesc::invalid_descriptor with the message a compile error would carry.
#pragma once

#include <archdesc/descriptor.hpp>
#include <archdesc/queries.hpp>
#include <archdesc/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace archdesc {

struct parameter_info {
  std::string name;
  shape dims;
};

struct module_info {
  std::string name;
  std::string type;
  shape output;
  std::int64_t parameters = 0;
  std::int64_t macs = 0;
  bool paired_with_none = false;  // PyTorch returns (output, None)
  shape paired_sizes;             // rank > 0 where PyTorch returns (output, sizes)
  std::vector<named_shape> dict;  // the entries, where it returns a dict of tensors (output is the first)
};

struct trace_result {
  std::vector<parameter_info> parameters;
  std::vector<module_info> modules;  // every module call, in the order the calls start
  shape input;                       // batch dimension first
  shape output;
  std::int64_t parameter_total = 0;
  std::int64_t active_parameter_total = 0;  // per token: less than the total in a mixture of experts
  std::int64_t mac_total = 0;
  form_totals forms;
};

template <descriptor D>
trace_result trace(const D& net, const shape& input) {
  const detail::pass pass = detail::run(net, detail::keep::tables, detail::on_mistake::stop, input);
  const detail::record& made = pass.made;
  trace_result result;
  result.input = detail::batch_of_one(input);
  result.output = pass.output;
  result.parameter_total = made.parameter_total;
  result.active_parameter_total = made.parameter_total - made.inactive_parameter_total;
  result.mac_total = made.mac_total;
  result.forms = detail::forms_of(made);
  const std::vector<std::string> paths = made.step_paths();
  result.parameters.reserve(made.parameters.size());
  for (const auto& p : made.parameters) {
    parameter_info& info = result.parameters.emplace_back();
    info.name = paths[static_cast<std::size_t>(p.owner)];
    if (!info.name.empty()) info.name.push_back('.');
    info.name += p.name;
    info.dims = p.dims;
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
  for (const auto& entry : made.dict_entries)
    result.modules[static_cast<std::size_t>(entry.call)].dict.push_back({entry.key, entry.dims});
  return result;
}
template <descriptor D>
trace_result trace(const D& net) {
  return trace(net, default_input(net));
}

}  // namespace archdesc
