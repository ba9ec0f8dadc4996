// architectures/torchvision/regnet.hpp: torchvision's RegNet family (torchvision/models/regnet.py): RegNetX and
// RegNetY (with Squeeze-and-Excitation), with the per-stage settings computed from the arguments
// of BlockParams.from_init_params exactly as torchvision computes them.
//
//   constexpr auto net = archdesc::regnet::regnet_y_400mf();
//   static_assert(archdesc::parameter_count<net> == 4'344'144);
//   constexpr archdesc::regnet::model mine{.block_params = {.depth = 10, .w_0 = 32, .w_a = 20.5, .w_m = 2.3,
//   .group_width = 8}, .num_classes = 10};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>
#include <archdesc/constexpr_math.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace archdesc::regnet {

using torchvision::conv2d_norm_activation;
using torchvision::python_round;

// The arguments of BlockParams.from_init_params. se_ratio 0 means None: no Squeeze-and-Excitation.
struct init_params {
  int depth = 0;
  int w_0 = 0;
  real w_a = 0.0;
  real w_m = 0.0;
  int group_width = 0;
  real bottleneck_multiplier = 1.0;
  real se_ratio = 0.0;

  friend constexpr bool operator==(const init_params&, const init_params&) = default;
};

// One stage of torchvision's BlockParams, which keeps these as parallel lists.
struct stage_params {
  int width = 0;
  int stride = 2;
  int depth = 0;
  int group_width = 0;
  double bottleneck_multiplier = 1.0;
};

// BlockParams._adjust_widths_groups_compatibilty: the bottleneck width becomes a multiple of the
// group width, which is at most the bottleneck width.
constexpr void adjust_widths_groups_compatibility(scope& self, stage_params& stage) {
  const int w_bot = checked_int(stage.width * stage.bottleneck_multiplier);
  if (w_bot <= 0) {  // Python stops here with a ZeroDivisionError
    self.fail("bottleneck_multiplier leaves a stage of width ", stage.width, " with ", w_bot, " bottleneck channels");
    return;
  }
  stage.group_width = std::min(stage.group_width, w_bot);
  const int w_bot_divisible = torchvision::make_divisible(w_bot, stage.group_width);
  stage.width = checked_int(w_bot_divisible / stage.bottleneck_multiplier);
}

// BlockParams.from_init_params: the widths of the blocks grow linearly (w_0 + i w_a), are
// quantized in log space with step w_m, then to multiples of 8; consecutive blocks of the same
// width form a stage. torch computes the quantization on float32 tensors, and so does this.
constexpr std::vector<stage_params> from_init_params(scope& self, const init_params& p) {
  constexpr int quant = 8;
  std::vector<stage_params> stages;
  if (p.w_a < 0 || p.w_0 <= 0 || p.w_m <= 1 || p.w_0 % 8 != 0) {
    self.fail("Invalid RegNet settings");
    return stages;
  }
  if (p.group_width <= 0) {
    self.fail("group_width must be positive, is ", p.group_width);
    return stages;
  }
  const auto w_0 = static_cast<float>(p.w_0);
  const auto w_a = static_cast<float>(p.w_a);
  const auto w_m = static_cast<float>(p.w_m);
  const auto log_w_m = static_cast<float>(math::log(p.w_m));  // math.log: a double, then a float32 scalar
  for (int i = 0; i < p.depth; ++i) {
    const float widths_cont = static_cast<float>(i) * w_a + w_0;
    const float log_ratio = static_cast<float>(math::log(widths_cont / w_0));
    const auto block_capacity = static_cast<float>(python_round(log_ratio / log_w_m));  // torch.round: half to even
    const float block_width_cont = w_0 * static_cast<float>(math::pow(w_m, block_capacity));
    const int block_width = checked_int(std::int64_t{python_round(block_width_cont / quant)} * quant);
    if (stages.empty() || stages.back().width != block_width)
      stages.push_back(
          {.width = block_width, .group_width = p.group_width, .bottleneck_multiplier = p.bottleneck_multiplier});
    ++stages.back().depth;
  }
  for (stage_params& stage : stages) adjust_widths_groups_compatibility(self, stage);
  return stages;
}

// What AnyStage passes to each of its blocks.
struct block_arguments {
  int width_in = 0;
  int width_out = 0;
  int stride = 1;
  int group_width = 1;
  double bottleneck_multiplier = 1.0;
  double se_ratio = 0.0;
};

// Simple stem for ImageNet: 3x3, BN, ReLU (a Conv2dNormActivation under its own class name).
struct simple_stem_in {
  static constexpr std::string_view type_name = "SimpleStemIN";
  int width_in = 0;
  int width_out = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    return conv2d_norm_activation{.in_channels = width_in, .out_channels = width_out, .stride = 2}.forward(self, x);
  }
};

// Bottleneck transformation: 1x1, 3x3 [+SE], 1x1.
struct bottleneck_transform {
  static constexpr std::string_view type_name = "BottleneckTransform";
  block_arguments a;

  constexpr shape forward(scope& self, shape x) const {
    const int w_b = python_round(a.width_out * a.bottleneck_multiplier);
    const int g = w_b / a.group_width;
    x = self("a", conv2d_norm_activation{.in_channels = a.width_in, .out_channels = w_b, .kernel_size = 1}, x);
    x = self("b", conv2d_norm_activation{.in_channels = w_b, .out_channels = w_b, .stride = a.stride, .groups = g}, x);
    if (a.se_ratio != 0) {
      // The SE reduction ratio is defined with respect to the beginning of the block
      const int width_se_out = python_round(a.se_ratio * a.width_in);
      x = self("se", torchvision::squeeze_excitation{.input_channels = w_b, .squeeze_channels = width_se_out}, x);
    }
    return self("c",
                conv2d_norm_activation{
                    .in_channels = w_b, .out_channels = a.width_out, .kernel_size = 1, .activation_layer = nullptr},
                x);
  }
};

// Residual bottleneck block: x + F(x), F = bottleneck transform.
struct res_bottleneck_block {
  static constexpr std::string_view type_name = "ResBottleneckBlock";
  block_arguments a;

  constexpr shape forward(scope& self, const shape& x) const {
    // Use skip connection with projection if shape changes
    shape shortcut = x;
    if (a.width_in != a.width_out || a.stride != 1)
      shortcut = self("proj",
                      conv2d_norm_activation{.in_channels = a.width_in,
                                             .out_channels = a.width_out,
                                             .kernel_size = 1,
                                             .stride = a.stride,
                                             .activation_layer = nullptr},
                      x);
    const shape f = self("f", bottleneck_transform{a}, x);
    return self("activation", relu, self.add(shortcut, f));
  }
};

// AnyNet stage (sequence of blocks w/ the same output shape).
struct any_stage {
  static constexpr std::string_view type_name = "AnyStage";
  block_arguments first;  // the first block's; the others take width_out in and stride 1
  int depth = 0;
  int stage_index = 0;

  constexpr shape forward(scope& self, shape x) const {
    block_arguments rest = first;
    rest.width_in = first.width_out;
    rest.stride = 1;
    for (int i = 0; i < depth; ++i)
      x = self(child_name("block", stage_index, "-", i), res_bottleneck_block{i == 0 ? first : rest}, x);
    return x;
  }
};

// torchvision.models.RegNet, built from BlockParams.from_init_params(**block_params).
struct model {
  static constexpr std::string_view type_name = "RegNet";
  init_params block_params{};
  int num_classes = 1000;
  int stem_width = 32;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    const std::vector<stage_params> stages = from_init_params(self, block_params);
    x = self("stem", simple_stem_in{3, stem_width}, x);
    int current_width = stem_width;
    x = self("trunk_output", sequential([&](scope& trunk, shape y) {
               for (std::size_t i = 0; i < stages.size(); ++i) {
                 const stage_params& stage = stages[i];
                 const int stage_index = static_cast<int>(i) + 1;
                 const block_arguments first{
                     current_width,        stage.width, stage.stride, stage.group_width, stage.bottleneck_multiplier,
                     block_params.se_ratio};
                 y = trunk(child_name("block", stage_index), any_stage{first, stage.depth, stage_index}, y);
                 current_width = stage.width;
               }
               return y;
             }),
             x);
    x = self("avgpool", adaptive_avg_pool2d({1, 1}), x);
    x = self.call(flatten{1}, x);
    return self("fc", linear{.in_features = current_width, .out_features = num_classes}, x);
  }
};

// The builders of torchvision's regnet.py: each takes the model's knobs, as torchvision's take
// keyword arguments (regnet_y_400mf({.num_classes = 10})), and sets block_params itself.
constexpr model regnet(const init_params& block_params, model knobs) {
  builder_sets(knobs, &model::block_params, block_params);
  return knobs;
}
constexpr model regnet_y_400mf(const model& knobs = {}) {
  return regnet({.depth = 16, .w_0 = 48, .w_a = 27.89, .w_m = 2.09, .group_width = 8, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_800mf(const model& knobs = {}) {
  return regnet({.depth = 14, .w_0 = 56, .w_a = 38.84, .w_m = 2.4, .group_width = 16, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_1_6gf(const model& knobs = {}) {
  return regnet({.depth = 27, .w_0 = 48, .w_a = 20.71, .w_m = 2.65, .group_width = 24, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_3_2gf(const model& knobs = {}) {
  return regnet({.depth = 21, .w_0 = 80, .w_a = 42.63, .w_m = 2.66, .group_width = 24, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_8gf(const model& knobs = {}) {
  return regnet({.depth = 17, .w_0 = 192, .w_a = 76.82, .w_m = 2.19, .group_width = 56, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_16gf(const model& knobs = {}) {
  return regnet({.depth = 18, .w_0 = 200, .w_a = 106.23, .w_m = 2.48, .group_width = 112, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_32gf(const model& knobs = {}) {
  return regnet({.depth = 20, .w_0 = 232, .w_a = 115.89, .w_m = 2.53, .group_width = 232, .se_ratio = 0.25}, knobs);
}
constexpr model regnet_y_128gf(const model& knobs = {}) {
  model net =
      regnet({.depth = 27, .w_0 = 456, .w_a = 160.83, .w_m = 2.52, .group_width = 264, .se_ratio = 0.25}, knobs);
  builder_defaults(net, &model::input, {3, 384, 384});  // its first ImageNet weights' crop
  return net;
}
constexpr model regnet_x_400mf(const model& knobs = {}) {
  return regnet({.depth = 22, .w_0 = 24, .w_a = 24.48, .w_m = 2.54, .group_width = 16}, knobs);
}
constexpr model regnet_x_800mf(const model& knobs = {}) {
  return regnet({.depth = 16, .w_0 = 56, .w_a = 35.73, .w_m = 2.28, .group_width = 16}, knobs);
}
constexpr model regnet_x_1_6gf(const model& knobs = {}) {
  return regnet({.depth = 18, .w_0 = 80, .w_a = 34.01, .w_m = 2.25, .group_width = 24}, knobs);
}
constexpr model regnet_x_3_2gf(const model& knobs = {}) {
  return regnet({.depth = 25, .w_0 = 88, .w_a = 26.31, .w_m = 2.25, .group_width = 48}, knobs);
}
constexpr model regnet_x_8gf(const model& knobs = {}) {
  return regnet({.depth = 23, .w_0 = 80, .w_a = 49.56, .w_m = 2.88, .group_width = 120}, knobs);
}
constexpr model regnet_x_16gf(const model& knobs = {}) {
  return regnet({.depth = 22, .w_0 = 216, .w_a = 55.59, .w_m = 2.1, .group_width = 128}, knobs);
}
constexpr model regnet_x_32gf(const model& knobs = {}) {
  return regnet({.depth = 23, .w_0 = 320, .w_a = 69.86, .w_m = 2.0, .group_width = 168}, knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"regnet_y_400mf", regnet_y_400mf()}, {"regnet_y_800mf", regnet_y_800mf()}, {"regnet_y_1_6gf", regnet_y_1_6gf()},
    {"regnet_y_3_2gf", regnet_y_3_2gf()}, {"regnet_y_8gf", regnet_y_8gf()},     {"regnet_y_16gf", regnet_y_16gf()},
    {"regnet_y_32gf", regnet_y_32gf()},   {"regnet_y_128gf", regnet_y_128gf()}, {"regnet_x_400mf", regnet_x_400mf()},
    {"regnet_x_800mf", regnet_x_800mf()}, {"regnet_x_1_6gf", regnet_x_1_6gf()}, {"regnet_x_3_2gf", regnet_x_3_2gf()},
    {"regnet_x_8gf", regnet_x_8gf()},     {"regnet_x_16gf", regnet_x_16gf()},   {"regnet_x_32gf", regnet_x_32gf()},
};

}  // namespace archdesc::regnet
