// archdesc/modules.hpp: PyTorch's leaf modules as descriptors: their parameters, output shapes,
// multiply-accumulates, and the checks PyTorch makes when data reaches them.
//
//   x = self("conv1", archdesc::conv2d{.in_channels = 3, .out_channels = 64, .kernel_size = 7,
//                                       .stride = 2, .padding = 3, .bias = false}, x);
//   x = self("bn1", archdesc::batch_norm2d{64}, x);
//   x = self("relu", archdesc::relu, x);
//   x = self("fc", archdesc::linear{.in_features = 512, .out_features = 1000}, x);
//
// Containers (nn.Sequential, nn.ModuleList, a module of a given class) are in <archdesc/containers.hpp>.
#pragma once

#include <archdesc/bounded_list.hpp>
#include <archdesc/scope.hpp>
#include <archdesc/shape.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc {

// A (height, width) pair; one number means both, as torch's _pair.
struct hw {
  int h = 0;
  int w = 0;
  constexpr hw() = default;                     // (0, 0), for lists of sizes
  constexpr hw(int both) : h(both), w(both) {}  // NOLINT(google-explicit-constructor): PyTorch's int-or-pair
  constexpr hw(int height, int width) : h(height), w(width) {}
  friend constexpr bool operator==(const hw&, const hw&) = default;
};

// A (depth, height, width) triple, for volumes (video); one number means all three, as torch's _triple.
struct dhw {
  int d = 0;
  int h = 0;
  int w = 0;
  constexpr dhw(int all) : d(all), h(all), w(all) {}  // NOLINT(google-explicit-constructor): PyTorch's int-or-triple
  constexpr dhw(int depth, int height, int width) : d(depth), h(height), w(width) {}
  friend constexpr bool operator==(const dhw&, const dhw&) = default;
};

namespace detail {
// PyTorch's output size of a convolution or pooling window along one side; 0 or less when the
// window does not fit.
constexpr std::int64_t window_output(std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t padding,
                                     std::int64_t dilation, bool ceil_mode) {
  const std::int64_t span = in + 2 * padding - dilation * (kernel - 1) - 1;
  if (span < 0) return 0;
  std::int64_t out = (ceil_mode ? span + stride - 1 : span) / stride + 1;
  if (ceil_mode && (out - 1) * stride >= in + padding) --out;  // the last window must start inside
  return out;
}

// The sides a window slides over, (height, width) or (depth, height, width): how many, and one.
constexpr int window_sides(const hw&) { return 2; }
constexpr int window_side(const hw& sizes, int side) { return side == 0 ? sizes.h : sizes.w; }
constexpr int window_sides(const dhw&) { return 3; }
constexpr int window_side(const dhw& sizes, int side) { return side == 0 ? sizes.d : side == 1 ? sizes.h : sizes.w; }

// Sizes per side as PyTorch prints the tuple, for a message.
template <class Sides>
constexpr shape window_tuple(const Sides& sizes) {
  shape tuple;
  for (int side = 0; side < window_sides(sizes); ++side) tuple.push_back(window_side(sizes, side));
  return tuple;
}

// Output (N, C, sides...) of a window sliding over the sides of x after (N, C), or a failure naming
// the window that does not fit; Sides is hw or dhw.
template <class Sides>
constexpr shape slide_window(scope& self, const shape& x, std::int64_t channels, const Sides& kernel,
                             const Sides& stride, const Sides& padding, const Sides& dilation, bool ceil_mode) {
  shape y = x;
  y.dims[1] = channels;
  bool fits = true;
  for (int side = 0; side < window_sides(kernel); ++side) {
    const int step = window_side(stride, side);
    if (step <= 0) {  // reported first: a window that does not fit is reported after the loop
      self.fail("stride must be positive, is ", window_tuple(stride));
      return x;
    }
    const std::int64_t out = window_output(x.dims[2 + side], window_side(kernel, side), step,
                                           window_side(padding, side), window_side(dilation, side), ceil_mode);
    fits = fits && out > 0;
    y.dims[2 + side] = out > 0 ? out : 1;
  }
  if (!fits)
    self.fail("kernel ", window_tuple(kernel), " does not fit the padded input ", x, " (padding ",
              window_tuple(padding), ")");
  return y;
}

// A convolution's groups must divide its channels, as PyTorch checks.
constexpr bool groups_divide(scope& self, int groups, int in_channels, int out_channels) {
  if (groups > 0 && in_channels % groups == 0 && out_channels % groups == 0) return true;
  self.fail("groups = ", groups, " does not divide in_channels = ", in_channels, " and out_channels = ", out_channels);
  return false;
}
}  // namespace detail

// nn.Conv2d
struct conv2d {
  static constexpr std::string_view type_name = "Conv2d";
  int in_channels = 0;
  int out_channels = 0;
  hw kernel_size = 1;
  hw stride = 1;
  hw padding = 0;
  hw dilation = 1;
  int groups = 1;
  bool bias = true;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!detail::groups_divide(self, groups, in_channels, out_channels)) return x;
    self.parameter("weight", {out_channels, in_channels / groups, kernel_size.h, kernel_size.w});
    if (bias) self.parameter("bias", {out_channels});
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    if (x[1] != in_channels) self.fail("expects ", in_channels, " input channels, receives ", x[1]);
    const shape y = detail::slide_window(self, x, out_channels, kernel_size, stride, padding, dilation, false);
    self.count_macs(
        checked_mul(y.elements(), static_cast<std::int64_t>(in_channels / groups) * kernel_size.h * kernel_size.w));
    return y;
  }
};

namespace detail {
// _BatchNorm's state and input check: the affine weight and bias are parameters, the running
// statistics buffers; the input is (N, C, ...) of the given rank.
constexpr shape batch_norm(scope& self, const shape& x, int num_features, bool affine, bool track_running_stats,
                           int rank, std::string_view layout) {
  if (affine) {
    self.parameter("weight", {num_features});
    self.parameter("bias", {num_features});
  }
  if (track_running_stats && self.records_buffers()) {
    const shape channels{num_features};
    self.buffer("running_mean", channels);
    self.buffer("running_var", channels);
    self.buffer("num_batches_tracked", {}, dtype::int64);
  }
  if (self.expect_rank(x, rank, layout) && x[1] != num_features)
    self.fail("expects ", num_features, " input channels, receives ", x[1]);
  return x;
}
}  // namespace detail

// nn.BatchNorm2d: running statistics are buffers, not parameters.
struct batch_norm2d {
  static constexpr std::string_view type_name = "BatchNorm2d";
  int num_features = 0;
  bool affine = true;
  bool track_running_stats = true;

  constexpr shape forward(scope& self, const shape& x) const {
    return detail::batch_norm(self, x, num_features, affine, track_running_stats, 4, "(N, C, H, W)");
  }
};

// torchvision.ops.FrozenBatchNorm2d: batch norm with fixed statistics and affine terms, as the
// detection and segmentation backbones load published weights into; it has no parameters, and its
// four tensors are buffers.
struct frozen_batch_norm2d {
  static constexpr std::string_view type_name = "FrozenBatchNorm2d";
  int num_features = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    for (const char* name : {"weight", "bias", "running_mean", "running_var"}) self.buffer(name, {num_features});
    if (self.expect_rank(x, 4, "(N, C, H, W)") && x[1] != num_features)
      self.fail("expects ", num_features, " input channels, receives ", x[1]);
    return x;
  }
};

// nn.InstanceNorm2d with its defaults (affine=False, track_running_stats=False), as a norm_layer
// makes it: each sample's channels normalised on their own, without parameters or buffers (its
// num_features only sizes those, so it is no member here).
struct instance_norm2d {
  static constexpr std::string_view type_name = "InstanceNorm2d";

  constexpr shape forward(scope& self, const shape& x) const {
    self.expect_rank(x, 4, "(N, C, H, W)");
    return x;
  }
};

// nn.Linear, applied to the last dimension.
struct linear {
  static constexpr std::string_view type_name = "Linear";
  int in_features = 0;
  int out_features = 0;
  bool bias = true;

  constexpr shape forward(scope& self, const shape& x) const {
    self.parameter("weight", {out_features, in_features});
    if (bias) self.parameter("bias", {out_features});
    if (x.rank == 0 || x[-1] != in_features) {
      self.fail("expects ", in_features, " input features, receives ", x);
      return x;
    }
    shape y = x;
    y[-1] = out_features;
    self.count_macs(checked_mul(y.elements(), in_features));
    return y;
  }
};

// nn.LayerNorm over the last dimensions, given by normalized_shape.
struct layer_norm {
  static constexpr std::string_view type_name = "LayerNorm";
  shape normalized_shape;
  bool elementwise_affine = true;

  constexpr shape forward(scope& self, const shape& x) const {
    if (elementwise_affine) {
      self.parameter("weight", normalized_shape);
      self.parameter("bias", normalized_shape);
    }
    bool fits = x.rank >= normalized_shape.rank;
    for (int i = 1; fits && i <= normalized_shape.rank; ++i) fits = x[-i] == normalized_shape[-i];
    if (!fits) self.fail("normalizes over ", normalized_shape, ", receives ", x);
    return x;
  }
};

// nn.Embedding: a table looked up by integer indices; the output adds a dimension of embedding_dim.
struct embedding {
  static constexpr std::string_view type_name = "Embedding";
  int num_embeddings = 0;
  int embedding_dim = 0;

  constexpr shape forward(scope& self, const shape& indices) const {
    self.parameter("weight", {num_embeddings, embedding_dim});
    shape y = indices;
    y.push_back(embedding_dim);
    return y;
  }
};

// nn.MultiheadAttention used as self-attention, attention(x, x, x, need_weights=False), on
// (L, N, E) or, with batch_first, (N, L, E). Its projections count as multiply-accumulates, and so
// do the two batched products Q·Kᵀ and A·V.
struct multihead_attention {
  static constexpr std::string_view type_name = "MultiheadAttention";
  int embed_dim = 0;
  int num_heads = 1;
  bool bias = true;
  bool batch_first = false;

  constexpr shape forward(scope& self, const shape& x) const {
    if (num_heads <= 0 || embed_dim % num_heads != 0)
      self.fail("embed_dim = ", embed_dim, " is not divisible by num_heads = ", num_heads);
    self.parameter("in_proj_weight", {3 * embed_dim, embed_dim});
    if (bias) self.parameter("in_proj_bias", {3 * embed_dim});
    self.returns_pair_with_none();
    if (!self.expect_rank(x, 3, batch_first ? "(N, L, E)" : "(L, N, E)")) return x;
    if (x[2] != embed_dim) self.fail("expects ", embed_dim, " input features, receives ", x);
    const std::int64_t length = x[batch_first ? 1 : 0];
    const std::int64_t batch = x[batch_first ? 0 : 1];
    self.count_macs(checked_mul(checked_mul(batch, length), 3LL * embed_dim * embed_dim));  // in_proj
    self.count_macs(checked_mul(checked_mul(batch, length * length), 2LL * embed_dim));     // Q·Kᵀ and A·V
    // The output projection's weights are used through F.multi_head_attention_forward.
    return self.functional("out_proj", linear{.in_features = embed_dim, .out_features = embed_dim, .bias = bias}, x);
  }
};

// A module with no parameters that keeps its input's shape (activations, dropout, identity).
struct elementwise {
  std::string_view type_name;
  constexpr shape forward(scope&, const shape& x) const { return x; }
};

inline constexpr elementwise relu{"ReLU"};
inline constexpr elementwise relu6{"ReLU6"};
inline constexpr elementwise gelu{"GELU"};
inline constexpr elementwise silu{"SiLU"};
inline constexpr elementwise sigmoid{"Sigmoid"};
inline constexpr elementwise hardswish{"Hardswish"};
inline constexpr elementwise hardsigmoid{"Hardsigmoid"};
inline constexpr elementwise tanh{"Tanh"};
inline constexpr elementwise dropout{"Dropout"};
inline constexpr elementwise identity{"Identity"};
inline constexpr elementwise softmax{"Softmax"};

// nn.MaxPool2d; the stride defaults to the kernel size, as in PyTorch.
struct max_pool2d {
  static constexpr std::string_view type_name = "MaxPool2d";
  hw kernel_size = 1;
  hw stride = 0;
  hw padding = 0;
  hw dilation = 1;
  bool ceil_mode = false;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    const hw step = stride == hw{0} ? kernel_size : stride;
    return detail::slide_window(self, x, x[1], kernel_size, step, padding, dilation, ceil_mode);
  }
};

// nn.AvgPool2d; the stride defaults to the kernel size, as in PyTorch.
struct avg_pool2d {
  static constexpr std::string_view type_name = "AvgPool2d";
  hw kernel_size = 1;
  hw stride = 0;
  hw padding = 0;
  bool ceil_mode = false;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    const hw step = stride == hw{0} ? kernel_size : stride;
    return detail::slide_window(self, x, x[1], kernel_size, step, padding, hw{1}, ceil_mode);
  }
};

// nn.AdaptiveAvgPool2d and nn.AdaptiveMaxPool2d: the output side is fixed.
struct adaptive_pool2d {
  std::string_view type_name;
  hw output_size;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    return {x[0], x[1], output_size.h, output_size.w};
  }
};

constexpr adaptive_pool2d adaptive_avg_pool2d(hw output_size) { return {"AdaptiveAvgPool2d", output_size}; }
constexpr adaptive_pool2d adaptive_max_pool2d(hw output_size) { return {"AdaptiveMaxPool2d", output_size}; }

// nn.Flatten and torch.flatten: dimensions start_dim to end_dim become one.
struct flatten {
  static constexpr std::string_view type_name = "Flatten";
  int start_dim = 1;
  int end_dim = -1;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_axis(x, start_dim, "flatten") || !self.expect_axis(x, end_dim, "flatten")) return x;
    const int first = x.index_of(start_dim), last = x.index_of(end_dim);
    shape y;
    for (int axis = 0; axis < first; ++axis) y.push_back(x[axis]);
    std::int64_t merged = 1;
    for (int axis = first; axis <= last; ++axis) merged = checked_mul(merged, x[axis]);
    y.push_back(merged);
    for (int axis = last + 1; axis < x.rank; ++axis) y.push_back(x[axis]);
    return y;
  }
};

// nn.Module subclasses that only reorder dimensions: torch.permute (torchvision's Permute).
struct permute {
  static constexpr std::string_view type_name = "Permute";
  bounded_list<int, shape::max_rank> dims;

  constexpr shape forward(scope& self, const shape& x) const {
    if (static_cast<int>(dims.size()) != x.rank) {
      self.fail("permutes ", static_cast<int>(dims.size()), " dimensions, receives ", x);
      return x;
    }
    shape y;
    for (int axis : dims) y.push_back(x[axis]);
    return y;
  }
};

// nn.GroupNorm over (N, C, ...): num_channels in num_groups groups, with an affine weight and bias.
struct group_norm {
  static constexpr std::string_view type_name = "GroupNorm";
  int num_groups = 1;
  int num_channels = 0;
  bool affine = true;

  constexpr shape forward(scope& self, const shape& x) const {
    if (num_groups <= 0 || num_channels % num_groups != 0)
      self.fail("num_channels = ", num_channels, " must be divisible by num_groups = ", num_groups);
    if (affine) {
      self.parameter("weight", {num_channels});
      self.parameter("bias", {num_channels});
    }
    if (x.rank < 2 || x[1] != num_channels) self.fail("expects ", num_channels, " channels, receives ", x);
    return x;
  }
};

// ---------------------------------------------------------------------------------------------
// Volumetric (video) modules: inputs (N, C, D, H, W), weights of rank 5.

// nn.Conv3d
struct conv3d {
  static constexpr std::string_view type_name = "Conv3d";
  int in_channels = 0;
  int out_channels = 0;
  dhw kernel_size = 1;
  dhw stride = 1;
  dhw padding = 0;
  dhw dilation = 1;
  int groups = 1;
  bool bias = true;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!detail::groups_divide(self, groups, in_channels, out_channels)) return x;
    self.parameter("weight", {out_channels, in_channels / groups, kernel_size.d, kernel_size.h, kernel_size.w});
    if (bias) self.parameter("bias", {out_channels});
    if (!self.expect_rank(x, 5, "(N, C, D, H, W)")) return x;
    if (x[1] != in_channels) self.fail("expects ", in_channels, " input channels, receives ", x[1]);
    const shape y = detail::slide_window(self, x, out_channels, kernel_size, stride, padding, dilation, false);
    self.count_macs(checked_mul(
        y.elements(), static_cast<std::int64_t>(in_channels / groups) * kernel_size.d * kernel_size.h * kernel_size.w));
    return y;
  }
};

// nn.BatchNorm3d, as BatchNorm2d over (N, C, D, H, W).
struct batch_norm3d {
  static constexpr std::string_view type_name = "BatchNorm3d";
  int num_features = 0;
  bool affine = true;
  bool track_running_stats = true;

  constexpr shape forward(scope& self, const shape& x) const {
    return detail::batch_norm(self, x, num_features, affine, track_running_stats, 5, "(N, C, D, H, W)");
  }
};

// nn.ConvTranspose2d with square kernel, stride and padding, no output padding, groups or
// dilation: the upsampling of torchvision's mask and keypoint predictors.
struct conv_transpose2d {
  static constexpr std::string_view type_name = "ConvTranspose2d";
  int in_channels = 0;
  int out_channels = 0;
  int kernel_size = 1;
  int stride = 1;
  int padding = 0;
  bool bias = true;

  constexpr shape forward(scope& self, const shape& x) const {
    self.parameter("weight", {in_channels, out_channels, kernel_size, kernel_size});
    if (bias) self.parameter("bias", {out_channels});
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    if (x[1] != in_channels) self.fail("expects ", in_channels, " input channels, receives ", x[1]);
    // every input element meets every output channel through the whole kernel
    self.count_macs(checked_mul(x.elements(), static_cast<std::int64_t>(out_channels) * kernel_size * kernel_size));
    const auto side = [&](std::int64_t in) { return (in - 1) * stride - 2 * padding + kernel_size; };
    return {x[0], out_channels, side(x[2]), side(x[3])};
  }
};

// nn.MaxPool3d and nn.AvgPool3d; the stride defaults to the kernel size, as in PyTorch.
struct pool3d {
  std::string_view type_name;
  dhw kernel_size = 1;
  dhw stride = 0;
  dhw padding = 0;
  bool ceil_mode = false;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 5, "(N, C, D, H, W)")) return x;
    const dhw step = stride == dhw{0} ? kernel_size : stride;
    return detail::slide_window(self, x, x[1], kernel_size, step, padding, dhw{1}, ceil_mode);
  }
};

constexpr pool3d max_pool3d(dhw kernel_size, dhw stride = 0, dhw padding = 0, bool ceil_mode = false) {
  return {"MaxPool3d", kernel_size, stride, padding, ceil_mode};
}
constexpr pool3d avg_pool3d(dhw kernel_size, dhw stride = 0, dhw padding = 0, bool ceil_mode = false) {
  return {"AvgPool3d", kernel_size, stride, padding, ceil_mode};
}

// nn.AdaptiveAvgPool3d: the output's depth, height and width are fixed.
struct adaptive_pool3d {
  std::string_view type_name;
  dhw output_size;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 5, "(N, C, D, H, W)")) return x;
    return {x[0], x[1], output_size.d, output_size.h, output_size.w};
  }
};

constexpr adaptive_pool3d adaptive_avg_pool3d(dhw output_size) { return {"AdaptiveAvgPool3d", output_size}; }

}  // namespace archdesc
