// architectures/torchvision/detection_ops.hpp: the blocks torchvision's detection models share
// (torchvision/ops/feature_pyramid_network.py, torchvision/models/detection/): the transform's batch,
// the feature pyramid, the backbones with it, the RPN, RetinaNet, FCOS and ROI heads.
//
//   constexpr archdesc::detection::rcnn_transform transform{.min_size = 800, .max_size = 1333};
//   static_assert(transform.batch({1, 3, 480, 640}) == archdesc::shape{1, 3, 800, 1088});
//
// A detection model's data flow is static up to its dense heads: the backbone, the feature pyramid
// and the heads run on the transformed batch, the levels travelling beside the data in a
// feature_maps (self.several_outputs). What follows depends on the data (the anchors kept, NMS,
// the proposals the ROI heads pool): those modules are registered, their parameters counted and
// their input checked, and not run, so their MACs are not counted.
#pragma once

#include <architectures/torchvision/backbone.hpp>
#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <array>
#include <cmath>
#include <optional>

namespace archdesc::detection {

using torchvision::conv2d_norm_activation;
using torchvision::feature_maps;
using torchvision::mobilenet_body;
using torchvision::norm_layer;
using torchvision::resnet_body;

// GeneralizedRCNNTransform's batch for one image (C, H, W), in eval mode: resized so that its short
// side is min_size unless its long side would pass max_size (the scale in float32, as torch computes
// it), or to fixed_size (SSD's); then padded to a multiple of size_divisible.
struct rcnn_transform {
  int min_size = 800;
  int max_size = 1333;
  int size_divisible = 32;
  int fixed_size = 0;  // 0: none

  constexpr shape batch(const shape& image) const {
    std::int64_t h = image[-2], w = image[-1];
    if (fixed_size > 0) {
      h = w = fixed_size;
    } else {
      const float short_side = static_cast<float>(h < w ? h : w), long_side = static_cast<float>(h < w ? w : h);
      const float by_min = static_cast<float>(min_size) / short_side, by_max = static_cast<float>(max_size) / long_side;
      const double scale = by_min < by_max ? by_min : by_max;
      h = static_cast<std::int64_t>(static_cast<double>(h) * scale);  // interpolate floors the recomputed size
      w = static_cast<std::int64_t>(static_cast<double>(w) * scale);
    }
    const auto pad = [&](std::int64_t side) { return (side + size_divisible - 1) / size_divisible * size_divisible; };
    return {image[0], image[1], pad(h), pad(w)};
  }
};

// The extra blocks of torchvision's FeaturePyramidNetwork.
enum class extra_fpn_block { none, last_level_max_pool, last_level_p6p7 };

// torchvision.ops.feature_pyramid_network.LastLevelP6P7: P6 from P5 where in_channels equals
// out_channels (else from C5), P7 from relu(P6).
struct last_level_p6p7 {
  static constexpr std::string_view type_name = "LastLevelP6P7";
  int in_channels = 256;
  int out_channels = 256;
  feature_maps* results = nullptr;
  const feature_maps* inputs = nullptr;

  constexpr shape forward(scope& self, const shape&) const {
    const auto conv = [](int in, int out) {
      return conv2d{.in_channels = in, .out_channels = out, .kernel_size = 3, .stride = 2, .padding = 1};
    };
    const bool use_p5 = in_channels == out_channels;
    const shape p6 = self("p6", conv(in_channels, out_channels), use_p5 ? results->back() : inputs->back());
    const shape p7 = self("p7", conv(out_channels, out_channels), self.call(relu, p6));
    results->push_back(p6);
    results->push_back(p7);
    return p6;
  }
};

// torchvision.ops.feature_pyramid_network.LastLevelMaxPool: F.max_pool2d(P5, 1, 2, 0).
struct last_level_max_pool {
  static constexpr std::string_view type_name = "LastLevelMaxPool";
  feature_maps* results = nullptr;

  constexpr shape forward(scope& self, const shape&) const {
    const shape pool = self.call(max_pool2d{.kernel_size = 1, .stride = 2}, results->back());
    results->push_back(pool);
    return pool;
  }
};

// torchvision.ops.FeaturePyramidNetwork on the feature maps in `maps`, which it replaces by its own.
struct feature_pyramid_network {
  static constexpr std::string_view type_name = "FeaturePyramidNetwork";
  bounded_list<int, 6> in_channels_list{};
  int out_channels = 256;
  extra_fpn_block extra_blocks = extra_fpn_block::none;
  int extra_in_channels = 256;  // LastLevelP6P7's in_channels
  norm_layer norm = norm_layer::none;
  feature_maps* maps = nullptr;

  constexpr conv2d_norm_activation inner_block(int i) const {
    return {.in_channels = in_channels_list[static_cast<std::size_t>(i)],
            .out_channels = out_channels,
            .kernel_size = 1,
            .norm = norm,
            .activation_layer = nullptr,
            .padding = hw{0}};
  }
  constexpr conv2d_norm_activation layer_block() const {
    return {.in_channels = out_channels, .out_channels = out_channels, .norm = norm, .activation_layer = nullptr};
  }

  constexpr shape forward(scope& self, const shape& x) const {
    const feature_maps inputs = *maps;
    const int n = inputs.size();
    if (n != static_cast<int>(in_channels_list.size())) {
      self.fail("has ", static_cast<int>(in_channels_list.size()), " inner blocks, receives ", n, " feature maps");
      return x;
    }
    // nn.ModuleLists registered in this order, called from the coarsest level up.
    using declared_block = declared_child<conv2d_norm_activation>;
    std::array<std::optional<declared_block>, feature_maps::capacity> inner_blocks, layer_blocks;
    for (int i = 0; i < n; ++i)
      inner_blocks[static_cast<std::size_t>(i)] =
          self.declare(child_name("inner_blocks.", i), inner_block(i), inputs[i]);
    for (int i = 0; i < n; ++i)
      layer_blocks[static_cast<std::size_t>(i)] =
          self.declare(child_name("layer_blocks.", i), layer_block(), {1, out_channels, inputs[i][2], inputs[i][3]});
    std::array<shape, feature_maps::capacity> results{};
    shape last_inner = (*inner_blocks[static_cast<std::size_t>(n - 1)])(inputs[n - 1]);
    results[static_cast<std::size_t>(n - 1)] = (*layer_blocks[static_cast<std::size_t>(n - 1)])(last_inner);
    for (int i = n - 2; i >= 0; --i) {
      const shape inner_lateral = (*inner_blocks[static_cast<std::size_t>(i)])(inputs[i]);
      // F.interpolate(last_inner, size=inner_lateral's, mode="nearest"), then the sum
      last_inner = self.add(inner_lateral, {last_inner[0], last_inner[1], inner_lateral[2], inner_lateral[3]});
      results[static_cast<std::size_t>(i)] = (*layer_blocks[static_cast<std::size_t>(i)])(last_inner);
    }
    feature_maps outputs;
    for (int i = 0; i < n; ++i) outputs.push_back(results[static_cast<std::size_t>(i)]);
    if (extra_blocks == extra_fpn_block::last_level_max_pool)
      self.several_outputs("extra_blocks", last_level_max_pool{&outputs}, x);
    if (extra_blocks == extra_fpn_block::last_level_p6p7)
      self.several_outputs("extra_blocks", last_level_p6p7{extra_in_channels, out_channels, &outputs, &inputs}, x);
    *maps = outputs;
    return outputs[0];
  }
};

// torchvision.models.detection.backbone_utils.BackboneWithFPN: a body (IntermediateLayerGetter)
// that writes its feature maps to `maps`, and the pyramid over them.
template <class Body>
struct backbone_with_fpn {
  static constexpr std::string_view type_name = "BackboneWithFPN";
  Body body{};
  feature_pyramid_network fpn{};

  constexpr shape forward(scope& self, const shape& x) const {
    self.several_outputs("body", body, x);
    return self.several_outputs("fpn", fpn, x);
  }
};

// What a detection builder makes its backbone of: ResNet-50 through _resnet_fpn_extractor, or
// MobileNetV3-Large through _mobilenet_extractor, with the pyramid's knobs.
enum class backbone_type { resnet50, mobilenet_v3_large };

struct fpn_backbone_config {
  backbone_type type = backbone_type::resnet50;
  norm_layer body_norm = norm_layer::batch_norm2d;   // FrozenBatchNorm2d where weights are loaded
  bounded_list<int, 6> returned_layers{1, 2, 3, 4};  // ResNet's layers; MobileNetV3's stages
  extra_fpn_block extra_blocks = extra_fpn_block::last_level_max_pool;
  int extra_in_channels = 256;  // LastLevelP6P7's
  norm_layer fpn_norm = norm_layer::none;
  int out_channels = 256;

  friend constexpr bool operator==(const fpn_backbone_config&, const fpn_backbone_config&) = default;
};

// The backbone registered as "backbone" and run on the batch x; its feature maps go to maps.
constexpr shape fpn_backbone(scope& self, const fpn_backbone_config& config, const shape& x, feature_maps& maps) {
  const feature_pyramid_network fpn{.out_channels = config.out_channels,
                                    .extra_blocks = config.extra_blocks,
                                    .extra_in_channels = config.extra_in_channels,
                                    .norm = config.fpn_norm,
                                    .maps = &maps};
  bounded_list<int, 6> in_channels_list{};
  if (config.type == backbone_type::resnet50) {
    const resnet::model net = resnet::resnet50({.norm_layer = config.body_norm});
    bounded_list<int, 4> layers;
    for (int layer : config.returned_layers) {
      layers.push_back(layer);
      // in_channels_stage2 * 2 ** (i - 1), in_channels_stage2 = resnet.inplanes // 8
      in_channels_list.push_back(256 << (layer - 1));
    }
    auto pyramid = fpn;
    pyramid.in_channels_list = in_channels_list;
    return self.several_outputs("backbone", backbone_with_fpn<resnet_body>{{net, layers, &maps}, pyramid}, x);
  }
  const mobilenet_v3::model net = mobilenet_v3::mobilenet_v3_large({.norm_layer = config.body_norm});
  const bounded_list<int, 8> stage_indices = net.stage_indices();
  bounded_list<int, 6> indices;
  for (int stage : config.returned_layers) {
    const int index = stage_indices[static_cast<std::size_t>(stage)];
    indices.push_back(index);
    in_channels_list.push_back(net.feature_channels(index));
  }
  auto pyramid = fpn;
  pyramid.in_channels_list = in_channels_list;
  return self.several_outputs("backbone", backbone_with_fpn<mobilenet_body>{{net, indices, &maps}, pyramid}, x);
}

// torchvision.models.detection.rpn.RPNHead on every level of `maps`: conv_depth 3x3
// convolutions, then the objectness logits and box deltas of num_anchors anchors per location.
struct rpn_head {
  static constexpr std::string_view type_name = "RPNHead";
  int in_channels = 256;
  int num_anchors = 3;
  int conv_depth = 1;
  const feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, const shape& x) const {
    const int channels = in_channels, depth = conv_depth;
    const auto conv = sequential([channels, depth](scope& layers, shape y) {
      for (int i = 0; i < depth; ++i)
        y = layers(conv2d_norm_activation{.in_channels = channels, .out_channels = channels, .norm = norm_layer::none},
                   y);
      return y;
    });
    const conv2d cls_logits{.in_channels = in_channels, .out_channels = num_anchors};
    const conv2d bbox_pred{.in_channels = in_channels, .out_channels = num_anchors * 4};
    const feature_maps& levels = *maps;
    const auto conv_layers = self.declare("conv", conv, levels[0]);
    const auto objectness = self.declare("cls_logits", cls_logits, conv_layers.declared_output());
    const auto box_deltas = self.declare("bbox_pred", bbox_pred, conv_layers.declared_output());
    for (int i = 0; i < levels.size(); ++i) {
      const shape features = conv_layers(levels[i]);
      objectness(features);
      box_deltas(features);
    }
    return x;
  }
};

// What a one-stage detector does after its head, said by the model (scope::data_dependent).
inline constexpr const char* postprocess_detections =
    "decodes the boxes of the best-scoring anchors and keeps them after NMS (no parameters)";

// The one-stage detectors, whose heads differ in their layers' layout.
enum class one_stage { retinanet, fcos };

// A branch of RetinaNet's or FCOS's head, on every level of `maps`: num_convs 3x3 convolutions
// (Conv2dNormActivation in RetinaNet's; Conv2d, GroupNorm and ReLU in FCOS's), then a 3x3
// convolution per output (per_anchor values for each of num_anchors anchors), whose predictions of
// every level are permuted to (N, H * W * anchors, per_anchor) and concatenated.
struct dense_head_branch {
  struct output {
    const char* name = "";
    int per_anchor = 0;
  };
  std::string_view type_name{};
  int in_channels = 256;
  int num_anchors = 1;
  norm_layer norm = norm_layer::none;
  one_stage detector = one_stage::retinanet;
  std::array<output, 2> outputs{};
  const feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, const shape&) const {
    const int channels = in_channels, convs = 4;
    const norm_layer conv_norm = norm;
    const bool fcos = detector == one_stage::fcos;
    const auto conv = sequential([=](scope& layers, shape y) {
      for (int i = 0; i < convs; ++i) {
        if (!fcos) {
          y = layers(conv2d_norm_activation{.in_channels = channels, .out_channels = channels, .norm = conv_norm}, y);
          continue;
        }
        y = layers(conv2d{.in_channels = channels, .out_channels = channels, .kernel_size = 3, .padding = 1}, y);
        y = layers(group_norm{.num_groups = 32, .num_channels = channels}, y);
        y = layers(relu, y);
      }
      return y;
    });
    const auto predictor = [&](const output& o) {
      return conv2d{
          .in_channels = in_channels, .out_channels = num_anchors * o.per_anchor, .kernel_size = 3, .padding = 1};
    };
    const feature_maps& levels = *maps;
    const auto conv_layers = self.declare("conv", conv, levels[0]);
    std::array<std::optional<declared_child<conv2d>>, 2> predictors;
    for (std::size_t j = 0; j < outputs.size(); ++j)
      if (outputs[j].per_anchor > 0)
        predictors[j] = self.declare(outputs[j].name, predictor(outputs[j]), conv_layers.declared_output());
    std::int64_t locations = 0;
    for (int i = 0; i < levels.size(); ++i) {
      const shape features = conv_layers(levels[i]);
      for (const auto& predict : predictors)
        if (predict) (*predict)(features);
      locations += features[2] * features[3] * num_anchors;
    }
    return {levels[0][0], locations, outputs[0].per_anchor};
  }
};

// A one-stage detector's head (RetinaNetHead, FCOSHead), registered as "head": the classification
// branch, then the regression branch (FCOS's adds the centre-ness and returns the pair), on every
// level of branch.maps; returns the classification logits.
constexpr shape one_stage_head(scope& self, const dense_head_branch& branch, int num_classes) {
  self.data_dependent(postprocess_detections);
  const bool fcos = branch.detector == one_stage::fcos;
  shape logits;
  self.several_outputs("head",
                       composite(fcos ? "FCOSHead" : "RetinaNetHead",
                                 [&](scope& head, const shape& y) {
                                   auto classification = branch;
                                   classification.type_name =
                                       fcos ? "FCOSClassificationHead" : "RetinaNetClassificationHead";
                                   classification.outputs = {{{"cls_logits", num_classes}}};
                                   auto regression = branch;
                                   regression.type_name = fcos ? "FCOSRegressionHead" : "RetinaNetRegressionHead";
                                   regression.outputs = {{{"bbox_reg", 4}, {"bbox_ctrness", fcos ? 1 : 0}}};
                                   logits = head("classification_head", classification, y);
                                   if (fcos) return head.several_outputs("regression_head", regression, y);
                                   return head("regression_head", regression, y);
                                 }),
                       (*branch.maps)[0]);
  return logits;
}

// torchvision.ops.MultiScaleRoIAlign: each proposal's features pooled to output_size x
// output_size from the level its size selects: (proposals, C, output_size, output_size).
struct multi_scale_roi_align {
  static constexpr std::string_view type_name = "MultiScaleRoIAlign";
  int output_size = 7;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    return {x[0], x[1], output_size, output_size};
  }
};

// The box head of torchvision's RoIHeads: TwoMLPHead (fc6 and fc7 on the flattened pooled
// features), or FastRCNNConvFCHead (3x3 convolutions with a norm layer, then Linear layers).
enum class box_head_type { two_mlp, conv_fc };

struct box_head_config {
  box_head_type type = box_head_type::two_mlp;
  int representation_size = 1024;
  int conv_layers = 4;  // FastRCNNConvFCHead's [256] * 4, each with a BatchNorm2d
  int conv_channels = 256;

  friend constexpr bool operator==(const box_head_config&, const box_head_config&) = default;
};

struct two_mlp_head {
  static constexpr std::string_view type_name = "TwoMLPHead";
  int in_channels = 0;
  int representation_size = 1024;

  constexpr shape forward(scope& self, shape x) const {
    x = self.call(flatten{1}, x);
    x = self("fc6", linear{.in_features = in_channels, .out_features = representation_size}, x);
    return self("fc7", linear{.in_features = representation_size, .out_features = representation_size}, x);
  }
};

struct fast_rcnn_conv_fc_head {
  static constexpr std::string_view type_name = "FastRCNNConvFCHead";
  shape input_size{};  // (C, H, W)
  box_head_config config{};

  constexpr shape forward(scope& self, shape x) const {
    int channels = static_cast<int>(input_size[0]);
    for (int i = 0; i < config.conv_layers; ++i) {
      x = self(conv2d_norm_activation{.in_channels = channels, .out_channels = config.conv_channels}, x);
      channels = config.conv_channels;
    }
    x = self(flatten{1}, x);
    x = self(linear{.in_features = static_cast<int>(channels * input_size[1] * input_size[2]),
                    .out_features = config.representation_size},
             x);
    return self(relu, x);
  }
};

// torchvision.models.detection.faster_rcnn.FastRCNNPredictor.
struct fast_rcnn_predictor {
  static constexpr std::string_view type_name = "FastRCNNPredictor";
  int in_channels = 1024;
  int num_classes = 91;

  constexpr shape forward(scope& self, shape x) const {
    x = self.call(flatten{1}, x);
    self("cls_score", linear{.in_features = in_channels, .out_features = num_classes}, x);
    return self("bbox_pred", linear{.in_features = in_channels, .out_features = num_classes * 4}, x);
  }
};

// The heads Mask R-CNN and Keypoint R-CNN add to RoIHeads.
enum class roi_extra { none, mask, keypoint };

struct roi_extra_config {
  norm_layer mask_norm = norm_layer::none;  // MaskRCNNHeads' norm_layer (BatchNorm2d in the v2 model)
  int num_keypoints = 17;
};

// torchvision.models.detection.roi_heads.RoIHeads on `proposals` proposals (RPN's, at most its
// post_nms_top_n: 1000 in eval mode) and, for the mask or keypoint heads, `detections` detections
// (at most detections_per_img, 100): both depend on the data. Its input is one level of the
// feature pyramid, from which each ROI pool takes the proposals' features.
struct roi_heads {
  static constexpr std::string_view type_name = "RoIHeads";
  int out_channels = 256;
  int num_classes = 91;
  box_head_config box_head{};
  roi_extra extra = roi_extra::none;
  roi_extra_config extra_config{};
  int proposals = 1;
  int detections = 1;

  constexpr shape forward(scope& self, const shape& level) const {
    self.data_dependent(
        "pools RPN's proposals (at most 1000 in eval mode) and, for masks or keypoints, the detections kept "
        "after NMS (at most 100); described for one of each, not run");
    const shape pooled = self("box_roi_pool", multi_scale_roi_align{7}, {proposals, level[1], level[2], level[3]});
    shape box_features =
        box_head.type == box_head_type::two_mlp
            ? self("box_head", two_mlp_head{out_channels * 7 * 7, box_head.representation_size}, pooled)
            : self("box_head", fast_rcnn_conv_fc_head{{out_channels, 7, 7}, box_head}, pooled);
    const shape boxes =
        self("box_predictor", fast_rcnn_predictor{box_head.representation_size, num_classes}, box_features);
    if (extra == roi_extra::mask) return masks(self, level);
    if (extra == roi_extra::keypoint) return keypoints(self, level);
    return boxes;
  }

  // MaskRCNNHeads (four 3x3 Conv2dNormActivation of 256) and MaskRCNNPredictor.
  constexpr shape masks(scope& self, const shape& level) const {
    shape x = self("mask_roi_pool", multi_scale_roi_align{14}, {detections, level[1], level[2], level[3]});
    const norm_layer norm = extra_config.mask_norm;
    const int in = out_channels;
    x = self("mask_head",
             composite("MaskRCNNHeads",
                       [norm, in](scope& layers, shape y) {
                         int next = in;
                         for (int i = 0; i < 4; ++i) {
                           y = layers(conv2d_norm_activation{.in_channels = next, .out_channels = 256, .norm = norm},
                                      y);
                           next = 256;
                         }
                         return y;
                       }),
             x);
    const int classes = num_classes;
    return self(
        "mask_predictor",
        composite("MaskRCNNPredictor",
                  [classes](scope& predictor, shape y) {
                    y = predictor(
                        "conv5_mask",
                        conv_transpose2d{.in_channels = 256, .out_channels = 256, .kernel_size = 2, .stride = 2}, y);
                    y = predictor("relu", relu, y);
                    return predictor("mask_fcn_logits", conv2d{.in_channels = 256, .out_channels = classes}, y);
                  }),
        x);
  }

  // KeypointRCNNHeads (eight 3x3 convolutions of 512, each followed by ReLU) and
  // KeypointRCNNPredictor.
  constexpr shape keypoints(scope& self, const shape& level) const {
    shape x = self("keypoint_roi_pool", multi_scale_roi_align{14}, {detections, level[1], level[2], level[3]});
    const int in = out_channels;
    x = self("keypoint_head",
             composite("KeypointRCNNHeads",
                       [in](scope& layers, shape y) {
                         int next = in;
                         for (int i = 0; i < 8; ++i) {
                           y = layers(conv2d{.in_channels = next, .out_channels = 512, .kernel_size = 3, .padding = 1},
                                      y);
                           y = layers(relu, y);
                           next = 512;
                         }
                         return y;
                       }),
             x);
    const int points = extra_config.num_keypoints;
    return self(
        "keypoint_predictor",
        composite("KeypointRCNNPredictor",
                  [points](scope& predictor, shape y) {
                    return predictor(
                        "kps_score_lowres",
                        conv_transpose2d{
                            .in_channels = 512, .out_channels = points, .kernel_size = 4, .stride = 2, .padding = 1},
                        y);
                  }),
        x);
  }
};

}  // namespace archdesc::detection
