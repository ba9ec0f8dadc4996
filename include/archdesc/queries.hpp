// archdesc/queries.hpp: what the compiler computes from a descriptor, as constants.
//
//   constexpr auto net = archdesc::resnet::resnext50_32x4d();
//   static_assert(archdesc::valid<net>);                  // or a compile error naming the module
//   static_assert(archdesc::parameter_count<net> == 25'028'904);
//   static_assert(archdesc::tensor_count<net> == 161);
//   static_assert(archdesc::state_dict_tensor_count<net> == 161 + 3 * 53);  // 53 BatchNorm2d's buffers
//   static_assert(archdesc::output_shape<net> == archdesc::shape{1, 1000});
//   static_assert(archdesc::macs<net, archdesc::shape{3, 320, 320}> > archdesc::macs<net>);
//
// Each query takes the descriptor as a template argument, so that a wrong descriptor stops the
// build with its message: every query fails with the first line valid<> fails with, e.g.
//   features.4 (InvertedResidual): stride should be 1 or 2 instead of 3
// The same passes run at run time through diagnose() and trace() (<archdesc/trace.hpp>).
#pragma once

#include <archdesc/descriptor.hpp>
#include <archdesc/diagnostic.hpp>
#include <archdesc/shape.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace archdesc {

// Tensors and parameters of each form, indexed by the rank of the squeezed shape.
struct form_totals {
  std::array<std::int64_t, shape::max_rank + 1> tensors{};
  std::array<std::int64_t, shape::max_rank + 1> parameters{};
};

// The first mistake of a descriptor at an input (by default its own), or an empty diagnostic.
// Usable at run time too: it reports, where every other query stops.
template <descriptor D>
constexpr diagnostic diagnose(const D& net, const shape& input) {
  return detail::run(net, detail::keep::totals, detail::on_mistake::record, input, true, detail::buffers::kept)
      .made.mistake;
}
template <descriptor D>
constexpr diagnostic diagnose(const D& net) {
  return diagnose(net, default_input(net));
}

namespace detail {

// Everything a count needs from one pass, kept as a constant per descriptor and input.
struct totals {
  std::int64_t parameters = 0;
  std::int64_t active_parameters = 0;
  std::int64_t tensors = 0;
  std::int64_t state_tensors = 0;
  std::int64_t buffer_tensors = 0;
  std::int64_t buffer_bytes = 0;
  std::int64_t macs = 0;
  form_totals forms;
  shape output;
  diagnostic mistake;
};

constexpr form_totals forms_of(const record& made) {
  form_totals forms;
  for (int rank = 0; rank <= shape::max_rank; ++rank) {
    forms.tensors[static_cast<std::size_t>(rank)] = made.tensors_by_rank[rank];
    forms.parameters[static_cast<std::size_t>(rank)] = made.parameters_by_rank[rank];
  }
  return forms;
}

template <descriptor D>
constexpr totals count(const D& net, const shape& input, buffers kept = buffers::skipped) {
  const pass p = run(net, keep::totals, on_mistake::record, input, true, kept);
  return {p.made.parameter_total,
          p.made.parameter_total - p.made.inactive_parameter_total,
          p.made.tensor_total,
          p.made.state_tensor_total(),
          p.made.buffer_tensor_total,
          p.made.buffer_byte_total,
          p.made.mac_total,
          forms_of(p.made),
          p.output,
          p.made.mistake};
}

template <auto Net, shape Input>
inline constexpr totals totals_of = count(Net, Input);

// The same pass with the buffers: for the state queries only, which pay for them.
template <auto Net>
inline constexpr totals state_totals_of = count(Net, default_input(Net), buffers::kept);

// Instantiated for a wrong descriptor only, so that the compiler's first line carries the message:
// g++ prints it as a string in the template argument; clang++ 14, which prints no strings there,
// character by character.
#if defined(__clang__)
template <char... Message>
inline constexpr bool descriptor_message = sizeof...(Message) == 0;
template <char... Message>
struct invalid_descriptor {
  static_assert(descriptor_message<Message...>,
                "archdesc: invalid descriptor; its message is spelled in descriptor_message<...> on this line");
};
template <diagnostic Mistake, std::size_t... I>
constexpr void spell(std::index_sequence<I...>) {
  static_cast<void>(sizeof(invalid_descriptor<Mistake.text[I]...>));
}
template <diagnostic Mistake>
constexpr void stop() {
  spell<Mistake>(std::make_index_sequence<Mistake.size>{});
}
#else
template <diagnostic Mistake>
struct invalid_descriptor {
  static_assert(Mistake.ok(), "archdesc: invalid descriptor; its message is the template argument above");
};
template <diagnostic Mistake>
constexpr void stop() {
  static_cast<void>(sizeof(invalid_descriptor<Mistake>));
}
#endif

// The totals of a valid descriptor; for any other, the compile error above.
template <auto Net, shape Input = default_input(Net)>
constexpr const totals& valid_totals() {
  if constexpr (!totals_of<Net, Input>.mistake.ok()) stop<totals_of<Net, Input>.mistake>();
  return totals_of<Net, Input>;
}

// The totals with the buffers of a descriptor valid with them; for any other, the compile error.
template <auto Net>
constexpr const totals& valid_state_totals() {
  if constexpr (!state_totals_of<Net>.mistake.ok()) stop<state_totals_of<Net>.mistake>();
  return state_totals_of<Net>;
}

}  // namespace detail

// True for a descriptor whose data fits every module at its input; for any other, a compile error
// whose first line names the module, its type and the mistake:
// `layer2.0.conv1 (Conv2d): expects 256 input channels, receives 128`.
template <auto Net>
inline constexpr bool valid = detail::valid_totals<Net>().mistake.ok();

template <auto Net>
inline constexpr std::int64_t parameter_count = detail::valid_totals<Net>().parameters;

template <auto Net>
inline constexpr std::int64_t tensor_count = detail::valid_totals<Net>().tensors;

// The entries of state_dict(): parameters, tied parameters again under their other names, and
// persistent buffers (the table is in <archdesc/state_dict_table.hpp>). These queries and the
// table run a pass of their own that declares the buffers, which the parameter queries' passes
// skip: a mistake in a buffer (a name registered twice) is their compile error, not valid<>'s.
template <auto Net>
inline constexpr std::int64_t state_dict_tensor_count = detail::valid_state_totals<Net>().state_tensors;

// Buffers, persistent or not, and the bytes they take in their dtypes.
template <auto Net>
inline constexpr std::int64_t buffer_tensor_count = detail::valid_state_totals<Net>().buffer_tensors;
template <auto Net>
inline constexpr std::int64_t buffer_bytes = detail::valid_state_totals<Net>().buffer_bytes;

// The parameters one token uses: all but those of the experts a router does not choose for it
// (scope::experts_per_token); parameter_count for a model without a mixture of experts.
template <auto Net>
inline constexpr std::int64_t active_parameter_count = detail::valid_totals<Net>().active_parameters;

// Tensors and parameters of each form (Vector, Matrix, Tensor rank r), by the squeezed rank.
template <auto Net>
inline constexpr form_totals totals_by_form = detail::valid_totals<Net>().forms;

// Multiply-accumulates of one forward pass of a batch of one.
template <auto Net, shape Input = default_input(Net)>
inline constexpr std::int64_t macs = detail::valid_totals<Net, Input>().macs;

// The model's output for a batch of one, batch dimension first.
template <auto Net, shape Input = default_input(Net)>
inline constexpr shape output_shape = detail::valid_totals<Net, Input>().output;

}  // namespace archdesc
