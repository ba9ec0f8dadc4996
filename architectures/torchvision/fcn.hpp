// architectures/torchvision/fcn.hpp: torchvision's FCN (torchvision/models/segmentation/fcn.py), with
// what its sibling DeepLabV3 shares: _SimpleSegmentationModel's forward (segmentation/_utils.py),
// FCNHead, and the dilated backbones the segmentation builders make.
//
//   constexpr auto net = archdesc::fcn::fcn_resnet50();
//   static_assert(archdesc::parameter_count<net> == 32'957'013);
//   // the layout its published weights load into: with the auxiliary classifier
//   static_assert(archdesc::parameter_count<archdesc::fcn::fcn_resnet50({.aux_loss = true})> == 35'322'218);
#pragma once

#include <architectures/torchvision/backbone.hpp>

#include <archdesc/archdesc.hpp>

#include <optional>

namespace archdesc::segmentation {

// The classifiers a segmentation builder takes its backbone from.
enum class backbone_type { resnet50, resnet101, mobilenet_v3_large };

// The backbones torchvision's segmentation builders make: a ResNet whose layer3 and layer4 dilate
// instead of striding (replace_stride_with_dilation=[False, True, True]), a MobileNetV3-Large whose
// last stage does (dilated=True).
constexpr resnet::model dilated_resnet(backbone_type backbone) {
  const resnet::model dilated{.replace_stride_with_dilation = {false, true, true}};
  return backbone == backbone_type::resnet101 ? resnet::resnet101(dilated) : resnet::resnet50(dilated);
}
constexpr mobilenet_v3::model dilated_mobilenet_v3_large() {
  return mobilenet_v3::mobilenet_v3_large({.dilated = true});
}

// The IntermediateLayerGetter of _fcn_resnet and _deeplabv3_resnet: layer4 as "out", and layer3 as
// "aux" for the auxiliary classifier.
constexpr torchvision::resnet_body resnet_features(backbone_type backbone, bool aux) {
  return {.net = dilated_resnet(backbone),
          .returned_layers = aux ? bounded_list<int, 4>{3, 4} : bounded_list<int, 4>{4}};
}

// F.interpolate(x, size=like.shape[-2:]): x's batch and channels at like's height and width.
constexpr shape resized(const shape& x, const shape& like) { return {x[0], x[1], like[-2], like[-1]}; }

// torchvision's FCNHead: an nn.Sequential of a 3x3 convolution to a quarter of the channels,
// BatchNorm2d, ReLU, Dropout(0.1) and a 1x1 convolution to `channels`.
struct fcn_head {
  static constexpr std::string_view type_name = "FCNHead";
  int in_channels = 0;
  int channels = 0;

  constexpr shape forward(scope& self, shape x) const {
    const int inter_channels = in_channels / 4;
    x = self(
        conv2d{
            .in_channels = in_channels, .out_channels = inter_channels, .kernel_size = 3, .padding = 1, .bias = false},
        x);
    x = self(batch_norm2d{inter_channels}, x);
    x = self(relu, x);
    x = self(dropout, x);
    return self(conv2d{.in_channels = inter_channels, .out_channels = channels, .kernel_size = 1}, x);
  }
};

// _SimpleSegmentationModel's forward: the backbone's "out" (its last returned layer) through the
// classifier, and its "aux" (the layer before) through the auxiliary classifier where there is one
// (in eval mode too), each resized to the input; returns "out" (the model returns the dict of both).
template <class Backbone, class Classifier>
constexpr shape simple_segmentation(scope& self, const shape& x, Backbone backbone, const Classifier& classifier,
                                    const std::optional<fcn_head>& aux_classifier) {
  torchvision::feature_maps features;
  backbone.maps = &features;
  self.several_outputs("backbone", backbone, x);
  const shape out = resized(self("classifier", classifier, features.back()), x);
  if (aux_classifier) self("aux_classifier", *aux_classifier, features[0]);
  return out;
}

}  // namespace archdesc::segmentation

namespace archdesc::fcn {

using segmentation::backbone_type;

// torchvision.models.segmentation.FCN as its builders make it: the backbone (ResNet-50 or -101),
// num_classes, and aux_loss, which adds the auxiliary classifier the published weights have.
struct model {
  static constexpr std::string_view type_name = "FCN";
  backbone_type backbone = backbone_type::resnet50;
  int num_classes = 21;
  bool aux_loss = false;
  shape input{3, 520, 520};

  constexpr shape forward(scope& self, const shape& x) const {
    if (backbone == backbone_type::mobilenet_v3_large) {
      self.fail("FCN's builders take a ResNet-50 or ResNet-101 backbone");
      return x;
    }
    return segmentation::simple_segmentation(
        self, x, segmentation::resnet_features(backbone, aux_loss), segmentation::fcn_head{2048, num_classes},
        aux_loss ? std::optional(segmentation::fcn_head{1024, num_classes}) : std::nullopt);
  }
};

// The builders of torchvision's fcn.py (weights=None, weights_backbone=None): each takes the
// model's other knobs (fcn_resnet50({.aux_loss = true}), the layout of its published weights).
constexpr model fcn(backbone_type backbone, model knobs) {
  builder_sets(knobs, &model::backbone, backbone);
  return knobs;
}
constexpr model fcn_resnet50(const model& knobs = {}) { return fcn(backbone_type::resnet50, knobs); }
constexpr model fcn_resnet101(const model& knobs = {}) { return fcn(backbone_type::resnet101, knobs); }

inline constexpr named_model<model> named_models[] = {
    {"fcn_resnet50", fcn_resnet50()},
    {"fcn_resnet101", fcn_resnet101()},
};

}  // namespace archdesc::fcn
