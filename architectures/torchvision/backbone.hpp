// architectures/torchvision/backbone.hpp: a classifier's body as the backbone of a detection or
// segmentation model: torchvision's IntermediateLayerGetter (torchvision/models/_utils.py) over a
// ResNet (conv1 to layer4) or MobileNetV3's features, its returned layers' outputs written to a
// feature_maps beside the data (a call returning several tensors: scope::several_outputs).
//
//   archdesc::torchvision::feature_maps maps;
//   const archdesc::torchvision::resnet_body body{
//       .net = archdesc::resnet::resnet50({.replace_stride_with_dilation = {false, true, true}}),
//       .returned_layers = {3, 4},
//       .maps = &maps};                         // layer3 and layer4, as a segmentation model's
//   self.several_outputs("backbone", body, x);  // maps[0]: layer3's output, maps[1]: layer4's
#pragma once

#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/resnet.hpp>

#include <archdesc/archdesc.hpp>

#include <array>
#include <stdexcept>

namespace archdesc::torchvision {

// Feature maps of several levels, finest first, as the OrderedDicts the backbones return.
struct feature_maps {
  static constexpr int capacity = 8;
  std::array<shape, capacity> levels{};
  int count = 0;

  constexpr void push_back(const shape& level) {
    if (count == capacity) throw std::length_error("archdesc: more feature maps than a backbone keeps");
    levels[static_cast<std::size_t>(count++)] = level;
  }
  constexpr const shape& operator[](int i) const { return levels[static_cast<std::size_t>(i)]; }
  constexpr const shape& back() const { return levels[static_cast<std::size_t>(count - 1)]; }
  constexpr int size() const { return count; }
};

// IntermediateLayerGetter over a ResNet: conv1 to layer4, the outputs of returned_layers (1 to 4,
// in increasing order) written to maps.
struct resnet_body {
  static constexpr std::string_view type_name = "IntermediateLayerGetter";
  resnet::model net{};
  bounded_list<int, 4> returned_layers{};
  feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, const shape& x) const {
    resnet::stage_outputs stages{};
    const shape y = net.trunk(self, x, &stages);
    *maps = {};
    for (int layer : returned_layers) maps->push_back(stages[static_cast<std::size_t>(layer - 1)]);
    return y;
  }
};

// IntermediateLayerGetter over MobileNetV3's features: its layers up to the last returned one, the
// outputs of returned_indices (features' indices, in increasing order) written to maps.
struct mobilenet_body {
  static constexpr std::string_view type_name = "IntermediateLayerGetter";
  mobilenet_v3::model net{};
  bounded_list<int, 6> returned_indices{};
  feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, const shape& x) const {
    std::array<shape, 40> outputs{};
    const shape y = net.feature_layers(self, 0, returned_indices[returned_indices.size() - 1], x, outputs.data());
    *maps = {};
    for (int index : returned_indices) maps->push_back(outputs[static_cast<std::size_t>(index)]);
    return y;
  }
};

}  // namespace archdesc::torchvision
