// architectures/torchvision/shufflenet_v2.hpp: torchvision's ShuffleNetV2 (torchvision/models/shufflenetv2.py),
// with the knobs of its class: stages_repeats, stages_out_channels and num_classes.
//
//   constexpr auto net = archdesc::shufflenet_v2::shufflenet_v2_x1_0();
//   static_assert(archdesc::parameter_count<net> == 2'278'604);
//   constexpr archdesc::shufflenet_v2::model mine{.stages_repeats = {2, 4, 2}, .stages_out_channels = {16, 64, 128,
//   256, 512}};
#pragma once

#include <archdesc/archdesc.hpp>

#include <array>
#include <string_view>

namespace archdesc::shufflenet_v2 {

constexpr conv2d depthwise_conv(int i, int o, int kernel_size, int stride = 1, int padding = 0, bool bias = false) {
  return {.in_channels = i,
          .out_channels = o,
          .kernel_size = kernel_size,
          .stride = stride,
          .padding = padding,
          .groups = i,
          .bias = bias};
}

constexpr conv2d conv1x1(int in_channels, int out_channels) {
  return {.in_channels = in_channels, .out_channels = out_channels, .kernel_size = 1, .bias = false};
}

struct inverted_residual {
  static constexpr std::string_view type_name = "InvertedResidual";
  int inp = 0;
  int oup = 0;
  int stride = 1;

  constexpr shape forward(scope& self, const shape& x) const {
    if (stride < 1 || stride > 3) self.fail("illegal stride value");
    const int branch_features = oup / 2;
    if (stride == 1 && inp != branch_features << 1)
      self.fail("Invalid combination of stride ", stride, ", inp ", inp, " and oup ", oup,
                " values. If stride == 1 then inp should be equal to oup // 2 << 1.");
    // forward ends with channel_shuffle(out, 2), which only reorders the channels.
    if (stride > 1) {
      const shape x1 = self("branch1", sequential([&](scope& branch, shape y) {
                              y = branch(depthwise_conv(inp, inp, 3, stride, 1), y);
                              y = branch(batch_norm2d{inp}, y);
                              y = branch(conv1x1(inp, branch_features), y);
                              y = branch(batch_norm2d{branch_features}, y);
                              return branch(relu, y);
                            }),
                            x);
      return self.cat({x1, branch2(self, x, inp)}, 1);
    }
    // An empty Sequential that forward never calls.
    self.declare("branch1", sequential([](scope&, const shape& y) { return y; }), x);
    // x.chunk(2, dim=1): x1 keeps the first half (rounded up), branch2 transforms the rest.
    shape x1 = x, x2 = x;
    x1[1] = (x[1] + 1) / 2;
    x2[1] = x[1] - x1[1];
    return self.cat({x1, branch2(self, x2, branch_features)}, 1);
  }

  constexpr shape branch2(scope& self, const shape& x, int in_channels) const {
    const int branch_features = oup / 2;
    return self("branch2", sequential([&](scope& branch, shape y) {
                  y = branch(conv1x1(in_channels, branch_features), y);
                  y = branch(batch_norm2d{branch_features}, y);
                  y = branch(relu, y);
                  y = branch(depthwise_conv(branch_features, branch_features, 3, stride, 1), y);
                  y = branch(batch_norm2d{branch_features}, y);
                  y = branch(conv1x1(branch_features, branch_features), y);
                  y = branch(batch_norm2d{branch_features}, y);
                  return branch(relu, y);
                }),
                x);
  }
};

// torchvision.models.ShuffleNetV2, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "ShuffleNetV2";
  std::array<int, 3> stages_repeats{4, 8, 4};
  std::array<int, 5> stages_out_channels{24, 116, 232, 464, 1024};
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    int input_channels = 3;
    int output_channels = stages_out_channels[0];
    x = self("conv1", sequential([&](scope& conv1, shape y) {
               y = conv1(conv2d{.in_channels = input_channels,
                                .out_channels = output_channels,
                                .kernel_size = 3,
                                .stride = 2,
                                .padding = 1,
                                .bias = false},
                         y);
               y = conv1(batch_norm2d{output_channels}, y);
               return conv1(relu, y);
             }),
             x);
    input_channels = output_channels;
    x = self("maxpool", max_pool2d{.kernel_size = 3, .stride = 2, .padding = 1}, x);
    for (std::size_t i = 0; i < stages_repeats.size(); ++i) {
      output_channels = stages_out_channels[i + 1];
      x = self(child_name("stage", static_cast<std::int64_t>(i) + 2), sequential([&](scope& stage, shape y) {
                 y = stage(inverted_residual{input_channels, output_channels, 2}, y);
                 return stage.repeat(stages_repeats[i] - 1, inverted_residual{output_channels, output_channels, 1}, y);
               }),
               x);
      input_channels = output_channels;
    }
    output_channels = stages_out_channels[4];
    x = self("conv5", sequential([&](scope& conv5, shape y) {
               y = conv5(conv1x1(input_channels, output_channels), y);
               y = conv5(batch_norm2d{output_channels}, y);
               return conv5(relu, y);
             }),
             x);
    // x.mean([2, 3]): the global pool, no module.
    x = {x[0], x[1]};
    return self("fc", linear{.in_features = output_channels, .out_features = num_classes}, x);
  }
};

// The builders of torchvision's shufflenetv2.py: each takes the model's knobs, as torchvision's take
// keyword arguments (shufflenet_v2_x1_0({.num_classes = 10})), and sets stages_repeats and
// stages_out_channels itself.
constexpr model shufflenet_v2(const std::array<int, 3>& stages_repeats, const std::array<int, 5>& stages_out_channels,
                              model knobs) {
  builder_sets(knobs, &model::stages_repeats, stages_repeats);
  builder_sets(knobs, &model::stages_out_channels, stages_out_channels);
  return knobs;
}

constexpr model shufflenet_v2_x0_5(const model& knobs = {}) {
  return shufflenet_v2({4, 8, 4}, {24, 48, 96, 192, 1024}, knobs);
}
constexpr model shufflenet_v2_x1_0(const model& knobs = {}) {
  return shufflenet_v2({4, 8, 4}, {24, 116, 232, 464, 1024}, knobs);
}
constexpr model shufflenet_v2_x1_5(const model& knobs = {}) {
  return shufflenet_v2({4, 8, 4}, {24, 176, 352, 704, 1024}, knobs);
}
constexpr model shufflenet_v2_x2_0(const model& knobs = {}) {
  return shufflenet_v2({4, 8, 4}, {24, 244, 488, 976, 2048}, knobs);
}

// The builders of torchvision's shufflenetv2.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"shufflenet_v2_x0_5", shufflenet_v2_x0_5()},
    {"shufflenet_v2_x1_0", shufflenet_v2_x1_0()},
    {"shufflenet_v2_x1_5", shufflenet_v2_x1_5()},
    {"shufflenet_v2_x2_0", shufflenet_v2_x2_0()},
};

}  // namespace archdesc::shufflenet_v2
