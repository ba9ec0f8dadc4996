// architectures/torchvision/faster_rcnn.hpp: torchvision's two-stage detectors
// (torchvision/models/detection/faster_rcnn.py, mask_rcnn.py, keypoint_rcnn.py): FasterRCNN,
// MaskRCNN and KeypointRCNN with the knobs of their classes and builders.
//
//   constexpr auto net = archdesc::faster_rcnn::fasterrcnn_resnet50_fpn();
//   static_assert(archdesc::parameter_count<net> == 41'808'406);
//   // the layout its published weights load into: FrozenBatchNorm2d in the backbone
//   constexpr auto published = archdesc::faster_rcnn::fasterrcnn_resnet50_fpn({.weights_layout = true});
//   static_assert(archdesc::parameter_count<published> == 41'755'286);
//
// Built as torchvision builds them without weights (weights=None, weights_backbone=None): BatchNorm2d
// in the backbone. trainable_backbone_layers only sets requires_grad, so it changes no name, shape or
// count, and is no knob here. The input is one image; the transform resizes and pads it into the
// batch the backbone runs on. The backbone, the pyramid and the RPN head run on that batch; the
// anchors, the proposals, NMS and the ROI heads depend on the data: the ROI heads are registered,
// their input checked for one proposal, and not run (no call, no MACs). The output is what the
// static part ends with, the pyramid's finest level (the detections themselves depend on the data).
#pragma once

#include <architectures/torchvision/detection_ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::faster_rcnn {

using detection::backbone_type;
using detection::box_head_config;
using detection::box_head_type;
using detection::fpn_backbone_config;
using detection::roi_extra;
using torchvision::norm_layer;

// FasterRCNN, MaskRCNN (extra = mask) or KeypointRCNN (extra = keypoint).
template <roi_extra Extra>
struct model {
  static constexpr std::string_view type_name = Extra == roi_extra::mask       ? "MaskRCNN"
                                                : Extra == roi_extra::keypoint ? "KeypointRCNN"
                                                                               : "FasterRCNN";
  fpn_backbone_config backbone{};
  int num_classes = 91;
  int min_size = 800;  // GeneralizedRCNNTransform's, in eval mode (KeypointRCNN's last min_size)
  int max_size = 1333;
  int rpn_anchors_per_location = 3;  // the AnchorGenerator's sizes per level x aspect ratios
  int rpn_conv_depth = 1;            // RPNHead's
  box_head_config box_head{};
  norm_layer mask_head_norm = norm_layer::none;  // MaskRCNNHeads'
  int num_keypoints = 17;
  bool weights_layout = false;  // the builders': the published weights' layout (FrozenBatchNorm2d in the backbone)
  shape input{3, 800, 800};

  constexpr shape forward(scope& self, const shape& image) const {
    const shape x = detection::rcnn_transform{.min_size = min_size, .max_size = max_size}.batch(image);
    detection::feature_maps maps;
    detection::fpn_backbone(self, backbone, x, maps);
    const int channels = backbone.out_channels;
    self.several_outputs(
        "rpn",
        composite("RegionProposalNetwork",
                  [&](scope& rpn, const shape& y) {
                    rpn.data_dependent(
                        "decodes its anchors' boxes and keeps the best proposals after NMS (no parameters)");
                    return rpn.several_outputs(
                        "head", detection::rpn_head{channels, rpn_anchors_per_location, rpn_conv_depth, &maps}, y);
                  }),
        maps[0]);
    // The proposals and detections depend on the data: the ROI heads are declared for one of each,
    // their input checked, and not run.
    self.declare("roi_heads",
                 detection::roi_heads{.out_channels = channels,
                                      .num_classes = num_classes,
                                      .box_head = box_head,
                                      .extra = Extra,
                                      .extra_config = {mask_head_norm, num_keypoints}},
                 maps[0]);
    return maps[0];
  }
};

using faster_rcnn = model<roi_extra::none>;
using mask_rcnn = model<roi_extra::mask>;
using keypoint_rcnn = model<roi_extra::keypoint>;

// The builders of faster_rcnn.py, mask_rcnn.py and keypoint_rcnn.py: each takes the model's knobs
// (fasterrcnn_resnet50_fpn({.num_classes = 2})) and sets the backbone and heads it builds.
template <roi_extra Extra>
constexpr model<Extra> resnet50_fpn(model<Extra> knobs) {
  const norm_layer body = knobs.weights_layout ? norm_layer::frozen_batch_norm2d : norm_layer::batch_norm2d;
  builder_sets(knobs, &model<Extra>::backbone, fpn_backbone_config{.body_norm = body});
  return knobs;
}
// The v2 models (Benchmarking Detection Transfer Learning with Vision Transformers): BatchNorm2d in
// the backbone and the pyramid with or without weights, a two-convolution RPN head, a box head of
// four convolutions and a Linear layer.
template <roi_extra Extra>
constexpr model<Extra> resnet50_fpn_v2(model<Extra> knobs) {
  builder_sets(knobs, &model<Extra>::backbone, fpn_backbone_config{.fpn_norm = norm_layer::batch_norm2d});
  builder_sets(knobs, &model<Extra>::rpn_conv_depth, 2);
  builder_sets(knobs, &model<Extra>::box_head, box_head_config{.type = box_head_type::conv_fc});
  return knobs;
}

constexpr faster_rcnn fasterrcnn_resnet50_fpn(const faster_rcnn& knobs = {}) { return resnet50_fpn(knobs); }
constexpr faster_rcnn fasterrcnn_resnet50_fpn_v2(const faster_rcnn& knobs = {}) { return resnet50_fpn_v2(knobs); }

// MobileNetV3-Large, its last two stages in the pyramid, 5 anchor sizes x 3 aspect
// ratios at each level; the 320 model's transform keeps images small.
constexpr faster_rcnn mobilenet_v3_large_fpn(faster_rcnn knobs) {
  const norm_layer body = knobs.weights_layout ? norm_layer::frozen_batch_norm2d : norm_layer::batch_norm2d;
  builder_sets(
      knobs, &faster_rcnn::backbone,
      fpn_backbone_config{.type = backbone_type::mobilenet_v3_large, .body_norm = body, .returned_layers = {4, 5}});
  builder_sets(knobs, &faster_rcnn::rpn_anchors_per_location, 15);
  return knobs;
}
constexpr faster_rcnn fasterrcnn_mobilenet_v3_large_fpn(const faster_rcnn& knobs = {}) {
  return mobilenet_v3_large_fpn(knobs);
}
constexpr faster_rcnn fasterrcnn_mobilenet_v3_large_320_fpn(faster_rcnn knobs = {}) {
  builder_defaults(knobs, &faster_rcnn::min_size, 320);
  builder_defaults(knobs, &faster_rcnn::max_size, 640);
  builder_defaults(knobs, &faster_rcnn::input, {3, 320, 320});
  return mobilenet_v3_large_fpn(knobs);
}

constexpr mask_rcnn maskrcnn_resnet50_fpn(const mask_rcnn& knobs = {}) { return resnet50_fpn(knobs); }
constexpr mask_rcnn maskrcnn_resnet50_fpn_v2(mask_rcnn knobs = {}) {
  builder_sets(knobs, &mask_rcnn::mask_head_norm, norm_layer::batch_norm2d);
  return resnet50_fpn_v2(knobs);
}

// KeypointRCNN's builder defaults to 2 classes (person and background) and 17 keypoints.
constexpr keypoint_rcnn keypointrcnn_resnet50_fpn(keypoint_rcnn knobs = {}) {
  builder_defaults(knobs, &keypoint_rcnn::num_classes, 2);
  return resnet50_fpn(knobs);
}

// The builders, by name.
inline constexpr named_model<faster_rcnn> named_models[] = {
    {"fasterrcnn_resnet50_fpn", fasterrcnn_resnet50_fpn()},
    {"fasterrcnn_resnet50_fpn_v2", fasterrcnn_resnet50_fpn_v2()},
    {"fasterrcnn_mobilenet_v3_large_fpn", fasterrcnn_mobilenet_v3_large_fpn()},
    {"fasterrcnn_mobilenet_v3_large_320_fpn", fasterrcnn_mobilenet_v3_large_320_fpn()},
};
inline constexpr named_model<mask_rcnn> named_mask_models[] = {
    {"maskrcnn_resnet50_fpn", maskrcnn_resnet50_fpn()},
    {"maskrcnn_resnet50_fpn_v2", maskrcnn_resnet50_fpn_v2()},
};
inline constexpr named_model<keypoint_rcnn> named_keypoint_models[] = {
    {"keypointrcnn_resnet50_fpn", keypointrcnn_resnet50_fpn()},
};

}  // namespace archdesc::faster_rcnn
