// architectures/torchvision/ssdlite.hpp: torchvision's SSDLite (torchvision/models/detection/ssdlite.py):
// SSD on MobileNetV3-Large, with depthwise separable extra blocks and heads, and the knobs of
// ssdlite320_mobilenet_v3_large.
//
//   constexpr auto net = archdesc::ssdlite::ssdlite320_mobilenet_v3_large();
//   static_assert(archdesc::parameter_count<net> == 3'440'060);
//
// The input is one image, resized to 320x320 by the transform. The backbone and the head run on
// it; the output is the classification head's logits, (1, default boxes, num_classes). Decoding
// the boxes, keeping the best scores and NMS depend on the data and have no parameters. Built with
// or without weights, the backbone keeps BatchNorm2d and the reduced tail (the builder reduces it
// unless ImageNet weights are loaded into the backbone alone), so the layout is the same.
#pragma once

#include <architectures/torchvision/detection_ops.hpp>
#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/ssd.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::ssdlite {

using detection::feature_maps;
using torchvision::conv2d_norm_activation;

// torchvision's _extra_block: 1x1 to half the channels, a strided 3x3 depthwise convolution, 1x1
// to out_channels, each a Conv2dNormActivation with ReLU6.
constexpr auto extra_block(int in_channels, int out_channels) {
  return sequential([=](scope& layers, shape x) {
    const int intermediate = out_channels / 2;
    x = layers(
        conv2d_norm_activation{
            .in_channels = in_channels, .out_channels = intermediate, .kernel_size = 1, .activation_layer = &relu6},
        x);
    x = layers(conv2d_norm_activation{.in_channels = intermediate,
                                      .out_channels = intermediate,
                                      .stride = 2,
                                      .groups = intermediate,
                                      .activation_layer = &relu6},
               x);
    return layers(
        conv2d_norm_activation{
            .in_channels = intermediate, .out_channels = out_channels, .kernel_size = 1, .activation_layer = &relu6},
        x);
  });
}

// torchvision's _prediction_block: a 3x3 depthwise Conv2dNormActivation with ReLU6, then a 1x1
// convolution to out_channels.
constexpr auto prediction_block(int in_channels, int out_channels) {
  return sequential([=](scope& layers, shape x) {
    x = layers(
        conv2d_norm_activation{
            .in_channels = in_channels, .out_channels = in_channels, .groups = in_channels, .activation_layer = &relu6},
        x);
    return layers(conv2d{.in_channels = in_channels, .out_channels = out_channels}, x);
  });
}

// torchvision's SSDLiteFeatureExtractorMobileNet: MobileNetV3's features cut inside the C4 block
// (after its expansion, whose output is the first feature map), then the extra blocks.
struct mobilenet_feature_extractor {
  static constexpr std::string_view type_name = "SSDLiteFeatureExtractorMobileNet";
  mobilenet_v3::model net{};
  double width_mult = 1.0;
  int min_depth = 16;
  feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, shape x) const {
    // c4_pos: stage_indices[-2], the last block that downsamples
    const bounded_list<int, 8> stage_indices = net.stage_indices();
    const int c4_pos = stage_indices[stage_indices.size() - 2];
    const int last = net.last_feature();
    const mobilenet_v3::inverted_residual c4{net.inverted_residual_setting[static_cast<std::size_t>(c4_pos - 1)],
                                             net.norm_layer};
    if (c4.cnf.stride == 1 && c4.cnf.input_channels == c4.cnf.out_channels)
      self.fail("backbone[c4_pos].use_res_connect should be False");
    *maps = {};
    // forward iterates over features' two blocks rather than calling it: no call of its own
    x = self.functional(
        "features", sequential([&](scope& features, shape y) {
          y = features(sequential([&](scope& head, shape z) {
                         z = net.feature_layers(head, 0, c4_pos - 1, z, nullptr);
                         return c4.block_layers(head, z, 0, 1);
                       }),
                       y);
          maps->push_back(y);
          y = features(
              sequential([&](scope& tail, shape z) {
                z = tail(sequential([&](scope& block, const shape& w) { return c4.block_layers(block, w, 1, 4); }), z);
                return net.feature_layers(tail, c4_pos + 1, last, z, nullptr);
              }),
              y);
          maps->push_back(y);
          return y;
        }),
        x);
    const auto depth = [&](int d) {
      const int scaled = checked_int(d * width_mult);
      return scaled > min_depth ? scaled : min_depth;
    };
    const int channels[] = {net.lastconv_output_channels(), depth(512), depth(256), depth(256), depth(128)};
    return self("extra", module_list([&](scope& extra, shape y) {
                  for (int i = 0; i < 4; ++i) {
                    y = extra(extra_block(channels[i], channels[i + 1]), y);
                    maps->push_back(y);
                  }
                  return y;
                }),
                x);
  }
};

// torchvision.models.detection.SSD as ssdlite320_mobilenet_v3_large builds it.
struct model {
  static constexpr std::string_view type_name = "SSD";
  int num_classes = 91;
  int size = 320;                // the transform's fixed size
  bool reduced_tail = true;      // the builder's: unless ImageNet weights go to the backbone alone
  int anchors_per_location = 6;  // DefaultBoxGenerator with aspect ratios [2, 3] at each level
  shape input{3, 320, 320};

  constexpr shape forward(scope& self, const shape& image) const {
    const shape x = detection::rcnn_transform{.size_divisible = 1, .fixed_size = size}.batch(image);
    feature_maps maps;
    self.several_outputs("backbone",
                         mobilenet_feature_extractor{
                             .net = mobilenet_v3::mobilenet_v3_large({.reduced_tail = reduced_tail}), .maps = &maps},
                         x);
    return ssd::ssd_head(
        self, true, num_classes,
        [&maps, this](int columns, int level) {
          return prediction_block(static_cast<int>(maps[level][1]), columns * anchors_per_location);
        },
        maps);
  }
};

// The builder of ssdlite.py: takes the model's knobs (ssdlite320_mobilenet_v3_large({.num_classes = 21})).
constexpr model ssdlite320_mobilenet_v3_large(const model& knobs = {}) { return knobs; }

// The builder, by name.
inline constexpr named_model<model> named_models[] = {
    {"ssdlite320_mobilenet_v3_large", ssdlite320_mobilenet_v3_large()},
};

}  // namespace archdesc::ssdlite
