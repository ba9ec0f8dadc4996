// architectures/torchvision/deeplabv3.hpp: torchvision's DeepLabV3
// (torchvision/models/segmentation/deeplabv3.py) on a dilated ResNet-50, ResNet-101 or
// MobileNetV3-Large, with the builders' knobs (num_classes, aux_loss).
//
//   constexpr auto net = archdesc::deeplabv3::deeplabv3_resnet50();
//   static_assert(archdesc::parameter_count<net> == 39'638'869);
//   // the layout its published weights load into: with the auxiliary classifier
//   static_assert(archdesc::parameter_count<archdesc::deeplabv3::deeplabv3_resnet50({.aux_loss = true})> ==
//                 42'004'074);
#pragma once

#include <architectures/torchvision/fcn.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::deeplabv3 {

using segmentation::backbone_type;
using segmentation::resized;

// torchvision's ASPPConv: an nn.Sequential of a dilated 3x3 convolution, BatchNorm2d and ReLU.
struct aspp_conv {
  static constexpr std::string_view type_name = "ASPPConv";
  int in_channels = 0;
  int out_channels = 0;
  int dilation = 1;

  constexpr shape forward(scope& self, shape x) const {
    x = self(conv2d{.in_channels = in_channels,
                    .out_channels = out_channels,
                    .kernel_size = 3,
                    .padding = dilation,
                    .dilation = dilation,
                    .bias = false},
             x);
    x = self(batch_norm2d{out_channels}, x);
    return self(relu, x);
  }
};

// torchvision's ASPPPooling: image pooling, a 1x1 convolution, BatchNorm2d and ReLU, resized back.
struct aspp_pooling {
  static constexpr std::string_view type_name = "ASPPPooling";
  int in_channels = 0;
  int out_channels = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    shape y = self(adaptive_avg_pool2d(1), x);
    y = self(conv2d{.in_channels = in_channels, .out_channels = out_channels, .kernel_size = 1, .bias = false}, y);
    y = self(batch_norm2d{out_channels}, y);
    return resized(self(relu, y), x);
  }
};

// torchvision's ASPP: a 1x1 branch, a dilated branch per atrous rate and image pooling, all on x,
// concatenated and projected.
struct aspp {
  static constexpr std::string_view type_name = "ASPP";
  int in_channels = 0;
  bounded_list<int, 8> atrous_rates;
  int out_channels = 256;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape res = self(
        "convs", module_list([&](scope& convs, const shape& input) {
          shape cat = convs(
              sequential([&](scope& s, shape y) {
                y = s(conv2d{.in_channels = in_channels, .out_channels = out_channels, .kernel_size = 1, .bias = false},
                      y);
                y = s(batch_norm2d{out_channels}, y);
                return s(relu, y);
              }),
              input);
          for (int rate : atrous_rates)
            cat = convs.cat({cat, convs(aspp_conv{in_channels, out_channels, rate}, input)}, 1);
          return convs.cat({cat, convs(aspp_pooling{in_channels, out_channels}, input)}, 1);
        }),
        x);
    const int branches = static_cast<int>(atrous_rates.size()) + 2;
    return self("project", sequential([&](scope& s, shape y) {
                  y = s(conv2d{.in_channels = branches * out_channels,
                               .out_channels = out_channels,
                               .kernel_size = 1,
                               .bias = false},
                        y);
                  y = s(batch_norm2d{out_channels}, y);
                  y = s(relu, y);
                  return s(dropout, y);
                }),
                res);
  }
};

// torchvision's DeepLabHead: an nn.Sequential of ASPP (rates 12, 24, 36), a 3x3 convolution,
// BatchNorm2d, ReLU and a 1x1 convolution to the classes.
struct deeplab_head {
  static constexpr std::string_view type_name = "DeepLabHead";
  int in_channels = 0;
  int num_classes = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = self(aspp{.in_channels = in_channels, .atrous_rates = {12, 24, 36}}, x);
    x = self(conv2d{.in_channels = 256, .out_channels = 256, .kernel_size = 3, .padding = 1, .bias = false}, x);
    x = self(batch_norm2d{256}, x);
    x = self(relu, x);
    return self(conv2d{.in_channels = 256, .out_channels = num_classes, .kernel_size = 1}, x);
  }
};

// torchvision.models.segmentation.DeepLabV3 as its builders make it: the backbone, num_classes, and
// aux_loss, which adds the auxiliary classifier the published weights have.
struct model {
  static constexpr std::string_view type_name = "DeepLabV3";
  backbone_type backbone = backbone_type::resnet50;
  int num_classes = 21;
  bool aux_loss = false;
  shape input{3, 520, 520};

  constexpr shape forward(scope& self, const shape& x) const {
    const auto aux_classifier = [&](int in_channels) {
      return aux_loss ? std::optional(segmentation::fcn_head{in_channels, num_classes}) : std::nullopt;
    };
    if (backbone != backbone_type::mobilenet_v3_large)  // _deeplabv3_resnet
      return segmentation::simple_segmentation(self, x, segmentation::resnet_features(backbone, aux_loss),
                                               deeplab_head{2048, num_classes}, aux_classifier(1024));
    // _deeplabv3_mobilenetv3: C5 (output stride 16) as "out", C2 (output stride 8) as "aux"
    const mobilenet_v3::model features = segmentation::dilated_mobilenet_v3_large();
    const bounded_list<int, 8> stages = features.stage_indices();
    const int out_pos = stages[stages.size() - 1], aux_pos = stages[stages.size() - 4];
    const torchvision::mobilenet_body getter{
        .net = features,
        .returned_indices = aux_loss ? bounded_list<int, 6>{aux_pos, out_pos} : bounded_list<int, 6>{out_pos}};
    return segmentation::simple_segmentation(self, x, getter,
                                             deeplab_head{features.feature_channels(out_pos), num_classes},
                                             aux_classifier(features.feature_channels(aux_pos)));
  }
};

// The builders of torchvision's deeplabv3.py (weights=None, weights_backbone=None): each takes the
// model's other knobs (deeplabv3_resnet50({.aux_loss = true}), the layout of its published weights).
constexpr model deeplabv3(backbone_type backbone, model knobs) {
  builder_sets(knobs, &model::backbone, backbone);
  return knobs;
}
constexpr model deeplabv3_resnet50(const model& knobs = {}) { return deeplabv3(backbone_type::resnet50, knobs); }
constexpr model deeplabv3_resnet101(const model& knobs = {}) { return deeplabv3(backbone_type::resnet101, knobs); }
constexpr model deeplabv3_mobilenet_v3_large(const model& knobs = {}) {
  return deeplabv3(backbone_type::mobilenet_v3_large, knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"deeplabv3_resnet50", deeplabv3_resnet50()},
    {"deeplabv3_resnet101", deeplabv3_resnet101()},
    {"deeplabv3_mobilenet_v3_large", deeplabv3_mobilenet_v3_large()},
};

}  // namespace archdesc::deeplabv3
