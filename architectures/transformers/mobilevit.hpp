// architectures/transformers/mobilevit.hpp: Hugging Face transformers' MobileViT and MobileViTV2
// (src/transformers/models/mobilevit/modeling_mobilevit.py, models/mobilevitv2/modeling_mobilevitv2.py
// and their configuration_*.py, 2024): MobileViTModel and MobileViTV2Model with the knobs of their
// configurations, on an image of (num_channels, image_size, image_size).
//
//   constexpr auto net = archdesc::mobilevit::mobilevit_small();
//   static_assert(archdesc::parameter_count<net> == 4'937'632);
//   constexpr auto larger_input = archdesc::mobilevit::mobilevit_small({.config = {.image_size = 512}});
//   static_assert(archdesc::valid<larger_input>);
//   constexpr archdesc::mobilevit::model tiny{.config = {.hidden_sizes = {32, 48, 64},
//                                                        .neck_hidden_sizes = {16, 16, 24, 32, 40, 48, 96}}};
//
// Both are MobileNetV2-style inverted residuals, then MobileViT blocks that unfold the feature map
// into patches, run transformer layers across the patches, and fold it back. Their convolution,
// inverted residual and MobileNet layer are the same classes ("Copied from ... with
// MobileViT->MobileViTV2"), written once here. The models' output is last_hidden_state; the pooled
// output is a torch.mean, no module.
#pragma once

#include <architectures/torchvision/ops.hpp>
#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace archdesc::mobilevit {

// The class names of the blocks MobileViTV2 copied from MobileViT. The blocks take them as a
// template argument: a type name that depends on another member breaks clang 14's constant
// evaluation.
struct class_names {
  std::string_view conv_layer;
  std::string_view inverted_residual;
  std::string_view mobile_net_layer;
};

inline constexpr class_names v1_classes{"MobileViTConvLayer", "MobileViTInvertedResidual", "MobileViTMobileNetLayer"};
inline constexpr class_names v2_classes{"MobileViTV2ConvLayer", "MobileViTV2InvertedResidual",
                                        "MobileViTV2MobileNetLayer"};

// nn.GroupNorm(num_groups, num_channels): an affine weight and bias per channel of (N, C, ...).
struct group_norm {
  static constexpr std::string_view type_name = "GroupNorm";
  int num_groups = 1;
  int num_channels = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    if (num_groups <= 0 || num_channels % num_groups != 0) self.fail("num_channels must be divisible by num_groups");
    self.parameter("weight", {num_channels});
    self.parameter("bias", {num_channels});
    if (x.rank < 2 || x[1] != num_channels) self.fail("expects ", num_channels, " channels, receives ", x);
    return x;
  }
};

// MobileViTConvLayer: a Conv2d with padding (kernel_size - 1) / 2 × dilation, then optionally
// BatchNorm2d and an activation (ACT2FN[config.hidden_act]: nn.SiLU for "silu" and "swish").
template <const class_names& Classes>
struct conv_layer {
  static constexpr std::string_view type_name = Classes.conv_layer;
  int in_channels = 0;
  int out_channels = 0;
  int kernel_size = 1;
  int stride = 1;
  int groups = 1;
  bool bias = false;
  int dilation = 1;
  bool use_normalization = true;
  bool use_activation = true;

  constexpr shape forward(scope& self, shape x) const {
    if (groups <= 0 || in_channels % groups != 0) {
      self.fail("Input channels (", in_channels, ") are not divisible by ", groups, " groups.");
      return x;
    }
    if (out_channels % groups != 0)
      self.fail("Output channels (", out_channels, ") are not divisible by ", groups, " groups.");
    x = self("convolution",
             conv2d{.in_channels = in_channels,
                    .out_channels = out_channels,
                    .kernel_size = kernel_size,
                    .stride = stride,
                    .padding = (kernel_size - 1) / 2 * dilation,
                    .dilation = dilation,
                    .groups = groups,
                    .bias = bias},
             x);
    if (use_normalization) x = self("normalization", batch_norm2d{out_channels}, x);
    if (use_activation) x = self("activation", silu, x);
    return x;
  }
};

// Inverted residual block (MobileNetv2): https://arxiv.org/abs/1801.04381
template <const class_names& Classes>
struct inverted_residual {
  static constexpr std::string_view type_name = Classes.inverted_residual;
  real expand_ratio;
  int in_channels = 0;
  int out_channels = 0;
  int stride = 1;
  int dilation = 1;

  constexpr shape forward(scope& self, const shape& features) const {
    const int expanded_channels =
        torchvision::make_divisible(static_cast<double>(torchvision::python_round(in_channels * expand_ratio)), 8);
    if (stride != 1 && stride != 2) self.fail("Invalid stride ", stride, ".");
    const bool use_residual = stride == 1 && in_channels == out_channels;
    shape x = self("expand_1x1", conv_layer<Classes>{in_channels, expanded_channels, 1}, features);
    x = self("conv_3x3",
             conv_layer<Classes>{.in_channels = expanded_channels,
                                 .out_channels = expanded_channels,
                                 .kernel_size = 3,
                                 .stride = stride,
                                 .groups = expanded_channels,
                                 .dilation = dilation},
             x);
    x = self(
        "reduce_1x1",
        conv_layer<Classes>{
            .in_channels = expanded_channels, .out_channels = out_channels, .kernel_size = 1, .use_activation = false},
        x);
    return use_residual ? self.add(features, x) : x;
  }
};

// How MobileViTLayer and MobileViTV2Layer open: with stride 2, an inverted residual
// `downsampling_layer` takes in_channels to out_channels (dilated instead of strided when dilation
// > 1); then the features must be (batch_size, channels, height, width).
struct downsampled {
  shape features;
  int channels = 0;
  bool valid = false;
};

template <const class_names& Classes>
constexpr downsampled downsampling_layer(scope& self, real expand_ratio, int in_channels, int out_channels, int stride,
                                         int dilation, shape features) {
  int channels = in_channels;
  if (stride == 2) {
    features = self("downsampling_layer",
                    inverted_residual<Classes>{expand_ratio, in_channels, out_channels, dilation == 1 ? stride : 1,
                                               dilation > 1 ? dilation / 2 : 1},
                    features);
    channels = out_channels;
  }
  const bool valid = self.expect_rank(features, 4, "(batch_size, channels, height, width)");
  return {features, channels, valid};
}

// MobileViTMobileNetLayer: num_stages inverted residuals, the first with the stride.
template <const class_names& Classes>
struct mobile_net_layer {
  static constexpr std::string_view type_name = Classes.mobile_net_layer;
  real expand_ratio;
  int in_channels = 0;
  int out_channels = 0;
  int stride = 1;
  int num_stages = 1;

  constexpr shape forward(scope& self, const shape& features) const {
    return self("layer", module_list([&](scope& layer, shape x) {
                  int in = in_channels;
                  for (int i = 0; i < num_stages; ++i) {
                    x = layer(inverted_residual<Classes>{expand_ratio, in, out_channels, i == 0 ? stride : 1}, x);
                    in = out_channels;
                  }
                  return x;
                }),
                features);
  }
};

// The dilation of the encoder's layer_4 and layer_5: segmentation backbones (DeepLab, PSPNet)
// trade their strides for dilation to reach an output stride of 8 or 16.
struct dilations {
  int layer_4 = 1;
  int layer_5 = 1;
};

constexpr dilations encoder_dilations(int output_stride) {
  if (output_stride == 8) return {2, 4};
  if (output_stride == 16) return {1, 2};
  return {};
}

// ---- MobileViT ----------------------------------------------------------------------------------

// MobileViTConfig: the knobs that change names, parameters or shapes (hidden_act "silu" and the
// dropout rates change none). The defaults are MobileViTConfig()'s, which are apple/mobilevit-small's.
struct config {
  int num_channels = 3;
  int image_size = 256;
  int patch_size = 2;
  std::array<int, 3> hidden_sizes{144, 192, 240};
  std::array<int, 7> neck_hidden_sizes{16, 32, 64, 96, 128, 160, 640};
  int num_attention_heads = 4;
  real mlp_ratio = 2.0;
  real expand_ratio = 4.0;
  int conv_kernel_size = 3;
  int output_stride = 32;
  bool qkv_bias = true;
};

// MobileViTSelfAttention: query, key and value, softmax(Q·Kᵀ) with dropout, times V; on the patches
// (batch × patch_area, num_patches, hidden_size).
struct self_attention {
  static constexpr std::string_view type_name = "MobileViTSelfAttention";
  int hidden_size = 0;
  int num_attention_heads = 0;
  bool qkv_bias = true;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (num_attention_heads <= 0 || hidden_size % num_attention_heads != 0) {
      self.fail("The hidden size ", hidden_size, " is not a multiple of the number of attention heads ",
                num_attention_heads, ".");
      return hidden_states;
    }
    if (!self.expect_rank(hidden_states, 3, "(batch_size × patch_area, num_patches, hidden_size)"))
      return hidden_states;
    const int head_size = hidden_size / num_attention_heads;
    const linear projection{
        .in_features = hidden_size, .out_features = num_attention_heads * head_size, .bias = qkv_bias};
    const shape context = self("query", projection, hidden_states);
    self("key", projection, hidden_states);
    self("value", projection, hidden_states);
    const std::int64_t batch = hidden_states[0], length = hidden_states[1];
    transformers::count_attention_products(self, {.batch = batch,
                                                  .heads = num_attention_heads,
                                                  .query_length = length,
                                                  .key_length = length,
                                                  .head_dim = head_size});
    self("dropout", dropout, shape{batch, num_attention_heads, length, length});  // on the attention probabilities
    return context;
  }
};

// MobileViTSelfOutput and MobileViTOutput: dense, dropout, and for MobileViTOutput the residual.
struct dense_output {
  std::string_view type_name;
  int in_features = 0;
  int hidden_size = 0;
  shape input_tensor;  // the residual; empty for MobileViTSelfOutput

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape x = self("dense", linear{.in_features = in_features, .out_features = hidden_size}, hidden_states);
    x = self("dropout", dropout, x);
    return input_tensor.rank == 0 ? x : self.add(x, input_tensor);
  }
};

struct attention {
  static constexpr std::string_view type_name = "MobileViTAttention";
  int hidden_size = 0;
  int num_attention_heads = 0;
  bool qkv_bias = true;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape self_outputs =
        self("attention", self_attention{hidden_size, num_attention_heads, qkv_bias}, hidden_states);
    return self("output", dense_output{"MobileViTSelfOutput", hidden_size, hidden_size, {}}, self_outputs);
  }
};

struct intermediate {
  static constexpr std::string_view type_name = "MobileViTIntermediate";
  int hidden_size = 0;
  int intermediate_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape x = self("dense", linear{.in_features = hidden_size, .out_features = intermediate_size}, hidden_states);
    return self("intermediate_act_fn", silu, x);
  }
};

// MobileViTTransformerLayer: registers attention, intermediate, output, layernorm_before and
// layernorm_after, and calls each layer norm before its block.
struct transformer_layer {
  static constexpr std::string_view type_name = "MobileViTTransformerLayer";
  int hidden_size = 0;
  int intermediate_size = 0;
  int num_attention_heads = 0;
  bool qkv_bias = true;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const attention attend{hidden_size, num_attention_heads, qkv_bias};
    const intermediate widen{hidden_size, intermediate_size};
    const shape normalized_shape{hidden_size};
    const layer_norm norm{normalized_shape};
    shape intermediate_states = hidden_states;
    intermediate_states[-1] = intermediate_size;
    const auto attention = self.declare("attention", attend, hidden_states);
    const auto intermediate = self.declare("intermediate", widen, hidden_states);
    const auto output = self.declare(
        "output", dense_output{"MobileViTOutput", intermediate_size, hidden_size, hidden_states}, intermediate_states);
    shape x = attention(self("layernorm_before", norm, hidden_states));
    x = self.add(x, hidden_states);
    shape layer_output = self("layernorm_after", norm, x);
    return output(intermediate(layer_output));
  }
};

// MobileViTTransformer: num_stages layers with intermediate size int(hidden_size × mlp_ratio)
struct transformer {
  static constexpr std::string_view type_name = "MobileViTTransformer";
  mobilevit::config config;
  int hidden_size = 0;
  int num_stages = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const int intermediate_size = checked_int(hidden_size * config.mlp_ratio);
    const transformer_layer each_layer{hidden_size, intermediate_size, config.num_attention_heads, config.qkv_bias};
    return self("layer", repeated(num_stages, each_layer), hidden_states);
  }
};

// MobileViT block: https://arxiv.org/abs/2110.02178
struct mobilevit_layer {
  static constexpr std::string_view type_name = "MobileViTLayer";
  mobilevit::config config;
  int in_channels = 0;
  int out_channels = 0;
  int stride = 2;
  int hidden_size = 0;
  int num_stages = 0;
  int dilation = 1;

  constexpr shape forward(scope& self, shape features) const {
    const downsampled opened = downsampling_layer<v1_classes>(self, config.expand_ratio, in_channels, out_channels,
                                                              stride, dilation, features);
    if (!opened.valid) return opened.features;
    features = opened.features;
    const int channels = opened.channels;
    const shape residual = features;
    // local representation
    features = self("conv_kxk", conv_layer<v1_classes>{channels, channels, config.conv_kernel_size}, features);
    features = self("conv_1x1",
                    conv_layer<v1_classes>{.in_channels = channels,
                                           .out_channels = hidden_size,
                                           .kernel_size = 1,
                                           .use_normalization = false,
                                           .use_activation = false},
                    features);
    // unfolding: the feature map, resized up to whole patches, as (batch_size × patch_area,
    // num_patches, hidden_size)
    const std::int64_t patch = config.patch_size;
    if (patch <= 0) {  // Python's ZeroDivisionError when unfolding
      self.fail("patch_size must be positive, receives ", config.patch_size);
      return features;
    }
    const std::int64_t num_patches = (features[2] + patch - 1) / patch * ((features[3] + patch - 1) / patch);
    shape patches{features[0] * patch * patch, num_patches, hidden_size};
    patches = self("transformer", transformer{config, hidden_size, num_stages}, patches);
    self("layernorm", layer_norm{{hidden_size}}, patches);
    // folding back to the feature map, resized to its size before unfolding
    features = self("conv_projection", conv_layer<v1_classes>{hidden_size, channels, 1}, features);
    return self("fusion", conv_layer<v1_classes>{2 * channels, channels, config.conv_kernel_size},
                self.cat({residual, features}, 1));
  }
};

struct encoder {
  static constexpr std::string_view type_name = "MobileViTEncoder";
  mobilevit::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const std::array<int, 7>& neck = config.neck_hidden_sizes;
    const dilations dilation = encoder_dilations(config.output_stride);
    return self(
        "layer", module_list([&](scope& layer, shape x) {
          x = layer(mobile_net_layer<v1_classes>{config.expand_ratio, neck[0], neck[1], 1, 1}, x);
          x = layer(mobile_net_layer<v1_classes>{config.expand_ratio, neck[1], neck[2], 2, 3}, x);
          x = layer(mobilevit_layer{config, neck[2], neck[3], 2, config.hidden_sizes[0], 2}, x);
          x = layer(mobilevit_layer{config, neck[3], neck[4], 2, config.hidden_sizes[1], 4, dilation.layer_4}, x);
          return layer(mobilevit_layer{config, neck[4], neck[5], 2, config.hidden_sizes[2], 3, dilation.layer_5}, x);
        }),
        hidden_states);
  }
};

// transformers.MobileViTModel(config, expand_output) on pixel_values of (batch_size, num_channels,
// height, width); its output is last_hidden_state.
struct model {
  static constexpr std::string_view type_name = "MobileViTModel";
  static constexpr std::string_view no_split_modules[] = {
      mobilevit_layer::type_name};  // transformers' _no_split_modules
  mobilevit::config config{};
  bool expand_output = true;

  constexpr shape input_shape() const { return {config.num_channels, config.image_size, config.image_size}; }

  constexpr shape forward(scope& self, const shape& pixel_values) const {
    const std::array<int, 7>& neck = config.neck_hidden_sizes;
    shape x = self("conv_stem",
                   conv_layer<v1_classes>{
                       .in_channels = config.num_channels, .out_channels = neck[0], .kernel_size = 3, .stride = 2},
                   pixel_values);
    x = self("encoder", encoder{config}, x);
    if (expand_output) x = self("conv_1x1_exp", conv_layer<v1_classes>{neck[5], neck[6], 1}, x);
    return x;
  }
};

// ---- MobileViTV2 --------------------------------------------------------------------------------

// MobileViTV2Config: the knobs that change names, parameters or shapes (hidden_act "swish" and the
// dropout rates change none). The defaults are MobileViTV2Config()'s, which are
// apple/mobilevitv2-1.0-imagenet1k-256's.
struct v2_config {
  int num_channels = 3;
  int image_size = 256;
  int patch_size = 2;
  real expand_ratio = 2.0;
  int conv_kernel_size = 3;
  int output_stride = 32;
  std::array<int, 3> n_attn_blocks{2, 4, 3};
  std::array<int, 3> base_attn_unit_dims{128, 192, 256};
  real width_multiplier = 1.0;
  int ffn_multiplier = 2;
};

// A 1×1 MobileViTV2ConvLayer with a bias and no norm: the projections of the attention and the FFN.
constexpr conv_layer<v2_classes> v2_pointwise(int in_channels, int out_channels, bool use_activation) {
  return {.in_channels = in_channels,
          .out_channels = out_channels,
          .bias = true,
          .use_normalization = false,
          .use_activation = use_activation};
}

// Self-attention with linear complexity (https://arxiv.org/abs/2206.02680), on the patches
// (batch_size, embed_dim, patch_area, num_patches): one convolution gives a query channel, keys and
// values; the context is a softmax-weighted sum, so no product of attention is a matrix product.
struct linear_self_attention {
  static constexpr std::string_view type_name = "MobileViTV2LinearSelfAttention";
  int embed_dim = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape qkv = self("qkv_proj", v2_pointwise(embed_dim, 1 + 2 * embed_dim, false), hidden_states);
    self("attn_dropout", dropout, shape{qkv[0], 1, qkv[2], qkv[3]});  // on the context scores
    return self("out_proj", v2_pointwise(embed_dim, embed_dim, false), hidden_states);
  }
};

struct ffn {
  static constexpr std::string_view type_name = "MobileViTV2FFN";
  int embed_dim = 0;
  int ffn_latent_dim = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = self("conv1", v2_pointwise(embed_dim, ffn_latent_dim, true), x);
    x = self("dropout1", dropout, x);
    x = self("conv2", v2_pointwise(ffn_latent_dim, embed_dim, false), x);
    return self("dropout2", dropout, x);
  }
};

// MobileViTV2TransformerLayer: it also registers a dropout1 that its forward never calls.
struct v2_transformer_layer {
  static constexpr std::string_view type_name = "MobileViTV2TransformerLayer";
  int embed_dim = 0;
  int ffn_latent_dim = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const group_norm norm{1, embed_dim};
    shape x = self("layernorm_before", norm, hidden_states);
    x = self.add(self("attention", linear_self_attention{embed_dim}, x), hidden_states);
    shape layer_output = self("layernorm_after", norm, x);
    layer_output = self("ffn", ffn{embed_dim, ffn_latent_dim}, layer_output);
    return self.add(layer_output, x);
  }
};

// MobileViTV2Transformer: n_layers layers of d_model features; ffn_dims are multiples of 16.
struct v2_transformer {
  static constexpr std::string_view type_name = "MobileViTV2Transformer";
  v2_config config;
  int n_layers = 0;
  int d_model = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const int ffn_latent_dim = checked_int(std::int64_t{config.ffn_multiplier} * d_model / 16 * 16);
    const v2_transformer_layer each_layer{d_model, ffn_latent_dim};
    return self("layer", repeated(n_layers, each_layer), hidden_states);
  }
};

// MobileViTV2 layer: https://arxiv.org/abs/2206.02680
struct mobilevitv2_layer {
  static constexpr std::string_view type_name = "MobileViTV2Layer";
  v2_config config;
  int in_channels = 0;
  int out_channels = 0;
  int attn_unit_dim = 0;
  int n_attn_blocks = 2;
  int dilation = 1;
  int stride = 2;

  constexpr shape forward(scope& self, shape features) const {
    const downsampled opened = downsampling_layer<v2_classes>(self, config.expand_ratio, in_channels, out_channels,
                                                              stride, dilation, features);
    if (!opened.valid) return opened.features;
    features = opened.features;
    const int channels = opened.channels;
    // Local representations
    features = self("conv_kxk",
                    conv_layer<v2_classes>{.in_channels = channels,
                                           .out_channels = channels,
                                           .kernel_size = config.conv_kernel_size,
                                           .groups = channels},
                    features);
    features = self("conv_1x1",
                    conv_layer<v2_classes>{.in_channels = channels,
                                           .out_channels = attn_unit_dim,
                                           .kernel_size = 1,
                                           .use_normalization = false,
                                           .use_activation = false},
                    features);
    // unfolding with F.unfold: (batch_size, attn_unit_dim, patch_area, num_patches)
    const std::int64_t patch = config.patch_size;
    if (patch <= 0) {  // Python's ZeroDivisionError when unfolding
      self.fail("patch_size must be positive, receives ", config.patch_size);
      return features;
    }
    shape patches{features[0], attn_unit_dim, patch * patch, features[2] / patch * (features[3] / patch)};
    // Global representations
    patches = self("transformer", v2_transformer{config, n_attn_blocks, attn_unit_dim}, patches);
    self("layernorm", group_norm{1, attn_unit_dim}, patches);
    // folding back with F.fold to the feature map's size
    return self("conv_projection",
                conv_layer<v2_classes>{
                    .in_channels = attn_unit_dim, .out_channels = channels, .kernel_size = 1, .use_activation = false},
                features);
  }
};

// make_divisible(clip(32 × width_multiplier, 16, 64), 8, 16): the stem's channels.
constexpr int v2_layer_0_dim(double width_multiplier) {
  const double clipped = 32 * width_multiplier < 16 ? 16 : (32 * width_multiplier > 64 ? 64 : 32 * width_multiplier);
  return torchvision::make_divisible(clipped, 8, 16);
}

struct v2_encoder {
  static constexpr std::string_view type_name = "MobileViTV2Encoder";
  v2_config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const double width = config.width_multiplier;
    const int layer_0_dim = v2_layer_0_dim(width);
    const int layer_1_dim = torchvision::make_divisible(64 * width, 16);
    const int layer_2_dim = torchvision::make_divisible(128 * width, 8);
    const int layer_3_dim = torchvision::make_divisible(256 * width, 8);
    const int layer_4_dim = torchvision::make_divisible(384 * width, 8);
    const int layer_5_dim = torchvision::make_divisible(512 * width, 8);
    const std::array<int, 3>& base = config.base_attn_unit_dims;
    const std::array<int, 3> attn_unit_dims{torchvision::make_divisible(base[0] * width, 8),
                                            torchvision::make_divisible(base[1] * width, 8),
                                            torchvision::make_divisible(base[2] * width, 8)};
    const dilations dilation = encoder_dilations(config.output_stride);
    return self(
        "layer", module_list([&](scope& layer, shape x) {
          x = layer(mobile_net_layer<v2_classes>{config.expand_ratio, layer_0_dim, layer_1_dim, 1, 1}, x);
          x = layer(mobile_net_layer<v2_classes>{config.expand_ratio, layer_1_dim, layer_2_dim, 2, 2}, x);
          x = layer(mobilevitv2_layer{config, layer_2_dim, layer_3_dim, attn_unit_dims[0], config.n_attn_blocks[0]}, x);
          x = layer(mobilevitv2_layer{config, layer_3_dim, layer_4_dim, attn_unit_dims[1], config.n_attn_blocks[1],
                                      dilation.layer_4},
                    x);
          return layer(mobilevitv2_layer{config, layer_4_dim, layer_5_dim, attn_unit_dims[2], config.n_attn_blocks[2],
                                         dilation.layer_5},
                       x);
        }),
        hidden_states);
  }
};

// transformers.MobileViTV2Model(config) on pixel_values of (batch_size, num_channels, height,
// width); its output is last_hidden_state (expand_output only adds the pooled output, a torch.mean).
struct v2_model {
  static constexpr std::string_view type_name = "MobileViTV2Model";
  static constexpr std::string_view no_split_modules[] = {
      mobilevitv2_layer::type_name};  // transformers' _no_split_modules
  v2_config config{};

  constexpr shape input_shape() const { return {config.num_channels, config.image_size, config.image_size}; }

  constexpr shape forward(scope& self, const shape& pixel_values) const {
    const shape x = self("conv_stem",
                         conv_layer<v2_classes>{.in_channels = config.num_channels,
                                                .out_channels = v2_layer_0_dim(config.width_multiplier),
                                                .kernel_size = 3,
                                                .stride = 2},
                         pixel_values);
    return self("encoder", v2_encoder{config}, x);
  }
};

// The public checkpoints: apple/mobilevit-small and apple/mobilevitv2-1.0-imagenet1k-256, whose
// configurations are their classes' defaults.
// The builders set the knobs that make them that size (archdesc/builder.hpp); the other knobs are
// the user's: mobilevit_small({.config = {.image_size = 512}}).
constexpr model mobilevit_small(const model& knobs = {}) {
  model net = knobs;
  builder_sets(net, &model::config, &config::hidden_sizes, {144, 192, 240});
  builder_sets(net, &model::config, &config::neck_hidden_sizes, {16, 32, 64, 96, 128, 160, 640});
  return net;
}
constexpr v2_model mobilevitv2_1_0(const v2_model& knobs = {}) {
  v2_model net = knobs;
  builder_sets(net, &v2_model::config, &v2_config::width_multiplier, 1.0);
  return net;
}

inline constexpr named_model<model> named_models[] = {{"mobilevit", mobilevit_small()}};
inline constexpr named_model<v2_model> named_v2_models[] = {{"mobilevitv2", mobilevitv2_1_0()}};

}  // namespace archdesc::mobilevit
