// archdesc/containers.hpp: modules made of other modules, written as a function of their scope and
// input: nn.Sequential, nn.ModuleList, and a module of any class name.
//
//   x = self("downsample", archdesc::sequential([&](archdesc::scope& s, archdesc::shape y) {
//         return s(archdesc::batch_norm2d{256}, s(conv1x1(64, 256), y));   // downsample.0, downsample.1
//       }), x);
//   x = self("layer", archdesc::repeated(12, bert_layer{config}), x);     // layer.0 ... layer.11
#pragma once

#include <archdesc/scope.hpp>
#include <archdesc/shape.hpp>

#include <string_view>

namespace archdesc {

// A module written as a function of its scope and input, with PyTorch's class name.
template <class Forward>
struct composite_module {
  std::string_view type_name;
  Forward body;
  constexpr shape forward(scope& self, const shape& x) const { return body(self, x); }
};

template <class Forward>
constexpr composite_module<Forward> composite(std::string_view type_name, Forward body) {
  return {type_name, body};
}

// nn.Sequential: children given without a name take the indices 0, 1, 2 ...
template <class Forward>
constexpr composite_module<Forward> sequential(Forward body) {
  return {"Sequential", body};
}

// nn.Sequential whose body is a member function of its owner: sequential(*this, &mb_conv::block).
template <class Owner, class Input>
constexpr auto sequential(const Owner& owner, shape (Owner::*body)(scope&, Input) const) {
  return sequential([&owner, body](scope& layers, const shape& x) { return (owner.*body)(layers, x); });
}

// nn.ModuleList: indexed children that its owner calls itself. PyTorch never calls the list, so
// registering it records no call of its own.
template <class Forward>
struct module_list_module {
  static constexpr std::string_view type_name = "ModuleList";
  static constexpr bool called = false;
  Forward body;
  constexpr shape forward(scope& self, const shape& x) const { return body(self, x); }
};

template <class Forward>
constexpr module_list_module<Forward> module_list(Forward body) {
  return {body};
}

// An nn.ModuleList of `count` copies of one layer, each applied to the previous one's output:
// nn.ModuleList([BertLayer(config) for _ in range(config.num_hidden_layers)]) and its kin. Counting
// its totals costs one layer, not `count` (scope::repeat).
template <module M>
constexpr auto repeated(int count, const M& layer) {
  return module_list([count, layer](scope& list, const shape& x) { return list.repeat(count, layer, x); });
}

}  // namespace archdesc
