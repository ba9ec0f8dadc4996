// architectures/torchvision/retinanet.hpp: torchvision's RetinaNet
// (torchvision/models/detection/retinanet.py) with the knobs of its class and builders.
//
//   constexpr auto net = archdesc::retinanet::retinanet_resnet50_fpn();
//   static_assert(archdesc::parameter_count<net> == 34'068'119);
//   constexpr auto published = archdesc::retinanet::retinanet_resnet50_fpn({.weights_layout = true});
//   static_assert(archdesc::parameter_count<published> == 34'014'999);
//
// Built as torchvision builds it without weights (BatchNorm2d in the backbone; weights_layout:
// FrozenBatchNorm2d, as the published weights load). The input is one image, resized and padded by
// the transform; the backbone, the pyramid and the head run on the batch, and the output is the
// classification head's logits, (1, anchors, num_classes). Decoding the boxes, keeping the best
// scores and NMS depend on the data and have no parameters.
#pragma once

#include <architectures/torchvision/detection_ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::retinanet {

using detection::fpn_backbone_config;
using torchvision::norm_layer;

// torchvision.models.detection.RetinaNet.
struct model {
  static constexpr std::string_view type_name = "RetinaNet";
  fpn_backbone_config backbone{.returned_layers = {2, 3, 4},
                               .extra_blocks = detection::extra_fpn_block::last_level_p6p7};
  int num_classes = 91;
  int min_size = 800;
  int max_size = 1333;
  int anchors_per_location = 9;  // 3 sizes x 3 aspect ratios at each level
  norm_layer head_norm = norm_layer::none;
  bool weights_layout = false;  // the builders': the published weights' layout (FrozenBatchNorm2d in the backbone)
  shape input{3, 800, 800};

  constexpr shape forward(scope& self, const shape& image) const {
    const shape x = detection::rcnn_transform{.min_size = min_size, .max_size = max_size}.batch(image);
    detection::feature_maps maps;
    detection::fpn_backbone(self, backbone, x, maps);
    return detection::one_stage_head(
        self,
        {.in_channels = backbone.out_channels, .num_anchors = anchors_per_location, .norm = head_norm, .maps = &maps},
        num_classes);
  }
};

// The builders of retinanet.py: each takes the model's knobs (retinanet_resnet50_fpn({.num_classes = 2}))
// and sets the backbone and head it builds.
constexpr model retinanet_resnet50_fpn(model knobs = {}) {
  const norm_layer body = knobs.weights_layout ? norm_layer::frozen_batch_norm2d : norm_layer::batch_norm2d;
  builder_sets(knobs, &model::backbone,
               fpn_backbone_config{.body_norm = body,
                                   .returned_layers = {2, 3, 4},
                                   .extra_blocks = detection::extra_fpn_block::last_level_p6p7});
  return knobs;
}
// The v2 model: P6 from C5 (2048 channels), GroupNorm in the head, BatchNorm2d in the backbone
// with or without weights.
constexpr model retinanet_resnet50_fpn_v2(model knobs = {}) {
  builder_sets(knobs, &model::backbone,
               fpn_backbone_config{.returned_layers = {2, 3, 4},
                                   .extra_blocks = detection::extra_fpn_block::last_level_p6p7,
                                   .extra_in_channels = 2048});
  builder_sets(knobs, &model::head_norm, norm_layer::group_norm32);
  return knobs;
}

// The builders, by name.
inline constexpr named_model<model> named_models[] = {
    {"retinanet_resnet50_fpn", retinanet_resnet50_fpn()},
    {"retinanet_resnet50_fpn_v2", retinanet_resnet50_fpn_v2()},
};

}  // namespace archdesc::retinanet
