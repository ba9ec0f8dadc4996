// architectures/torchvision/ops.hpp: blocks of torchvision.ops shared by several families.
//
//   x = self(archdesc::torchvision::conv2d_norm_activation{.in_channels = 3, .out_channels = 32,
//                                                          .stride = 2, .activation_layer = &archdesc::relu6}, x);
#pragma once

#include <archdesc/archdesc.hpp>

#include <optional>
#include <stdexcept>

namespace archdesc::torchvision {

// torchvision's _make_divisible: v rounded to the nearest multiple of divisor, at least min_value
// (divisor when 0), and never more than 10% below v.
constexpr int make_divisible(double v, int divisor, int min_value = 0) {
  if (divisor <= 0) throw std::domain_error("archdesc: _make_divisible by a divisor <= 0");  // ZeroDivisionError
  check_int_range(v, 2.0 * divisor);  // v + divisor / 2, then rounded + divisor
  if (min_value == 0) min_value = divisor;
  int rounded = static_cast<int>(v + divisor / 2.0) / divisor * divisor;
  if (rounded < min_value) rounded = min_value;
  if (rounded < 0.9 * v) rounded += divisor;
  return rounded;
}

// Python's round() of a double to an integer: halves go to the even neighbour. The values rounded
// are sizes, so beyond int they stop (check_int_range).
constexpr int python_round(double v) {
  check_int_range(v, 1);  // floor(v), then + 1
  const auto truncated = static_cast<int>(v);
  const int floor = truncated > v ? truncated - 1 : truncated;
  const double fraction = v - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 == 0 ? floor : floor + 1;
}

// torchvision's LayerNorm2d (convnext.py): LayerNorm over the channels of (N, C, H, W).
struct layer_norm2d {
  static constexpr std::string_view type_name = "LayerNorm2d";
  int num_channels = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    self.parameter("weight", {num_channels});
    self.parameter("bias", {num_channels});
    if (self.expect_rank(x, 4, "(N, C, H, W)") && x[1] != num_channels)
      self.fail("expects ", num_channels, " input channels, receives ", x[1]);
    return x;
  }
};

// The norm_layer knob of torchvision's modules: FrozenBatchNorm2d is what the detection backbones
// load published weights into; GroupNorm with 32 groups is what the v2 detection heads use;
// InstanceNorm2d is RAFT's feature encoder's.
enum class norm_layer { none, batch_norm2d, layer_norm2d, frozen_batch_norm2d, group_norm32, instance_norm2d };

// The norm layer a norm_layer knob makes over `channels`, given to apply (which registers it
// under a name or the next index and applies it); x itself without a norm layer.
template <class Apply>
constexpr shape with_norm2d(norm_layer norm, int channels, const shape& x, Apply apply) {
  switch (norm) {
    case norm_layer::none:
      return x;
    case norm_layer::batch_norm2d:
      return apply(batch_norm2d{channels});
    case norm_layer::layer_norm2d:
      return apply(layer_norm2d{channels});
    case norm_layer::frozen_batch_norm2d:
      return apply(frozen_batch_norm2d{channels});
    case norm_layer::group_norm32:
      return apply(group_norm{.num_groups = 32, .num_channels = channels});
    case norm_layer::instance_norm2d:
      return apply(instance_norm2d{});
  }
  return x;
}

// The norm layer registered as `name`.
constexpr shape norm2d(scope& self, const child_name& name, norm_layer norm, int channels, const shape& x) {
  return with_norm2d(norm, channels, x, [&](const auto& m) { return self(name, m, x); });
}

// torchvision.ops.misc.Conv2dNormActivation: an nn.Sequential of Conv2d, a norm layer and an
// activation. Padding defaults to (kernel_size - 1) / 2 * dilation, and the convolution has a
// bias only without a norm layer, as in torchvision (where padding and bias default to None).
struct conv2d_norm_activation {
  static constexpr std::string_view type_name = "Conv2dNormActivation";
  int in_channels = 0;
  int out_channels = 0;
  hw kernel_size = 3;
  hw stride = 1;
  int groups = 1;
  norm_layer norm = norm_layer::batch_norm2d;
  const elementwise* activation_layer = &relu;  // nullptr: none
  hw dilation = 1;
  std::optional<hw> padding = std::nullopt;  // None: (kernel_size - 1) / 2 * dilation
  std::optional<bool> bias = std::nullopt;   // None: only without a norm layer

  constexpr shape forward(scope& self, shape x) const {
    x = self(conv2d{.in_channels = in_channels,
                    .out_channels = out_channels,
                    .kernel_size = kernel_size,
                    .stride = stride,
                    .padding = padding.value_or(
                        hw{(kernel_size.h - 1) / 2 * dilation.h, (kernel_size.w - 1) / 2 * dilation.w}),
                    .dilation = dilation,
                    .groups = groups,
                    .bias = bias.value_or(norm == norm_layer::none)},
             x);
    x = with_norm2d(norm, out_channels, x, [&](const auto& m) { return self(m, x); });
    if (activation_layer != nullptr) x = self(*activation_layer, x);
    return x;
  }
};

// torchvision.ops.misc.Conv3dNormActivation with its default BatchNorm3d and ReLU: padding defaults
// to (kernel_size - 1) / 2, and the convolution has no bias, as a norm layer follows it.
struct conv3d_norm_activation {
  static constexpr std::string_view type_name = "Conv3dNormActivation";
  int in_channels = 0;
  int out_channels = 0;
  dhw kernel_size = 3;
  dhw stride = 1;
  std::optional<dhw> padding = std::nullopt;  // None: (kernel_size - 1) / 2

  constexpr shape forward(scope& self, shape x) const {
    x = self(conv3d{.in_channels = in_channels,
                    .out_channels = out_channels,
                    .kernel_size = kernel_size,
                    .stride = stride,
                    .padding = padding.value_or(
                        dhw{(kernel_size.d - 1) / 2, (kernel_size.h - 1) / 2, (kernel_size.w - 1) / 2}),
                    .bias = false},
             x);
    x = self(batch_norm3d{out_channels}, x);
    return self(relu, x);
  }
};

// torchvision.ops.misc.SqueezeExcitation: input * scale_activation(fc2(activation(fc1(avgpool(input))))).
struct squeeze_excitation {
  static constexpr std::string_view type_name = "SqueezeExcitation";
  int input_channels = 0;
  int squeeze_channels = 0;
  const elementwise* activation = &relu;
  const elementwise* scale_activation = &sigmoid;

  constexpr shape forward(scope& self, const shape& input) const {
    shape scale = self("avgpool", adaptive_avg_pool2d(1), input);
    scale = self("fc1", conv2d{.in_channels = input_channels, .out_channels = squeeze_channels}, scale);
    scale = self("activation", *activation, scale);
    scale = self("fc2", conv2d{.in_channels = squeeze_channels, .out_channels = input_channels}, scale);
    scale = self("scale_activation", *scale_activation, scale);
    return self.multiply(scale, input);
  }
};

// torchvision.ops.misc.MLP: for each hidden size but the last, Linear, norm layer (none here),
// activation and Dropout; then Linear and Dropout, all in one nn.Sequential. Subclasses keep the
// layout under their own class name (ViT's MLPBlock).
struct mlp {
  std::string_view type_name = "MLP";
  int in_channels = 0;
  bounded_list<int, 8> hidden_channels;
  const elementwise* activation_layer = &relu;
  bool bias = true;

  constexpr shape forward(scope& self, shape x) const {
    int in_dim = in_channels;
    for (std::size_t i = 0; i < hidden_channels.size(); ++i) {
      const int hidden_dim = hidden_channels[i];
      x = self(linear{.in_features = in_dim, .out_features = hidden_dim, .bias = bias}, x);
      if (i + 1 < hidden_channels.size()) x = self(*activation_layer, x);
      x = self(dropout, x);
      in_dim = hidden_dim;
    }
    return x;
  }
};

// torchvision.ops.StochasticDepth: drops whole residual branches in training; keeps the shape.
inline constexpr elementwise stochastic_depth{"StochasticDepth"};

// torchvision's BasicConv2d (googlenet.py and inception.py each define this same class): Conv2d
// without bias, BatchNorm2d, then F.relu, which is no module.
struct basic_conv2d {
  static constexpr std::string_view type_name = "BasicConv2d";
  int in_channels = 0;
  int out_channels = 0;
  hw kernel_size = 1;
  hw stride = 1;
  hw padding = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = self("conv",
             conv2d{.in_channels = in_channels,
                    .out_channels = out_channels,
                    .kernel_size = kernel_size,
                    .stride = stride,
                    .padding = padding,
                    .bias = false},
             x);
    x = self("bn", batch_norm2d{out_channels}, x);
    return self.call(relu, x);
  }
};

}  // namespace archdesc::torchvision
