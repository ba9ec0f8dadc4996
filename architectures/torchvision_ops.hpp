// architectures/torchvision_ops.hpp: blocks of torchvision.ops shared by several families.
//
//   x = self(archdesc::torchvision::conv2d_norm_activation{.in_channels = 3, .out_channels = 32,
//                                                          .stride = 2, .activation_layer = &archdesc::relu6}, x);
#pragma once

#include <archdesc/archdesc.hpp>

namespace archdesc::torchvision {

// torchvision's _make_divisible: v rounded to the nearest multiple of divisor, at least min_value
// (divisor when 0), and never more than 10% below v.
constexpr int make_divisible(double v, int divisor, int min_value = 0) {
  if (min_value == 0) min_value = divisor;
  int rounded = static_cast<int>(v + divisor / 2.0) / divisor * divisor;
  if (rounded < min_value) rounded = min_value;
  if (rounded < 0.9 * v) rounded += divisor;
  return rounded;
}

// Python's round() of a double to an integer: halves go to the even neighbour.
constexpr long long python_round(double v) {
  const double floor = static_cast<double>(static_cast<long long>(v)) > v ? static_cast<double>(static_cast<long long>(v)) - 1
                                                                           : static_cast<double>(static_cast<long long>(v));
  const double fraction = v - floor;
  const auto down = static_cast<long long>(floor);
  if (fraction < 0.5) return down;
  if (fraction > 0.5) return down + 1;
  return down % 2 == 0 ? down : down + 1;
}

enum class norm_layer { none, batch_norm2d };

// torchvision.ops.misc.Conv2dNormActivation: an nn.Sequential of Conv2d, a norm layer and an
// activation. Padding defaults to (kernel_size - 1) / 2 * dilation, and the convolution has a
// bias only without a norm layer, as in torchvision.
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

  constexpr shape forward(scope& self, shape x) const {
    const hw padding{(kernel_size.h - 1) / 2 * dilation.h, (kernel_size.w - 1) / 2 * dilation.w};
    x = self(conv2d{.in_channels = in_channels,
                    .out_channels = out_channels,
                    .kernel_size = kernel_size,
                    .stride = stride,
                    .padding = padding,
                    .dilation = dilation,
                    .groups = groups,
                    .bias = norm == norm_layer::none},
             x);
    if (norm == norm_layer::batch_norm2d) x = self(batch_norm2d{out_channels}, x);
    if (activation_layer != nullptr) x = self(*activation_layer, x);
    return x;
  }
};

}  // namespace archdesc::torchvision
