// archdesc/queries.hpp: what the compiler computes from a descriptor.
//
//   constexpr auto net = archdesc::resnet::resnext50_32x4d();
//   static_assert(archdesc::valid<net>);                          // or a compile error naming the module
//   static_assert(archdesc::parameter_count(net) == 25'028'904);
//   static_assert(archdesc::tensor_count(net) == 161);
//   static_assert(archdesc::output_shape(net) == archdesc::shape{1, 1000});
//   constexpr auto& table = archdesc::parameter_table<net>;       // every name, shape and form
//   static_assert(table.name(0) == "conv1.weight");
//
// A descriptor is a module with a default input shape (without the batch dimension); every pass
// runs it on a batch of one.
#pragma once

#include <archdesc/diagnostic.hpp>
#include <archdesc/graph.hpp>
#include <archdesc/shape.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archdesc {

// A descriptor gives its default input as a member `input`, or, where the input follows from its
// knobs (ViT's image_size), as `input_shape()`.
template <class D>
concept descriptor = module<D> && (requires(const D& net) {
                                    { net.input } -> std::convertible_to<shape>;
                                  } || requires(const D& net) {
                                    { net.input_shape() } -> std::convertible_to<shape>;
                                  });

template <descriptor D>
constexpr shape default_input(const D& net) {
  if constexpr (requires { net.input_shape(); }) {
    return net.input_shape();
  } else {
    return net.input;
  }
}

// A model of a family under the name its builder has (torchvision.models.resnext50_32x4d).
template <descriptor D>
struct named_model {
  std::string_view name;
  D net;
};

// The input of a batch of one: `input` with the batch dimension put first.
constexpr shape batch_of_one(const shape& input) {
  shape batched{1};
  for (std::int64_t size : input) batched.push_back(size);
  return batched;
}

struct pass_result {
  graph record;
  shape output;
};

// Runs the descriptor once; the building block of every query.
template <descriptor D>
constexpr pass_result run(const D& net, keep what, on_mistake mistakes, const shape& input) {
  pass_result result{graph(what, mistakes), {}};
  scope root(result.record, net.type_name);
  result.output = net.forward(root, batch_of_one(input));
  return result;
}

template <descriptor D>
constexpr std::int64_t parameter_count(const D& net) {
  return run(net, keep::totals, on_mistake::stop, default_input(net)).record.parameter_total;
}

// The parameters one token uses: all of them but those of the experts a router does not choose for
// it (scope::experts_per_token); parameter_count for a model without a mixture of experts.
template <descriptor D>
constexpr std::int64_t active_parameter_count(const D& net) {
  const graph record = run(net, keep::totals, on_mistake::stop, default_input(net)).record;
  return record.parameter_total - record.inactive_parameter_total;
}

template <descriptor D>
constexpr std::int64_t tensor_count(const D& net) {
  return run(net, keep::totals, on_mistake::stop, default_input(net)).record.tensor_total;
}

// Multiply-accumulates of one forward pass of a batch of one.
template <descriptor D>
constexpr std::int64_t macs(const D& net, const shape& input) {
  return run(net, keep::totals, on_mistake::stop, input).record.mac_total;
}
template <descriptor D>
constexpr std::int64_t macs(const D& net) {
  return macs(net, default_input(net));
}

// The model's output for a batch of one, batch dimension first.
template <descriptor D>
constexpr shape output_shape(const D& net, const shape& input) {
  return run(net, keep::totals, on_mistake::stop, input).output;
}
template <descriptor D>
constexpr shape output_shape(const D& net) {
  return output_shape(net, default_input(net));
}

// Tensors and parameters of each form, indexed by the rank of the squeezed shape.
struct form_totals {
  std::array<std::int64_t, shape::max_rank + 1> tensors{};
  std::array<std::int64_t, shape::max_rank + 1> parameters{};
};

constexpr form_totals forms_of(const graph& record) {
  form_totals totals;
  for (int rank = 0; rank <= shape::max_rank; ++rank) {
    totals.tensors[static_cast<std::size_t>(rank)] = record.tensors_by_rank[rank];
    totals.parameters[static_cast<std::size_t>(rank)] = record.parameters_by_rank[rank];
  }
  return totals;
}

template <descriptor D>
constexpr form_totals totals_by_form(const D& net) {
  const graph record = run(net, keep::totals, on_mistake::stop, default_input(net)).record;
  return forms_of(record);
}

// The first mistake of a descriptor at its input, or an empty diagnostic.
template <descriptor D>
constexpr diagnostic diagnose(const D& net, const shape& input) {
  return run(net, keep::totals, on_mistake::record, input).record.mistake;
}
template <descriptor D>
constexpr diagnostic diagnose(const D& net) {
  return diagnose(net, default_input(net));
}

namespace detail {
// Instantiated only for a wrong descriptor, so that the compiler prints the message: g++ as the
// template argument of valid_descriptor, clang++ (which prints no strings there) as the characters
// of invalid_descriptor_message<...>.
template <char... Message>
struct invalid_descriptor_message {
  static_assert(sizeof...(Message) == 0, "archdesc: invalid descriptor; its message is spelled out above");
};

template <diagnostic Mistake, std::size_t... I>
constexpr bool spell_out(std::index_sequence<I...>) {
  return sizeof(invalid_descriptor_message<Mistake.text[I]...>) == 0;
}

template <diagnostic Mistake>
constexpr bool valid_descriptor() {
  if constexpr (Mistake.ok()) {
    return true;
  } else {
    return spell_out<Mistake>(std::make_index_sequence<Mistake.size>{});
  }
}
}  // namespace detail

// True for a descriptor whose data fits every module at its input; for any other, a compile error
// that names the module and the mistake, e.g.
// `layer2.0.conv1: expects 256 input channels, receives 128`.
template <auto Net>
inline constexpr bool valid = detail::valid_descriptor<diagnose(Net)>();

// One row of the parameter table.
struct parameter_row {
  std::size_t name_offset = 0;
  std::size_t name_size = 0;
  shape dims;
  shape squeezed;
  std::int64_t elements = 0;
  archdesc::form form;
};

template <std::size_t Rows, std::size_t Chars>
struct parameter_table_of {
  std::array<parameter_row, Rows> rows{};
  std::array<char, Chars> names{};

  static constexpr std::size_t size() { return Rows; }
  constexpr const parameter_row& operator[](std::size_t i) const { return rows[i]; }
  constexpr std::string_view name(std::size_t i) const { return {names.data() + rows[i].name_offset, rows[i].name_size}; }
};

namespace detail {
struct char_counter {
  std::size_t size = 0;
  constexpr void push_back(char) { ++size; }
  constexpr void append(const char* text) {
    for (; *text != '\0'; ++text) ++size;
  }
};

struct char_writer {
  char* out;
  std::size_t size = 0;
  constexpr void push_back(char c) { out[size++] = c; }
  constexpr void append(const char* text) {
    for (; *text != '\0'; ++text) out[size++] = *text;
  }
};

template <auto Net>
constexpr std::size_t name_chars() {
  const graph record = run(Net, keep::tables, on_mistake::stop, default_input(Net)).record;
  char_counter counter;
  for (const auto& p : record.parameters) record.write_name(p.owner, p.name, counter);
  return counter.size;
}

// The table's sizes, each its own constant expression: clang counts the steps of constexpr locals
// against the function that declares them.
template <auto Net>
inline constexpr auto parameter_rows = static_cast<std::size_t>(tensor_count(Net));
template <auto Net>
inline constexpr std::size_t parameter_name_chars = name_chars<Net>();

template <auto Net>
constexpr auto make_parameter_table() {
  constexpr std::size_t rows = parameter_rows<Net>;
  constexpr std::size_t chars = parameter_name_chars<Net>;
  parameter_table_of<rows, chars> table;
  const graph record = run(Net, keep::tables, on_mistake::stop, default_input(Net)).record;
  char_writer writer{table.names.data()};
  for (std::size_t i = 0; i < rows; ++i) {
    const auto& p = record.parameters[i];
    parameter_row& row = table.rows[i];
    row.name_offset = writer.size;
    record.write_name(p.owner, p.name, writer);
    row.name_size = writer.size - row.name_offset;
    row.dims = p.dims;
    row.squeezed = p.dims.squeezed();
    row.elements = p.dims.elements();
    row.form = form_of(p.dims);
  }
  return table;
}
}  // namespace detail

// Every parameter tensor of a descriptor, in named_parameters() order, as a constant.
template <auto Net>
inline constexpr auto parameter_table = detail::make_parameter_table<Net>();

// Run-time tables, for tools and reports.
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

// Throws invalid_descriptor at the first mistake.
template <descriptor D>
trace_result trace(const D& net, const shape& input) {
  const pass_result pass = run(net, keep::tables, on_mistake::stop, input);
  const graph& record = pass.record;
  trace_result result;
  result.input = batch_of_one(input);
  result.output = pass.output;
  result.parameter_total = record.parameter_total;
  result.active_parameter_total = record.parameter_total - record.inactive_parameter_total;
  result.mac_total = record.mac_total;
  result.forms = forms_of(record);
  const std::vector<std::string> paths = record.step_paths();
  result.parameters.reserve(record.parameters.size());
  for (const auto& p : record.parameters) {
    parameter_info& info = result.parameters.emplace_back();
    info.name = paths[static_cast<std::size_t>(p.owner)];
    if (!info.name.empty()) info.name.push_back('.');
    info.name += p.name;
    info.dims = p.dims;
  }
  result.modules.reserve(record.calls.size());
  for (const auto& call : record.calls) {
    module_info& info = result.modules.emplace_back();
    info.name = paths[static_cast<std::size_t>(call.step)];
    info.type = call.type;
    info.output = call.output;
    info.parameters = call.parameters;
    info.macs = call.macs;
    info.paired_with_none = call.paired_with_none;
  }
  return result;
}
template <descriptor D>
trace_result trace(const D& net) {
  return trace(net, default_input(net));
}

}  // namespace archdesc
