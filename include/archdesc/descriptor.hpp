// archdesc/descriptor.hpp: a descriptor is a module with a default input, which every query runs
// on a batch of one.
//
//   struct tiny {
//     static constexpr std::string_view type_name = "Tiny";
//     archdesc::shape input{8};                      // or input_shape(), where knobs decide it
//     constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
//       return self("fc", archdesc::linear{.in_features = 8, .out_features = 2}, x);
//     }
//   };
//   static_assert(archdesc::descriptor<tiny>);
#pragma once

#include <archdesc/scope.hpp>
#include <archdesc/shape.hpp>

#include <concepts>
#include <string_view>

namespace archdesc {

// The default input (without the batch dimension) is a member `input`, or, where it follows from
// the knobs (ViT's image_size), `input_shape()`.
template <class D>
concept descriptor = module<D> &&(
    requires(const D& net) {
      { net.input } -> std::convertible_to<shape>;
    } ||
    requires(const D& net) {
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

namespace detail {

// The input of a batch of one: `input` with the batch dimension put first.
constexpr shape batch_of_one(const shape& input) {
  shape batched{1};
  for (std::int64_t size : input) batched.push_back(size);
  return batched;
}

// One pass of a descriptor over a batch of one: the record and the output.
struct pass {
  record made;
  shape output;
};

template <descriptor D>
constexpr pass run(const D& net, keep what, on_mistake mistakes, const shape& input, bool check_names = true,
                   buffers kept = buffers::skipped, copies repeated = copies::listed) {
  pass result{record(what, mistakes, check_names, kept, repeated), {}};
  scope root(result.made, net.type_name);
  result.output = net.forward(root, batch_of_one(input));
  return result;
}

}  // namespace detail
}  // namespace archdesc
