// architectures/torchvision/backbone.hpp: a classifier's body as the backbone of a dense model:
// torchvision's IntermediateLayerGetter (torchvision/models/_utils.py) over a ResNet (conv1 to
// layer4, optionally dilated) or a MobileNetV3's features (optionally dilated), returning the
// outputs of some of its layers by name.
//
//   const archdesc::torchvision::intermediate_layer_getter<archdesc::resnet::model> getter{
//       .backbone = archdesc::resnet::resnet50({.replace_stride_with_dilation = {false, true, true}}),
//       .return_layers = {{3, "aux"}, {4, "out"}}};   // layer3 as "aux", layer4 as "out"
//   const archdesc::shape out = self("backbone", getter, x);
//   const archdesc::shape aux = self.returned("aux");
#pragma once

#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/resnet.hpp>

#include <archdesc/archdesc.hpp>

#include <algorithm>
#include <span>

namespace archdesc::torchvision {

// An entry of IntermediateLayerGetter's return_layers: a layer of the backbone's body (layerN of
// a ResNet, features[N] of a MobileNetV3) and the name its output is returned under.
struct return_layer {
  int layer = 0;
  std::string_view name;
  friend constexpr bool operator==(const return_layer&, const return_layer&) = default;
};

// torchvision's IntermediateLayerGetter: the backbone's layers up to the last one returned,
// registered as its own children, and an OrderedDict of the returned layers' outputs, in the
// layers' order. Backbone is a model with a body(scope&, shape, last, layer_output): ResNet or
// MobileNetV3.
template <class Backbone>
struct intermediate_layer_getter {
  static constexpr std::string_view type_name = "IntermediateLayerGetter";
  static constexpr std::size_t max_returned = 6;
  Backbone backbone;
  bounded_list<return_layer, max_returned> return_layers;

  constexpr shape forward(scope& self, const shape& x) const {
    int last = 0;
    for (const return_layer& r : return_layers) last = std::max(last, r.layer);
    named_shape outputs[max_returned];
    std::size_t count = 0;
    backbone.body(self, x, last, [&](int layer, const shape& y) {
      for (const return_layer& r : return_layers)
        if (r.layer == layer && count < max_returned) outputs[count++] = {r.name, y};
    });
    return self.returns_dict(std::span<const named_shape>(outputs, count));
  }
};

// The strided layers of a MobileNetV3's features, as torchvision's segmentation and detection
// builders find them: the first layer, each block that strides (its C1 ... Cn-1) and the last.
struct mobilenet_v3_stages {
  int indices[8]{};
  int count = 0;
  constexpr int from_end(int i) const { return indices[count - i]; }  // stage_indices[-i]
};

constexpr mobilenet_v3_stages stage_indices(const mobilenet_v3::model& net) {
  mobilenet_v3_stages stages;
  stages.indices[stages.count++] = 0;
  for (int i = 1; i < net.last_feature() && stages.count < 7; ++i)
    if (net.strided(i)) stages.indices[stages.count++] = i;
  stages.indices[stages.count++] = net.last_feature();
  return stages;
}

}  // namespace archdesc::torchvision
