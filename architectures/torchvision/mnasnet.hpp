// architectures/torchvision/mnasnet.hpp: torchvision's MNASNet (torchvision/models/mnasnet.py), the B1
// variant of the paper, with the knobs of its class: the depth multiplier alpha and num_classes.
//
//   constexpr auto net = archdesc::mnasnet::mnasnet1_0();
//   static_assert(archdesc::parameter_count<net> == 4'383'312);
//   constexpr archdesc::mnasnet::model slim{.alpha = 0.35, .num_classes = 10};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <array>

namespace archdesc::mnasnet {

struct inverted_residual {
  static constexpr std::string_view type_name = "_InvertedResidual";
  int in_ch = 0;
  int out_ch = 0;
  int kernel_size = 3;
  int stride = 1;
  int expansion_factor = 1;

  constexpr shape forward(scope& self, const shape& input) const {
    if (stride != 1 && stride != 2) self.fail("stride should be 1 or 2 instead of ", stride);
    if (kernel_size != 3 && kernel_size != 5) self.fail("kernel_size should be 3 or 5 instead of ", kernel_size);
    const int mid_ch = in_ch * expansion_factor;
    const bool apply_residual = in_ch == out_ch && stride == 1;
    const shape result =
        self("layers", sequential([&](scope& layers, shape x) {
               // Pointwise
               x = layers(conv2d{.in_channels = in_ch, .out_channels = mid_ch, .kernel_size = 1, .bias = false}, x);
               x = layers(batch_norm2d{mid_ch}, x);
               x = layers(relu, x);
               // Depthwise
               x = layers(conv2d{.in_channels = mid_ch,
                                 .out_channels = mid_ch,
                                 .kernel_size = kernel_size,
                                 .stride = stride,
                                 .padding = kernel_size / 2,
                                 .groups = mid_ch,
                                 .bias = false},
                          x);
               x = layers(batch_norm2d{mid_ch}, x);
               x = layers(relu, x);
               // Linear pointwise. Note that there's no activation.
               x = layers(conv2d{.in_channels = mid_ch, .out_channels = out_ch, .kernel_size = 1, .bias = false}, x);
               return layers(batch_norm2d{out_ch}, x);
             }),
             input);
    return apply_residual ? self.add(result, input) : result;
  }
};

// torchvision's _stack: a Sequential of inverted residuals; the first has no skip, because the
// feature map size changes.
constexpr auto stack(int in_ch, int out_ch, int kernel_size, int stride, int exp_factor, int repeats) {
  return sequential([=](scope& self, shape x) {
    if (repeats < 1) self.fail("repeats should be >= 1, instead got ", repeats);
    x = self(inverted_residual{in_ch, out_ch, kernel_size, stride, exp_factor}, x);
    return self.repeat(repeats - 1, inverted_residual{out_ch, out_ch, kernel_size, 1, exp_factor}, x);
  });
}

// torchvision's _get_depths: the reference MobileNet depths scaled by alpha, rounding up rather
// than down. Its _round_to_multiple_of with the default round_up_bias of 0.9, which _get_depths
// uses, is _make_divisible: (83, 8) -> 80, but (84, 8) -> 88.
constexpr std::array<int, 8> get_depths(double alpha) {
  std::array<int, 8> depths{32, 16, 24, 40, 80, 96, 192, 320};
  for (int& depth : depths) depth = torchvision::make_divisible(depth * alpha, 8);
  return depths;
}

// torchvision.models.MNASNet, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "MNASNet";
  real alpha = 1.0;
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    if (alpha <= 0.0) {
      self.fail("alpha should be greater than 0.0");
      return x;
    }
    const std::array<int, 8> depths = get_depths(alpha);
    x = self("layers", sequential([&](scope& layers, shape y) {
               // First layer: regular conv.
               y = layers(conv2d{.in_channels = 3,
                                 .out_channels = depths[0],
                                 .kernel_size = 3,
                                 .stride = 2,
                                 .padding = 1,
                                 .bias = false},
                          y);
               y = layers(batch_norm2d{depths[0]}, y);
               y = layers(relu, y);
               // Depthwise separable, no skip.
               y = layers(conv2d{.in_channels = depths[0],
                                 .out_channels = depths[0],
                                 .kernel_size = 3,
                                 .padding = 1,
                                 .groups = depths[0],
                                 .bias = false},
                          y);
               y = layers(batch_norm2d{depths[0]}, y);
               y = layers(relu, y);
               y = layers(conv2d{.in_channels = depths[0], .out_channels = depths[1], .kernel_size = 1, .bias = false},
                          y);
               y = layers(batch_norm2d{depths[1]}, y);
               // MNASNet blocks: stacks of inverted residuals.
               y = layers(stack(depths[1], depths[2], 3, 2, 3, 3), y);
               y = layers(stack(depths[2], depths[3], 5, 2, 3, 3), y);
               y = layers(stack(depths[3], depths[4], 5, 2, 6, 3), y);
               y = layers(stack(depths[4], depths[5], 3, 1, 6, 2), y);
               y = layers(stack(depths[5], depths[6], 5, 2, 6, 4), y);
               y = layers(stack(depths[6], depths[7], 3, 1, 6, 1), y);
               // Final mapping to classifier input.
               y = layers(conv2d{.in_channels = depths[7], .out_channels = 1280, .kernel_size = 1, .bias = false}, y);
               y = layers(batch_norm2d{1280}, y);
               return layers(relu, y);
             }),
             x);
    // x.mean([2, 3]): global average pooling that drops H and W, no module.
    x = {x[0], x[1]};
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(dropout, y);
                  return classifier(linear{.in_features = 1280, .out_features = num_classes}, y);
                }),
                x);
  }
};

// The builders of torchvision's mnasnet.py: each takes the model's other knobs, as torchvision's
// take keyword arguments (mnasnet1_0({.num_classes = 10})), and sets alpha itself, as
// _mnasnet(alpha, ...) does.
constexpr model mnasnet(double alpha, model knobs) {
  builder_sets(knobs, &model::alpha, alpha);
  return knobs;
}

constexpr model mnasnet0_5(const model& knobs = {}) { return mnasnet(0.5, knobs); }
constexpr model mnasnet0_75(const model& knobs = {}) { return mnasnet(0.75, knobs); }
constexpr model mnasnet1_0(const model& knobs = {}) { return mnasnet(1.0, knobs); }
constexpr model mnasnet1_3(const model& knobs = {}) { return mnasnet(1.3, knobs); }

// The builders of torchvision's mnasnet.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"mnasnet0_5", mnasnet0_5()},
    {"mnasnet0_75", mnasnet0_75()},
    {"mnasnet1_0", mnasnet1_0()},
    {"mnasnet1_3", mnasnet1_3()},
};

}  // namespace archdesc::mnasnet
