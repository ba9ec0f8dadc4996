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
  torchvision::norm_layer norm = torchvision::norm_layer::batch_norm2d;

  constexpr shape forward(scope& self, const shape& input) const {
    if (cnf.stride < 1 || cnf.stride > 2) self.fail("illegal stride value");
    const bool use_res_connect = cnf.stride == 1 && cnf.input_channels == cnf.out_channels;
    const shape result = self("block", sequential(*this, &inverted_residual::block), input);
    return use_res_connect ? self.add(result, input) : result;
  }

  constexpr shape block(scope& layers, const shape& x) const { return block_layers(layers, x, 0, 4); }

  // The block's layers of index begin to end - 1 (SSDLite splits a block after its expansion);
  // a slice that starts later keeps the block's indices as names, as nn.Sequential's slices do.
  constexpr shape block_layers(scope& layers, shape x, int begin, int end) const {
    int index = 0;
    const auto layer = [&](const auto& module) {
      if (index >= begin && index < end) x = begin == 0 ? layers(module, x) : layers(child_name("", index), module, x);
      ++index;
    };
    const elementwise* activation_layer = cnf.use_hs ? &hardswish : &relu;
    const int expanded = cnf.expanded_channels;
    // expand
    if (expanded != cnf.input_channels)
      layer(conv2d_norm_activation{.in_channels = cnf.input_channels,
                                   .out_channels = expanded,
                                   .kernel_size = 1,
                                   .norm = norm,
                                   .activation_layer = activation_layer});
    // depthwise
    layer(conv2d_norm_activation{.in_channels = expanded,
                                 .out_channels = expanded,
                                 .kernel_size = cnf.kernel,
                                 .stride = cnf.dilation > 1 ? 1 : cnf.stride,
                                 .groups = expanded,
                                 .norm = norm,
                                 .activation_layer = activation_layer,
                                 .dilation = cnf.dilation});
    if (cnf.use_se)
      layer(torchvision::squeeze_excitation{.input_channels = expanded,
                                            .squeeze_channels = make_divisible(expanded / 4, 8),
                                            .scale_activation = &hardsigmoid});
    // project
    layer(conv2d_norm_activation{.in_channels = expanded,
                                 .out_channels = cnf.out_channels,
                                 .kernel_size = 1,
                                 .norm = norm,
                                 .activation_layer = nullptr});
    return x;
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
  torchvision::norm_layer norm_layer = torchvision::norm_layer::batch_norm2d;
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

  constexpr shape features(scope& layers, shape y) const {
    return feature_layers(layers, 0, last_feature(), y, nullptr);
  }

  // The index of features' last layer.
  constexpr int last_feature() const { return static_cast<int>(inverted_residual_setting.size()) + 1; }

  // The output channels of features[index].
  constexpr int feature_channels(int index) const {
    if (index == 0) return inverted_residual_setting[0].input_channels;
    if (index == last_feature()) return lastconv_output_channels();
    return inverted_residual_setting[static_cast<std::size_t>(index - 1)].out_channels;
  }

  // The stage indices torchvision's detection and segmentation builders find in features: the
  // first layer, each block that downsamples (_is_cn: its configured stride is 2, dilated or not),
  // the last layer.
  constexpr bounded_list<int, 8> stage_indices() const {
    bounded_list<int, 8> stages{0};
    for (int index = 1; index < last_feature(); ++index)
      if (inverted_residual_setting[static_cast<std::size_t>(index - 1)].stride > 1) stages.push_back(index);
    stages.push_back(last_feature());
    return stages;
  }

  // The layers of features of index first to last, each one's output written to outputs where
  // given (the detection backbones take feature maps from inside features).
  constexpr shape feature_layers(scope& layers, int first, int last, shape y, shape* outputs) const {
    const auto layer = [&](int index, const auto& module) {
      if (index < first || index > last) return;
      y = layers(module, y);
      if (outputs != nullptr) outputs[index] = y;
    };
    // building first layer
    layer(0, conv2d_norm_activation{.in_channels = 3,
                                    .out_channels = inverted_residual_setting[0].input_channels,
                                    .stride = 2,
                                    .norm = norm_layer,
                                    .activation_layer = &hardswish});
    // building inverted residual blocks
    int index = 1;
    for (const auto& cnf : inverted_residual_setting) layer(index++, inverted_residual{cnf, norm_layer});
    // building last several layers
    layer(index, conv2d_norm_activation{.in_channels = lastconv_input_channels(),
                                        .out_channels = lastconv_output_channels(),
                                        .kernel_size = 1,
                                        .norm = norm_layer,
                                        .activation_layer = &hardswish});
    return y;
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
