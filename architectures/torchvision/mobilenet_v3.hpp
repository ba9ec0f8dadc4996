// architectures/torchvision/mobilenet_v3.hpp: torchvision's MobileNetV3 (torchvision/models/mobilenetv3.py):
// the MobileNetV3 class with its knobs (the inverted residual setting and last_channel), and the
// settings _mobilenet_v3_conf makes from arch, width_mult, reduced_tail and dilated.
//
//   constexpr auto net = archdesc::mobilenet_v3::mobilenet_v3_large();
//   static_assert(archdesc::parameter_count<net> == 5'483'032);
//   constexpr auto slim = archdesc::mobilenet_v3::mobilenet_v3_small({.width_mult = 0.75, .num_classes = 10});
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::mobilenet_v3 {

using torchvision::conv2d_norm_activation;
using torchvision::make_divisible;
using torchvision::norm_layer;

// The activation column of the paper's tables: ReLU ("RE") or hard swish ("HS").
enum class nonlinearity { RE, HS };

// torchvision's InvertedResidualConfig: a row of Tables 1 and 2 of the MobileNetV3 paper, its
// channels adjusted to width_mult when it is made.
struct inverted_residual_config {
  int input_channels = 0;
  int kernel = 3;
  int expanded_channels = 0;
  int out_channels = 0;
  bool use_se = false;
  bool use_hs = false;
  int stride = 1;
  int dilation = 1;

  static constexpr int adjust_channels(int channels, double width_mult) {
    return make_divisible(channels * width_mult, 8);
  }

  constexpr inverted_residual_config() = default;
  constexpr inverted_residual_config(int input_channels, int kernel, int expanded_channels, int out_channels,
                                     bool use_se, nonlinearity activation, int stride, int dilation, double width_mult)
      : input_channels(adjust_channels(input_channels, width_mult)),
        kernel(kernel),
        expanded_channels(adjust_channels(expanded_channels, width_mult)),
        out_channels(adjust_channels(out_channels, width_mult)),
        use_se(use_se),
        use_hs(activation == nonlinearity::HS),
        stride(stride),
        dilation(dilation) {}

  friend constexpr bool operator==(const inverted_residual_config&, const inverted_residual_config&) = default;
};

using inverted_residual_settings = bounded_list<inverted_residual_config, 32>;

// Implemented as described at section 5 of the MobileNetV3 paper.
struct inverted_residual {
  static constexpr std::string_view type_name = "InvertedResidual";
  inverted_residual_config cnf;
  norm_layer norm = norm_layer::batch_norm2d;

  constexpr shape forward(scope& self, const shape& input) const {
    if (cnf.stride < 1 || cnf.stride > 2) self.fail("illegal stride value");
    const bool use_res_connect = cnf.stride == 1 && cnf.input_channels == cnf.out_channels;
    const shape result = self("block", sequential(*this, &inverted_residual::block), input);
    return use_res_connect ? self.add(result, input) : result;
  }

  constexpr shape block(scope& layers, shape x) const {
    const elementwise* activation_layer = cnf.use_hs ? &hardswish : &relu;
    const int expanded = cnf.expanded_channels;
    // expand
    if (expanded != cnf.input_channels)
      x = layers(conv2d_norm_activation{.in_channels = cnf.input_channels,
                                        .out_channels = expanded,
                                        .kernel_size = 1,
                                        .norm = norm,
                                        .activation_layer = activation_layer},
                 x);
    // depthwise
    x = layers(conv2d_norm_activation{.in_channels = expanded,
                                      .out_channels = expanded,
                                      .kernel_size = cnf.kernel,
                                      .stride = cnf.dilation > 1 ? 1 : cnf.stride,
                                      .groups = expanded,
                                      .norm = norm,
                                      .activation_layer = activation_layer,
                                      .dilation = cnf.dilation},
               x);
    if (cnf.use_se)
      x = layers(torchvision::squeeze_excitation{.input_channels = expanded,
                                                 .squeeze_channels = make_divisible(expanded / 4, 8),
                                                 .scale_activation = &hardsigmoid},
                 x);
    // project
    return layers(conv2d_norm_activation{.in_channels = expanded,
                                         .out_channels = cnf.out_channels,
                                         .kernel_size = 1,
                                         .norm = norm,
                                         .activation_layer = nullptr},
                  x);
  }
};

enum class arch { mobilenet_v3_large, mobilenet_v3_small };

// What _mobilenet_v3_conf returns.
struct conf {
  inverted_residual_settings inverted_residual_setting;
  int last_channel = 0;
};

// torchvision's _mobilenet_v3_conf: the paper's tables, with channels scaled by width_mult, the
// last stage's channels halved by reduced_tail, and its convolutions dilated instead of strided.
constexpr conf mobilenet_v3_conf(arch architecture, double width_mult = 1.0, bool reduced_tail = false,
                                 bool dilated = false) {
  using enum nonlinearity;
  const int reduce_divider = reduced_tail ? 2 : 1;
  const int dilation = dilated ? 2 : 1;
  const auto bneck_conf = [=](int input_channels, int kernel, int expanded_channels, int out_channels, bool use_se,
                              nonlinearity activation, int stride, int block_dilation) {
    return inverted_residual_config(input_channels, kernel, expanded_channels, out_channels, use_se, activation, stride,
                                    block_dilation, width_mult);
  };
  const auto adjust_channels = [=](int channels) {
    return inverted_residual_config::adjust_channels(channels, width_mult);
  };
  if (architecture == arch::mobilenet_v3_large) {
    const int tail = 160 / reduce_divider;
    return {{
                bneck_conf(16, 3, 16, 16, false, RE, 1, 1),
                bneck_conf(16, 3, 64, 24, false, RE, 2, 1),  // C1
                bneck_conf(24, 3, 72, 24, false, RE, 1, 1),
                bneck_conf(24, 5, 72, 40, true, RE, 2, 1),  // C2
                bneck_conf(40, 5, 120, 40, true, RE, 1, 1),
                bneck_conf(40, 5, 120, 40, true, RE, 1, 1),
                bneck_conf(40, 3, 240, 80, false, HS, 2, 1),  // C3
                bneck_conf(80, 3, 200, 80, false, HS, 1, 1),
                bneck_conf(80, 3, 184, 80, false, HS, 1, 1),
                bneck_conf(80, 3, 184, 80, false, HS, 1, 1),
                bneck_conf(80, 3, 480, 112, true, HS, 1, 1),
                bneck_conf(112, 3, 672, 112, true, HS, 1, 1),
                bneck_conf(112, 5, 672, tail, true, HS, 2, dilation),  // C4
                bneck_conf(tail, 5, 960 / reduce_divider, tail, true, HS, 1, dilation),
                bneck_conf(tail, 5, 960 / reduce_divider, tail, true, HS, 1, dilation),
            },
            adjust_channels(1280 / reduce_divider)};  // C5
  }
  const int tail = 96 / reduce_divider;
  return {{
              bneck_conf(16, 3, 16, 16, true, RE, 2, 1),   // C1
              bneck_conf(16, 3, 72, 24, false, RE, 2, 1),  // C2
              bneck_conf(24, 3, 88, 24, false, RE, 1, 1),
              bneck_conf(24, 5, 96, 40, true, HS, 2, 1),  // C3
              bneck_conf(40, 5, 240, 40, true, HS, 1, 1),
              bneck_conf(40, 5, 240, 40, true, HS, 1, 1),
              bneck_conf(40, 5, 120, 48, true, HS, 1, 1),
              bneck_conf(48, 5, 144, 48, true, HS, 1, 1),
              bneck_conf(48, 5, 288, tail, true, HS, 2, dilation),  // C4
              bneck_conf(tail, 5, 576 / reduce_divider, tail, true, HS, 1, dilation),
              bneck_conf(tail, 5, 576 / reduce_divider, tail, true, HS, 1, dilation),
          },
          adjust_channels(1024 / reduce_divider)};  // C5
}

// torchvision.models.MobileNetV3, with its constructor's knobs; the setting defaults to the large
// model's. width_mult, reduced_tail and dilated are read by the builders only, which make
// inverted_residual_setting and last_channel from them with _mobilenet_v3_conf: to MobileNetV3
// they are **kwargs, accepted and ignored, and so they are to forward.
struct model {
  static constexpr std::string_view type_name = "MobileNetV3";
  inverted_residual_settings inverted_residual_setting =
      mobilenet_v3_conf(arch::mobilenet_v3_large).inverted_residual_setting;
  int last_channel = 1280;
  real width_mult = 1.0;      // the builders' (_mobilenet_v3_conf's)
  bool reduced_tail = false;  // the builders' (_mobilenet_v3_conf's)
  bool dilated = false;       // the builders' (_mobilenet_v3_conf's)
  int num_classes = 1000;
  norm_layer norm = norm_layer::batch_norm2d;  // torchvision's norm_layer: BatchNorm2d or FrozenBatchNorm2d
  shape input{3, 224, 224};

  constexpr int lastconv_input_channels() const {
    return inverted_residual_setting[inverted_residual_setting.size() - 1].out_channels;
  }
  constexpr int lastconv_output_channels() const { return 6 * lastconv_input_channels(); }

  constexpr shape forward(scope& self, shape x) const {
    if (inverted_residual_setting.empty()) {
      self.fail("The inverted_residual_setting should not be empty");
      return x;
    }
    x = self("features", sequential(*this, &model::features), x);
    x = self("avgpool", adaptive_avg_pool2d(1), x);
    x = self.call(flatten{1}, x);
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(linear{.in_features = lastconv_output_channels(), .out_features = last_channel}, y);
                  y = classifier(hardswish, y);
                  y = classifier(dropout, y);
                  return classifier(linear{.in_features = last_channel, .out_features = num_classes}, y);
                }),
                x);
  }

  // features' layers 0 to last, as a backbone runs them (torchvision's IntermediateLayerGetter);
  // layer_output(i, y) is told each layer i's output.
  template <class LayerOutput>
  constexpr shape body(scope& layers, shape y, int last, LayerOutput layer_output) const {
    // building first layer
    y = layers(conv2d_norm_activation{.in_channels = 3,
                                      .out_channels = inverted_residual_setting[0].input_channels,
                                      .stride = 2,
                                      .norm = norm,
                                      .activation_layer = &hardswish},
               y);
    layer_output(0, y);
    // building inverted residual blocks
    for (int i = 1; i < last_feature() && i <= last; ++i) {
      y = layers(inverted_residual{inverted_residual_setting[static_cast<std::size_t>(i - 1)], norm}, y);
      layer_output(i, y);
    }
    if (last < last_feature()) return y;
    // building last several layers
    y = layers(conv2d_norm_activation{.in_channels = lastconv_input_channels(),
                                      .out_channels = lastconv_output_channels(),
                                      .kernel_size = 1,
                                      .norm = norm,
                                      .activation_layer = &hardswish},
               y);
    layer_output(last_feature(), y);
    return y;
  }

  constexpr shape features(scope& layers, shape y) const {
    return body(layers, y, last_feature(), [](int, const shape&) {});
  }

  // The index of features' last layer; a layer is strided (a "C" stage of the paper, torchvision's
  // _is_cn) where its block's stride is 2.
  constexpr int last_feature() const { return static_cast<int>(inverted_residual_setting.size()) + 1; }
  constexpr bool strided(int feature) const {
    return feature >= 1 && feature < last_feature() &&
           inverted_residual_setting[static_cast<std::size_t>(feature - 1)].stride > 1;
  }
  // The output channels of features[i].
  constexpr int feature_channels(int feature) const {
    if (feature == 0) return inverted_residual_setting[0].input_channels;
    if (feature == last_feature()) return lastconv_output_channels();
    return inverted_residual_setting[static_cast<std::size_t>(feature - 1)].out_channels;
  }
};

// The builders of torchvision's mobilenetv3.py: each takes the model's knobs, as torchvision's take
// keyword arguments (mobilenet_v3_large({.width_mult = 0.75, .reduced_tail = true})), and sets
// inverted_residual_setting and last_channel from _mobilenet_v3_conf(arch, width_mult,
// reduced_tail, dilated) itself.
constexpr model mobilenet_v3(arch architecture, model knobs) {
  const conf c = mobilenet_v3_conf(architecture, knobs.width_mult, knobs.reduced_tail, knobs.dilated);
  builder_sets(knobs, &model::inverted_residual_setting, c.inverted_residual_setting);
  builder_sets(knobs, &model::last_channel, c.last_channel);
  return knobs;
}

constexpr model mobilenet_v3_large(const model& knobs = {}) { return mobilenet_v3(arch::mobilenet_v3_large, knobs); }
constexpr model mobilenet_v3_small(const model& knobs = {}) { return mobilenet_v3(arch::mobilenet_v3_small, knobs); }

// The builders of torchvision's mobilenetv3.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"mobilenet_v3_large", mobilenet_v3_large()},
    {"mobilenet_v3_small", mobilenet_v3_small()},
};

}  // namespace archdesc::mobilenet_v3
