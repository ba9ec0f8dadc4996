// architectures/torchvision/mobilenet_v2.hpp: torchvision's MobileNetV2 (torchvision/models/mobilenetv2.py),
// with the knobs of its class.
//
//   constexpr auto net = archdesc::mobilenet_v2::mobilenet_v2();
//   static_assert(archdesc::parameter_count<net> == 3'504'872);
//   constexpr archdesc::mobilenet_v2::model slim{.num_classes = 10, .width_mult = 0.35};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::mobilenet_v2 {

using torchvision::conv2d_norm_activation;
using torchvision::make_divisible;

struct inverted_residual {
  static constexpr std::string_view type_name = "InvertedResidual";
  int inp = 0;
  int oup = 0;
  int stride = 1;
  double expand_ratio = 1;

  constexpr shape forward(scope& self, const shape& x) const {
    if (stride != 1 && stride != 2) self.fail("stride should be 1 or 2 instead of ", stride);
    const bool use_res_connect = stride == 1 && inp == oup;
    const shape y = self("conv", sequential(*this, &inverted_residual::conv), x);
    return use_res_connect ? self.add(x, y) : y;
  }

  constexpr shape conv(scope& layers, shape z) const {
    const int hidden_dim = torchvision::python_round(inp * expand_ratio);
    if (expand_ratio != 1)  // pw
      z = layers(
          conv2d_norm_activation{
              .in_channels = inp, .out_channels = hidden_dim, .kernel_size = 1, .activation_layer = &relu6},
          z);
    // dw
    z = layers(conv2d_norm_activation{.in_channels = hidden_dim,
                                      .out_channels = hidden_dim,
                                      .stride = stride,
                                      .groups = hidden_dim,
                                      .activation_layer = &relu6},
               z);
    // pw-linear
    z = layers(conv2d{.in_channels = hidden_dim, .out_channels = oup, .kernel_size = 1, .bias = false}, z);
    return layers(batch_norm2d{oup}, z);
  }
};

// One row of inverted_residual_setting: expand ratio t, output channels c, repeats n, stride s.
struct inverted_residual_row {
  real t = 1.0;
  int c = 0;
  int n = 0;
  int s = 1;

  friend constexpr bool operator==(const inverted_residual_row&, const inverted_residual_row&) = default;
};

using inverted_residual_settings = bounded_list<inverted_residual_row, 32>;

// torchvision.models.MobileNetV2, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "MobileNetV2";
  int num_classes = 1000;
  real width_mult = 1.0;
  inverted_residual_settings inverted_residual_setting{{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                                       {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  int round_nearest = 8;
  shape input{3, 224, 224};

  constexpr int last_channel() const {
    return make_divisible(1280 * (width_mult > 1.0 ? double(width_mult) : 1.0), round_nearest);
  }

  constexpr shape forward(scope& self, shape x) const {
    if (inverted_residual_setting.empty()) self.fail("inverted_residual_setting should be non-empty");
    if (round_nearest <= 0) {  // Python's ZeroDivisionError in _make_divisible
      self.fail("round_nearest must be positive, receives ", round_nearest);
      return x;
    }
    x = self("features", sequential(*this, &model::features), x);
    x = self.call(adaptive_avg_pool2d({1, 1}), x);
    x = self.call(flatten{1}, x);
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(dropout, y);
                  return classifier(linear{.in_features = last_channel(), .out_features = num_classes}, y);
                }),
                x);
  }

  constexpr shape features(scope& layers, shape y) const {
    // building first layer
    int input_channel = make_divisible(32 * width_mult, round_nearest);
    y = layers(
        conv2d_norm_activation{
            .in_channels = 3, .out_channels = input_channel, .stride = 2, .activation_layer = &relu6},
        y);
    // building inverted residual blocks
    for (const auto& [t, c, n, s] : inverted_residual_setting) {
      const int output_channel = make_divisible(c * width_mult, round_nearest);
      if (n < 1) continue;
      y = layers(inverted_residual{input_channel, output_channel, s, t}, y);
      input_channel = output_channel;
      y = layers.repeat(n - 1, inverted_residual{input_channel, output_channel, 1, t}, y);
    }
    // building last several layers
    return layers(
        conv2d_norm_activation{
            .in_channels = input_channel, .out_channels = last_channel(), .kernel_size = 1, .activation_layer = &relu6},
        y);
  }
};

// torchvision's mobilenet_v2(**kwargs) passes its keyword arguments to MobileNetV2 and sets none
// itself: mobilenet_v2({.num_classes = 10}).
constexpr model mobilenet_v2(const model& knobs = {}) { return knobs; }

// The builders of torchvision's mobilenetv2.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"mobilenet_v2", mobilenet_v2()},
};

}  // namespace archdesc::mobilenet_v2
