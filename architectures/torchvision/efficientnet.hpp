// architectures/torchvision/efficientnet.hpp: torchvision's EfficientNet V1 and V2
// (torchvision/models/efficientnet.py): the EfficientNet class with its knobs (the MBConv and
// FusedMBConv settings, last_channel), and the settings _efficientnet_conf makes.
//
//   constexpr auto net = archdesc::efficientnet::efficientnet_b0();
//   static_assert(archdesc::parameter_count<net> == 5'288'548);
//   constexpr auto mine = archdesc::efficientnet::efficientnet_v1(0.5, 0.5, {.num_classes = 10});  // width, depth
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::efficientnet {

using torchvision::conv2d_norm_activation;

enum class block_type { mb_conv, fused_mb_conv };

// torchvision's _MBConvConfig: a stage of num_layers blocks.
struct block_config {
  real expand_ratio = 1.0;
  int kernel = 3;
  int stride = 1;
  int input_channels = 0;
  int out_channels = 0;
  int num_layers = 1;
  block_type block = block_type::mb_conv;

  friend constexpr bool operator==(const block_config&, const block_config&) = default;

  static constexpr int adjust_channels(int channels, double width_mult) {
    return torchvision::make_divisible(channels * width_mult, 8);
  }
};

// int(math.ceil(num_layers * depth_mult)), as MBConvConfig.adjust_depth computes it.
constexpr int adjust_depth(int num_layers, double depth_mult) {
  const double layers = num_layers * depth_mult;
  const auto truncated = static_cast<int>(layers);
  return truncated < layers ? truncated + 1 : truncated;
}

// torchvision's MBConvConfig (Table 1 of the EfficientNet paper, Table 4 of EfficientNetV2's):
// channels scaled by width_mult and depth by depth_mult.
constexpr block_config mb_conv_config(double expand_ratio, int kernel, int stride, int input_channels, int out_channels,
                                      int num_layers, double width_mult = 1.0, double depth_mult = 1.0) {
  return {expand_ratio,
          kernel,
          stride,
          block_config::adjust_channels(input_channels, width_mult),
          block_config::adjust_channels(out_channels, width_mult),
          adjust_depth(num_layers, depth_mult),
          block_type::mb_conv};
}

// torchvision's FusedMBConvConfig (Table 4 of the EfficientNetV2 paper): taken as it is.
constexpr block_config fused_mb_conv_config(double expand_ratio, int kernel, int stride, int input_channels,
                                            int out_channels, int num_layers) {
  return {expand_ratio, kernel, stride, input_channels, out_channels, num_layers, block_type::fused_mb_conv};
}

// What MBConv and FusedMBConv both do: check the stride, expand the input channels by
// expand_ratio, and end with the residual connection through stochastic depth, which forward
// calls only where the block has one.
constexpr void check_stride(scope& self, const block_config& cnf) {
  if (cnf.stride < 1 || cnf.stride > 2) self.fail("illegal stride value");
}

constexpr int expanded_channels_of(const block_config& cnf) {
  return block_config::adjust_channels(cnf.input_channels, cnf.expand_ratio);
}

constexpr shape residual(scope& self, const block_config& cnf, shape result, const shape& input) {
  const bool use_res_connect = cnf.stride == 1 && cnf.input_channels == cnf.out_channels;
  if (!use_res_connect) return result;
  result = self("stochastic_depth", torchvision::stochastic_depth, result);
  return self.add(result, input);
}

struct mb_conv {
  static constexpr std::string_view type_name = "MBConv";
  block_config cnf;

  constexpr shape forward(scope& self, const shape& input) const {
    check_stride(self, cnf);
    const shape result = self("block", sequential(*this, &mb_conv::block), input);
    return residual(self, cnf, result, input);
  }

  constexpr shape block(scope& layers, shape x) const {
    const int expanded_channels = expanded_channels_of(cnf);
    // expand
    if (expanded_channels != cnf.input_channels)
      x = layers(conv2d_norm_activation{.in_channels = cnf.input_channels,
                                        .out_channels = expanded_channels,
                                        .kernel_size = 1,
                                        .activation_layer = &silu},
                 x);
    // depthwise
    x = layers(conv2d_norm_activation{.in_channels = expanded_channels,
                                      .out_channels = expanded_channels,
                                      .kernel_size = cnf.kernel,
                                      .stride = cnf.stride,
                                      .groups = expanded_channels,
                                      .activation_layer = &silu},
               x);
    // squeeze and excitation
    const int squeeze_channels = cnf.input_channels / 4 > 1 ? cnf.input_channels / 4 : 1;
    x = layers(
        torchvision::squeeze_excitation{
            .input_channels = expanded_channels, .squeeze_channels = squeeze_channels, .activation = &silu},
        x);
    // project
    return layers(conv2d_norm_activation{.in_channels = expanded_channels,
                                         .out_channels = cnf.out_channels,
                                         .kernel_size = 1,
                                         .activation_layer = nullptr},
                  x);
  }
};

struct fused_mb_conv {
  static constexpr std::string_view type_name = "FusedMBConv";
  block_config cnf;

  constexpr shape forward(scope& self, const shape& input) const {
    check_stride(self, cnf);
    const shape result = self("block", sequential(*this, &fused_mb_conv::block), input);
    return residual(self, cnf, result, input);
  }

  constexpr shape block(scope& layers, shape x) const {
    const int expanded_channels = expanded_channels_of(cnf);
    if (expanded_channels == cnf.input_channels)
      return layers(conv2d_norm_activation{.in_channels = cnf.input_channels,
                                           .out_channels = cnf.out_channels,
                                           .kernel_size = cnf.kernel,
                                           .stride = cnf.stride,
                                           .activation_layer = &silu},
                    x);
    // fused expand
    x = layers(conv2d_norm_activation{.in_channels = cnf.input_channels,
                                      .out_channels = expanded_channels,
                                      .kernel_size = cnf.kernel,
                                      .stride = cnf.stride,
                                      .activation_layer = &silu},
               x);
    // project
    return layers(conv2d_norm_activation{.in_channels = expanded_channels,
                                         .out_channels = cnf.out_channels,
                                         .kernel_size = 1,
                                         .activation_layer = nullptr},
                  x);
  }
};

using block_settings = bounded_list<block_config, 16>;

// The arch argument of _efficientnet_conf: efficientnet_b stands for all of efficientnet_b0 to
// b7, which differ only by width_mult and depth_mult.
enum class arch { efficientnet_b, efficientnet_v2_s, efficientnet_v2_m, efficientnet_v2_l };

// What _efficientnet_conf returns; last_channel 0 is Python's None.
struct conf {
  block_settings inverted_residual_setting;
  int last_channel = 0;
};

// torchvision's _efficientnet_conf; width_mult and depth_mult apply to efficientnet_b only.
constexpr conf efficientnet_conf(arch architecture, double width_mult = 1.0, double depth_mult = 1.0) {
  switch (architecture) {
    case arch::efficientnet_b: {
      const auto bneck_conf = [=](double expand_ratio, int kernel, int stride, int input_channels, int out_channels,
                                  int num_layers) {
        return mb_conv_config(expand_ratio, kernel, stride, input_channels, out_channels, num_layers, width_mult,
                              depth_mult);
      };
      return {{
                  bneck_conf(1, 3, 1, 32, 16, 1),
                  bneck_conf(6, 3, 2, 16, 24, 2),
                  bneck_conf(6, 5, 2, 24, 40, 2),
                  bneck_conf(6, 3, 2, 40, 80, 3),
                  bneck_conf(6, 5, 1, 80, 112, 3),
                  bneck_conf(6, 5, 2, 112, 192, 4),
                  bneck_conf(6, 3, 1, 192, 320, 1),
              },
              0};
    }
    case arch::efficientnet_v2_s:
      return {{
                  fused_mb_conv_config(1, 3, 1, 24, 24, 2),
                  fused_mb_conv_config(4, 3, 2, 24, 48, 4),
                  fused_mb_conv_config(4, 3, 2, 48, 64, 4),
                  mb_conv_config(4, 3, 2, 64, 128, 6),
                  mb_conv_config(6, 3, 1, 128, 160, 9),
                  mb_conv_config(6, 3, 2, 160, 256, 15),
              },
              1280};
    case arch::efficientnet_v2_m:
      return {{
                  fused_mb_conv_config(1, 3, 1, 24, 24, 3),
                  fused_mb_conv_config(4, 3, 2, 24, 48, 5),
                  fused_mb_conv_config(4, 3, 2, 48, 80, 5),
                  mb_conv_config(4, 3, 2, 80, 160, 7),
                  mb_conv_config(6, 3, 1, 160, 176, 14),
                  mb_conv_config(6, 3, 2, 176, 304, 18),
                  mb_conv_config(6, 3, 1, 304, 512, 5),
              },
              1280};
    case arch::efficientnet_v2_l:
      return {{
                  fused_mb_conv_config(1, 3, 1, 32, 32, 4),
                  fused_mb_conv_config(4, 3, 2, 32, 64, 7),
                  fused_mb_conv_config(4, 3, 2, 64, 96, 7),
                  mb_conv_config(4, 3, 2, 96, 192, 10),
                  mb_conv_config(6, 3, 1, 192, 224, 19),
                  mb_conv_config(6, 3, 2, 224, 384, 25),
                  mb_conv_config(6, 3, 1, 384, 640, 7),
              },
              1280};
  }
  return {};
}

// torchvision.models.EfficientNet, with its constructor's knobs; the setting defaults to
// efficientnet_b0's.
struct model {
  static constexpr std::string_view type_name = "EfficientNet";
  block_settings inverted_residual_setting = efficientnet_conf(arch::efficientnet_b).inverted_residual_setting;
  int num_classes = 1000;
  int last_channel = 0;  // 0 is None: 4 times the last stage's channels
  shape input{3, 224, 224};

  constexpr int lastconv_input_channels() const {
    return inverted_residual_setting[inverted_residual_setting.size() - 1].out_channels;
  }
  constexpr int lastconv_output_channels() const {
    return last_channel != 0 ? last_channel : 4 * lastconv_input_channels();
  }

  constexpr shape forward(scope& self, shape x) const {
    if (inverted_residual_setting.empty()) {
      self.fail("The inverted_residual_setting should not be empty");
      return x;
    }
    x = self("features", sequential(*this, &model::features), x);
    x = self("avgpool", adaptive_avg_pool2d(1), x);
    x = self.call(flatten{1}, x);
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(dropout, y);
                  return classifier(linear{.in_features = lastconv_output_channels(), .out_features = num_classes}, y);
                }),
                x);
  }

  constexpr shape features(scope& layers, shape y) const {
    // building first layer
    y = layers(conv2d_norm_activation{.in_channels = 3,
                                      .out_channels = inverted_residual_setting[0].input_channels,
                                      .stride = 2,
                                      .activation_layer = &silu},
               y);
    // building inverted residual blocks: a Sequential per stage
    for (const block_config& cnf : inverted_residual_setting) {
      y = layers(sequential([&](scope& stage, shape z) {
                   if (cnf.num_layers < 1) return z;
                   // the blocks after the first keep the channels and stride 1: identical, described once
                   block_config rest = cnf;
                   rest.input_channels = cnf.out_channels;
                   rest.stride = 1;
                   if (cnf.block == block_type::mb_conv)
                     return stage.repeat(cnf.num_layers - 1, mb_conv{rest}, stage(mb_conv{cnf}, z));
                   return stage.repeat(cnf.num_layers - 1, fused_mb_conv{rest}, stage(fused_mb_conv{cnf}, z));
                 }),
                 y);
    }
    // building last several layers
    return layers(conv2d_norm_activation{.in_channels = lastconv_input_channels(),
                                         .out_channels = lastconv_output_channels(),
                                         .kernel_size = 1,
                                         .activation_layer = &silu},
                  y);
  }
};

// The builders of torchvision's efficientnet.py: each takes the model's other knobs, as torchvision's
// take keyword arguments (efficientnet_b3({.num_classes = 100})), and sets the knobs that
// _efficientnet_conf makes, inverted_residual_setting and last_channel, as
// _efficientnet(inverted_residual_setting, dropout, last_channel, ...) does. (dropout, and the
// norm_layer that efficientnet_b5 to b7 and v2 pass, change no parameter and no shape: no knobs.)
// The model runs at any size; the builder defaults its input to the crop size of its first
// ImageNet weights, which the weights' transforms fix, not the module.
constexpr model efficientnet(arch architecture, double width_mult, double depth_mult, const shape& input, model knobs) {
  const conf c = efficientnet_conf(architecture, width_mult, depth_mult);
  builder_sets(knobs, &model::inverted_residual_setting, c.inverted_residual_setting);
  builder_sets(knobs, &model::last_channel, c.last_channel);
  builder_defaults(knobs, &model::input, input);
  return knobs;
}

// EfficientNet V1 at any width_mult and depth_mult (not a torchvision builder):
// efficientnet_v1(0.5, 0.5, {.num_classes = 10}).
constexpr model efficientnet_v1(double width_mult, double depth_mult, const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, width_mult, depth_mult, {3, 224, 224}, knobs);
}

constexpr model efficientnet_b0(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.0, 1.0, {3, 224, 224}, knobs);
}
constexpr model efficientnet_b1(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.0, 1.1, {3, 240, 240}, knobs);
}
constexpr model efficientnet_b2(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.1, 1.2, {3, 288, 288}, knobs);
}
constexpr model efficientnet_b3(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.2, 1.4, {3, 300, 300}, knobs);
}
constexpr model efficientnet_b4(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.4, 1.8, {3, 380, 380}, knobs);
}
constexpr model efficientnet_b5(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.6, 2.2, {3, 456, 456}, knobs);
}
constexpr model efficientnet_b6(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 1.8, 2.6, {3, 528, 528}, knobs);
}
constexpr model efficientnet_b7(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_b, 2.0, 3.1, {3, 600, 600}, knobs);
}
constexpr model efficientnet_v2_s(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_v2_s, 1.0, 1.0, {3, 384, 384}, knobs);
}
constexpr model efficientnet_v2_m(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_v2_m, 1.0, 1.0, {3, 480, 480}, knobs);
}
constexpr model efficientnet_v2_l(const model& knobs = {}) {
  return efficientnet(arch::efficientnet_v2_l, 1.0, 1.0, {3, 480, 480}, knobs);
}

// The builders of torchvision's efficientnet.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"efficientnet_b0", efficientnet_b0()},     {"efficientnet_b1", efficientnet_b1()},
    {"efficientnet_b2", efficientnet_b2()},     {"efficientnet_b3", efficientnet_b3()},
    {"efficientnet_b4", efficientnet_b4()},     {"efficientnet_b5", efficientnet_b5()},
    {"efficientnet_b6", efficientnet_b6()},     {"efficientnet_b7", efficientnet_b7()},
    {"efficientnet_v2_s", efficientnet_v2_s()}, {"efficientnet_v2_m", efficientnet_v2_m()},
    {"efficientnet_v2_l", efficientnet_v2_l()},
};

}  // namespace archdesc::efficientnet
