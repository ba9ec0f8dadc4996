// architectures/torchvision/fcos.hpp: torchvision's FCOS (torchvision/models/detection/fcos.py), with
// the knobs of its class and builder.
//
//   constexpr auto net = archdesc::fcos::fcos_resnet50_fpn();
//   static_assert(archdesc::parameter_count<net> == 32'322'720);
//   constexpr auto published = archdesc::fcos::fcos_resnet50_fpn({.weights_layout = true});
//   static_assert(archdesc::parameter_count<published> == 32'269'600);
//
// Built as torchvision builds it without weights (BatchNorm2d in the backbone; weights_layout:
// FrozenBatchNorm2d, as the published weights load). The input is one image, resized and padded by
// the transform; the backbone, the pyramid and the head run on the batch, and the output is the
// classification head's logits, (1, locations, num_classes). The centre-ness of each location is
// one value: its bias, shape (1,), squeezes to a scalar ("Tensor rank 0" in the report). Decoding
// the boxes, keeping the best scores and NMS depend on the data and have no parameters.
#pragma once

#include <architectures/torchvision/detection_ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::fcos {

using detection::fpn_backbone_config;
using torchvision::norm_layer;

// torchvision.models.detection.FCOS.
struct model {
  static constexpr std::string_view type_name = "FCOS";
  fpn_backbone_config backbone{.returned_layers = {2, 3, 4},
                               .extra_blocks = detection::extra_fpn_block::last_level_p6p7};
  int num_classes = 91;
  int min_size = 800;
  int max_size = 1333;
  int anchors_per_location = 1;  // FCOS is anchor-free: one "anchor", a point, per location
  bool weights_layout = false;   // the builder's: the published weights' layout (FrozenBatchNorm2d in the backbone)
  shape input{3, 800, 800};

  constexpr shape forward(scope& self, const shape& image) const {
    const shape x = detection::rcnn_transform{.min_size = min_size, .max_size = max_size}.batch(image);
    detection::feature_maps maps;
    detection::fpn_backbone(self, backbone, x, maps);
    return detection::one_stage_head(self,
                                     {.in_channels = backbone.out_channels,
                                      .num_anchors = anchors_per_location,
                                      .detector = detection::one_stage::fcos,
                                      .maps = &maps},
                                     num_classes);
  }
};

// The builder of fcos.py: takes the model's knobs (fcos_resnet50_fpn({.num_classes = 2})) and
// sets the backbone it builds.
constexpr model fcos_resnet50_fpn(model knobs = {}) {
  const norm_layer body = knobs.weights_layout ? norm_layer::frozen_batch_norm2d : norm_layer::batch_norm2d;
  builder_sets(knobs, &model::backbone,
               fpn_backbone_config{.body_norm = body,
                                   .returned_layers = {2, 3, 4},
                                   .extra_blocks = detection::extra_fpn_block::last_level_p6p7});
  return knobs;
}

// The builder, by name.
inline constexpr named_model<model> named_models[] = {
    {"fcos_resnet50_fpn", fcos_resnet50_fpn()},
};

}  // namespace archdesc::fcos
