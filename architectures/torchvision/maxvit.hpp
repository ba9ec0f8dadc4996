// architectures/torchvision/maxvit.hpp: torchvision's MaxVit (torchvision/models/maxvit.py), with the knobs of
// its class.
//
//   constexpr auto net = archdesc::maxvit::maxvit_t();
//   static_assert(archdesc::parameter_count<net> == 30'919'624);
//   constexpr archdesc::maxvit::model small{.block_channels = {32, 64}, .block_layers = {1, 2}, .num_classes = 10};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::maxvit {

using torchvision::conv2d_norm_activation;

// torchvision's _get_conv_output_shape for the 3x3, stride 2, padding 1 convolutions that halve
// the grid.
constexpr hw halved(hw size) { return {(size.h - 1) / 2 + 1, (size.w - 1) / 2 + 1}; }

// MBConv: Mobile Inverted Residual Bottleneck.
struct mb_conv {
  static constexpr std::string_view type_name = "MBConv";
  int in_channels = 0;
  int out_channels = 0;
  double expansion_ratio = 4;
  double squeeze_ratio = 0.25;
  int stride = 1;
  const elementwise* activation_layer = &gelu;
  bool stochastic_depth = false;  // p_stochastic_dropout > 0; Identity otherwise

  constexpr shape forward(scope& self, const shape& x) const {
    const bool should_proj = stride != 1 || in_channels != out_channels;
    const int mid_channels = checked_int(out_channels * expansion_ratio);
    const int sqz_channels = checked_int(out_channels * squeeze_ratio);
    const shape res = !should_proj
                          ? self("proj", identity, x)
                          : self("proj", sequential([&](scope& proj, shape y) {
                                   if (stride == 2)
                                     y = proj(avg_pool2d{.kernel_size = 3, .stride = stride, .padding = 1}, y);
                                   return proj(conv2d{.in_channels = in_channels, .out_channels = out_channels}, y);
                                 }),
                                 x);
    shape y =
        self("layers", sequential([&](scope& layers, shape z) {
               z = layers("pre_norm", batch_norm2d{in_channels}, z);
               z = layers("conv_a",
                          conv2d_norm_activation{.in_channels = in_channels,
                                                 .out_channels = mid_channels,
                                                 .kernel_size = 1,
                                                 .activation_layer = activation_layer},
                          z);
               z = layers("conv_b",
                          conv2d_norm_activation{.in_channels = mid_channels,
                                                 .out_channels = mid_channels,
                                                 .stride = stride,
                                                 .groups = mid_channels,
                                                 .activation_layer = activation_layer},
                          z);
               z = layers("squeeze_excitation", torchvision::squeeze_excitation{mid_channels, sqz_channels, &silu}, z);
               return layers("conv_c", conv2d{.in_channels = mid_channels, .out_channels = out_channels}, z);
             }),
             x);
    y = self("stochastic_depth", stochastic_depth ? torchvision::stochastic_depth : identity, y);
    return self.add(res, y);
  }
};

// Relative Positional Multi-Head Attention over [B, G, P, D]: the P tokens of each of G groups.
struct relative_positional_multi_head_attention {
  static constexpr std::string_view type_name = "RelativePositionalMultiHeadAttention";
  int feat_dim = 0;
  int head_dim = 0;
  int max_seq_len = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    if (head_dim <= 0 || feat_dim % head_dim != 0) {
      self.fail("feat_dim: ", feat_dim, " must be divisible by head_dim: ", head_dim);
      return x;
    }
    const int n_heads = feat_dim / head_dim;
    int size = 0;  // int(math.sqrt(max_seq_len))
    while ((size + 1) * (size + 1) <= max_seq_len) ++size;
    self.parameter("relative_position_bias_table", {(2 * size - 1) * (2 * size - 1), n_heads});
    self.buffer("relative_position_index", {size * size, size * size}, dtype::int64);
    if (!self.expect_rank(x, 4, "[B, G, P, D]")) return x;
    self("to_qkv", linear{.in_features = feat_dim, .out_features = n_heads * head_dim * 3}, x);
    // the dot products of every head, plus the relative position bias
    self.add({x[0], x[1], n_heads, x[2], x[2]}, {1, n_heads, max_seq_len, max_seq_len});
    self.count_macs(checked_mul(2 * x[0] * x[1], checked_mul(x[2] * x[2], n_heads * head_dim)));  // Q·Kᵀ and A·V
    return self("merge", linear{.in_features = head_dim * n_heads, .out_features = feat_dim}, x);
  }
};

// WindowPartition: [B, C, H, W] -> [B, H/P * W/P, P*P, C].
struct window_partition {
  static constexpr std::string_view type_name = "WindowPartition";
  int p = 1;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 4, "[B, C, H, W]")) return x;
    if (x[2] % p != 0 || x[3] % p != 0) self.fail("cannot partition ", x, " into windows of ", p, "x", p);
    return {x[0], (x[2] / p) * (x[3] / p), p * p, x[1]};
  }
};

// WindowDepartition: [B, HP * WP, P*P, C] -> [B, C, HP * P, WP * P].
struct window_departition {
  static constexpr std::string_view type_name = "WindowDepartition";
  int p = 1;
  int h_partitions = 1;
  int w_partitions = 1;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 4, "[B, G, P*P, C]")) return x;
    if (x[1] * x[2] != static_cast<std::int64_t>(h_partitions) * w_partitions * p * p)
      self.fail("cannot reshape ", x, " to (", x[0], ", ", h_partitions, ", ", w_partitions, ", ", p, ", ", p, ", ",
                x[3], ")");
    return {x[0], x[3], h_partitions * p, w_partitions * p};
  }
};

// SwapAxes: torch.swapaxes(x, a, b).
struct swap_axes {
  static constexpr std::string_view type_name = "SwapAxes";
  int a = 0;
  int b = 0;

  constexpr shape forward(scope& self, shape x) const {
    if (!self.expect_axis(x, a, "swap axes") || !self.expect_axis(x, b, "swap axes")) return x;
    const std::int64_t first = x[a];
    x[a] = x[b];
    x[b] = first;
    return x;
  }
};

enum class partition_type { window, grid };

// Layer for partitioning the input tensor into non-overlapping windows (or a grid of dilated
// windows) and applying attention to each window.
struct partition_attention_layer {
  static constexpr std::string_view type_name = "PartitionAttentionLayer";
  int in_channels = 0;
  int head_dim = 0;
  int partition_size = 0;
  partition_type partition = partition_type::window;
  hw grid_size = 1;
  int mlp_ratio = 4;
  const elementwise* activation_layer = &gelu;

  constexpr shape forward(scope& self, shape x) const {
    const int n_partitions = grid_size.h / partition_size;
    const bool grid = partition == partition_type::grid;
    const int p = grid ? n_partitions : partition_size;
    if (p <= 0 || grid_size.h % p != 0 || grid_size.w % p != 0) {
      self.fail("Grid size must be divisible by partition size. Got grid size of (", grid_size.h, ", ", grid_size.w,
                ") and partition size of ", p);
      return x;
    }
    // Both swaps are SwapAxes(-2, -3) for a grid, Identity for windows.
    const auto swap = [&](const char* name, const shape& y) {
      return grid ? self(name, swap_axes{-2, -3}, y) : self(name, identity, y);
    };
    x = self("partition_op", window_partition{p}, x);
    x = swap("partition_swap", x);
    // always partition_size ** 2 tokens, because of the axis swap in the case of grid partitioning
    shape y =
        self("attn_layer", sequential([&](scope& attn_layer, shape z) {
               z = attn_layer(layer_norm{{in_channels}}, z);
               z = attn_layer(
                   relative_positional_multi_head_attention{in_channels, head_dim, partition_size * partition_size}, z);
               return attn_layer(dropout, z);
             }),
             x);
    x = self.add(x, self("stochastic_dropout", torchvision::stochastic_depth, y));
    // pre-normalization similar to transformer layers
    y = self("mlp_layer", sequential([&](scope& mlp_layer, shape z) {
               z = mlp_layer(layer_norm{{in_channels}}, z);
               z = mlp_layer(linear{.in_features = in_channels, .out_features = in_channels * mlp_ratio}, z);
               z = mlp_layer(*activation_layer, z);
               z = mlp_layer(linear{.in_features = in_channels * mlp_ratio, .out_features = in_channels}, z);
               return mlp_layer(dropout, z);
             }),
             x);
    x = self.add(x, self("stochastic_dropout", torchvision::stochastic_depth, y));
    x = swap("departition_swap", x);
    return self("departition_op", window_departition{p, grid_size.h / p, grid_size.w / p}, x);
  }
};

// The MaxVit arguments shared by every layer.
struct layer_settings {
  double squeeze_ratio = 0.25;
  double expansion_ratio = 4;
  const elementwise* activation_layer = &gelu;
  int head_dim = 32;
  int mlp_ratio = 4;
  int partition_size = 7;
};

// MaxVitLayer: MBConv, then attention in windows, then attention in a grid.
struct maxvit_layer {
  static constexpr std::string_view type_name = "MaxVitLayer";
  int in_channels = 0;
  int out_channels = 0;
  int stride = 1;
  bool stochastic_depth = false;
  hw grid_size = 1;
  layer_settings settings;

  constexpr shape forward(scope& self, const shape& x) const {
    const auto attention = [&](partition_type partition) {
      return partition_attention_layer{out_channels, settings.head_dim,  settings.partition_size,  partition,
                                       grid_size,    settings.mlp_ratio, settings.activation_layer};
    };
    return self("layers", sequential([&](scope& layers, shape y) {
                  y = layers("MBconv",
                             mb_conv{in_channels, out_channels, settings.expansion_ratio, settings.squeeze_ratio,
                                     stride, settings.activation_layer, stochastic_depth},
                             y);
                  y = layers("window_attention", attention(partition_type::window), y);
                  return layers("grid_attention", attention(partition_type::grid), y);
                }),
                x);
  }
};

// MaxVitBlock: n_layers MaxVit layers in an nn.ModuleList, the first with stride 2.
struct maxvit_block {
  static constexpr std::string_view type_name = "MaxVitBlock";
  int in_channels = 0;
  int out_channels = 0;
  hw input_grid_size = 1;
  int n_layers = 0;
  // p_stochastic rises linearly from 0 over all layers of all blocks: a layer has none (Identity
  // in MBConv) if it is the very first, or if stochastic_depth_prob is 0.
  int first_layer = 0;
  bool stochastic_depth = true;
  layer_settings settings;

  constexpr shape forward(scope& self, const shape& x) const {
    // account for the first stride of the first layer
    const hw grid_size = halved(input_grid_size);
    return self("layers", module_list([&](scope& layers, shape y) {
                  for (int idx = 0; idx < n_layers; ++idx)
                    y = layers(maxvit_layer{idx == 0 ? in_channels : out_channels, out_channels, idx == 0 ? 2 : 1,
                                            stochastic_depth && first_layer + idx > 0, grid_size, settings},
                               y);
                  return y;
                }),
                x);
  }
};

// torchvision.models.MaxVit, with its constructor's knobs (the norm layer and the dropout rates
// change no name or shape; the stochastic depth rate does where it is 0, with Identity instead of
// StochasticDepth). Defaults: maxvit_t.
struct model {
  static constexpr std::string_view type_name = "MaxVit";
  hw input_size = 224;
  int stem_channels = 64;
  int partition_size = 7;
  bounded_list<int, 8> block_channels{64, 128, 256, 512};
  bounded_list<int, 8> block_layers{2, 2, 5, 2};
  int head_dim = 32;
  real stochastic_depth_prob = 0.2;
  const elementwise* activation_layer = &gelu;
  real squeeze_ratio = 0.25;
  real expansion_ratio = 4;
  int mlp_ratio = 4;
  int num_classes = 1000;

  // The partitions fit an input of (3, input_size) only.
  constexpr shape input_shape() const { return {3, input_size.h, input_size.w}; }

  constexpr shape forward(scope& self, shape x) const {
    if (block_channels.empty() || block_layers.size() != block_channels.size()) {
      self.fail("expects one block_layers entry for each of the ", static_cast<int>(block_channels.size()),
                " block_channels, receives ", static_cast<int>(block_layers.size()));
      return x;
    }
    if (partition_size <= 0) {  // Python's ZeroDivisionError, before the divisions below
      self.fail("partition_size must be positive, receives ", partition_size);
      return x;
    }
    // Make sure input size will be divisible by the partition size in all blocks
    hw block_input_size = halved(input_size);
    for (std::size_t idx = 0; idx < block_channels.size(); ++idx) {
      block_input_size = halved(block_input_size);
      if (block_input_size.h % partition_size != 0 || block_input_size.w % partition_size != 0)
        self.fail("Input size (", block_input_size.h, ", ", block_input_size.w, ") of block ", static_cast<int>(idx),
                  " is not divisible by partition size ", partition_size,
                  ". Consider changing the partition size or the input size.");
    }
    x = self(
        "stem", sequential([&](scope& stem, shape y) {
          y = stem(
              conv2d_norm_activation{
                  .in_channels = 3, .out_channels = stem_channels, .stride = 2, .activation_layer = activation_layer},
              y);
          return stem(conv2d_norm_activation{.in_channels = stem_channels,
                                             .out_channels = stem_channels,
                                             .norm = torchvision::norm_layer::none,
                                             .activation_layer = nullptr},
                      y);
        }),
        x);
    const layer_settings settings{squeeze_ratio, expansion_ratio, activation_layer,
                                  head_dim,      mlp_ratio,       partition_size};
    x = self("blocks", module_list([&](scope& blocks, shape y) {
               hw grid_size = halved(input_size);  // account for stem stride
               int in_channels = stem_channels;
               int first_layer = 0;
               for (std::size_t i = 0; i < block_channels.size(); ++i) {
                 y = blocks(maxvit_block{in_channels, block_channels[i], grid_size, block_layers[i], first_layer,
                                         stochastic_depth_prob != 0.0, settings},
                            y);
                 grid_size = halved(grid_size);
                 in_channels = block_channels[i];
                 first_layer += block_layers[i];
               }
               return y;
             }),
             x);
    const int channels = block_channels[block_channels.size() - 1];
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(adaptive_avg_pool2d(1), y);
                  y = classifier(flatten{}, y);
                  y = classifier(layer_norm{{channels}}, y);
                  y = classifier(linear{.in_features = channels, .out_features = channels}, y);
                  y = classifier(tanh, y);
                  return classifier(linear{.in_features = channels, .out_features = num_classes, .bias = false}, y);
                }),
                x);
  }
};

// The builders of torchvision's maxvit.py: maxvit_t takes the model's other knobs, as torchvision's
// takes keyword arguments (maxvit_t({.num_classes = 10})), and sets the knobs that make it, as
// _maxvit(stem_channels, block_channels, block_layers, stochastic_depth_prob, partition_size,
// head_dim, ...) does. (The class defaults are maxvit_t's, so a user value for those must be the same.)
constexpr model maxvit(int stem_channels, const bounded_list<int, 8>& block_channels,
                       const bounded_list<int, 8>& block_layers, double stochastic_depth_prob, int partition_size,
                       int head_dim, model knobs) {
  builder_sets(knobs, &model::stem_channels, stem_channels);
  builder_sets(knobs, &model::block_channels, block_channels);
  builder_sets(knobs, &model::block_layers, block_layers);
  builder_sets(knobs, &model::stochastic_depth_prob, stochastic_depth_prob);
  builder_sets(knobs, &model::partition_size, partition_size);
  builder_sets(knobs, &model::head_dim, head_dim);
  return knobs;
}

constexpr model maxvit_t(const model& knobs = {}) {
  return maxvit(64, {64, 128, 256, 512}, {2, 2, 5, 2}, 0.2, 7, 32, knobs);
}

// The builders of torchvision's maxvit.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"maxvit_t", maxvit_t()},
};

}  // namespace archdesc::maxvit
