// architectures/torchvision/vision_transformer.hpp: torchvision's VisionTransformer
// (torchvision/models/vision_transformer.py), with the knobs of its class.
//
//   constexpr auto net = archdesc::vision_transformer::vit_b_16();
//   static_assert(archdesc::parameter_count<net> == 86'567'656);
//   constexpr archdesc::vision_transformer::model small{.image_size = 64, .patch_size = 16, .num_layers = 2,
//       .num_heads = 4, .hidden_dim = 64, .mlp_dim = 128, .num_classes = 10};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace archdesc::vision_transformer {

// ViT's MLPBlock: torchvision's MLP with hidden sizes [mlp_dim, in_dim] and GELU.
constexpr torchvision::mlp mlp_block(int in_dim, int mlp_dim) {
  return {
      .type_name = "MLPBlock", .in_channels = in_dim, .hidden_channels = {mlp_dim, in_dim}, .activation_layer = &gelu};
}

// LayerNorm(eps=1e-6): the epsilon changes no name or shape.
constexpr layer_norm norm_layer(int hidden_dim) { return {.normalized_shape = {hidden_dim}}; }

// Transformer encoder block.
struct encoder_block {
  static constexpr std::string_view type_name = "EncoderBlock";
  int num_heads = 0;
  int hidden_dim = 0;
  int mlp_dim = 0;

  constexpr shape forward(scope& self, const shape& input) const {
    if (!self.expect_rank(input, 3, "(batch_size, seq_length, hidden_dim)")) return input;
    // Attention block
    shape x = self("ln_1", norm_layer(hidden_dim), input);
    x = self("self_attention",
             multihead_attention{.embed_dim = hidden_dim, .num_heads = num_heads, .batch_first = true}, x);
    x = self("dropout", dropout, x);
    x = self.add(x, input);
    // MLP block
    shape y = self("ln_2", norm_layer(hidden_dim), x);
    y = self("mlp", mlp_block(hidden_dim, mlp_dim), y);
    return self.add(x, y);
  }
};

// Transformer Model Encoder for sequence to sequence translation.
struct encoder {
  static constexpr std::string_view type_name = "Encoder";
  int seq_length = 0;
  int num_layers = 0;
  int num_heads = 0;
  int hidden_dim = 0;
  int mlp_dim = 0;

  constexpr shape forward(scope& self, shape x) const {
    if (!self.expect_rank(x, 3, "(batch_size, seq_length, hidden_dim)")) return x;
    // batch_size is on the first dim because nn.MultiheadAttention has batch_first=True
    self.parameter("pos_embedding", {1, seq_length, hidden_dim});
    x = self.add(x, {1, seq_length, hidden_dim});
    x = self("dropout", dropout, x);
    x = self("layers", sequential([&](scope& layers, shape y) {
               for (int i = 0; i < num_layers; ++i)
                 y = layers(child_name("encoder_layer_", i), encoder_block{num_heads, hidden_dim, mlp_dim}, y);
               return y;
             }),
             x);
    return self("ln", norm_layer(hidden_dim), x);
  }
};

// One layer of a convolutional stem (ConvStemConfig): Conv2dNormActivation with BatchNorm2d and
// ReLU by default.
struct conv_stem_config {
  int out_channels = 0;
  int kernel_size = 3;
  int stride = 1;
  torchvision::norm_layer norm = torchvision::norm_layer::batch_norm2d;
  const elementwise* activation_layer = &relu;
};

// torchvision.models.VisionTransformer, with its constructor's knobs (dropout rates and the norm
// layer change no name or shape). representation_size 0 means None.
struct model {
  static constexpr std::string_view type_name = "VisionTransformer";
  int image_size = 224;
  int patch_size = 16;
  int num_layers = 12;
  int num_heads = 12;
  int hidden_dim = 768;
  int mlp_dim = 3072;
  int num_classes = 1000;
  int representation_size = 0;
  bounded_list<conv_stem_config, 8> conv_stem_configs{};  // empty: None, a patchifying Conv2d

  // torchvision asserts an input of (3, image_size, image_size).
  constexpr shape input_shape() const { return {3, image_size, image_size}; }

  constexpr shape forward(scope& self, shape x) const {
    if (patch_size <= 0 || image_size % patch_size != 0) {
      self.fail("Input shape indivisible by patch size! image_size = ", image_size, ", patch_size = ", patch_size);
      return x;
    }
    if (!self.expect_rank(x, 4, "(N, C, H, W)")) return x;
    if (x[2] != image_size) self.fail("Wrong image height! Expected ", image_size, " but got ", x[2], "!");
    if (x[3] != image_size) self.fail("Wrong image width! Expected ", image_size, " but got ", x[3], "!");
    const std::int64_t n = x[0], n_h = x[2] / patch_size, n_w = x[3] / patch_size;
    const int seq_length = image_size / patch_size * (image_size / patch_size) + 1;  // with the class token

    // _process_input: (n, c, h, w) -> (n, hidden_dim, n_h, n_w) -> (n, n_h * n_w, hidden_dim)
    if (conv_stem_configs.empty()) {
      x = self("conv_proj",
               conv2d{.in_channels = 3, .out_channels = hidden_dim, .kernel_size = patch_size, .stride = patch_size},
               x);
    } else {  // the convolutional stem of https://arxiv.org/abs/2106.14881
      x = self("conv_proj", sequential(*this, &model::conv_stem), x);
    }
    if (x.elements() != n * hidden_dim * n_h * n_w)
      self.fail("cannot reshape ", x, " to (", n, ", ", hidden_dim, ", ", n_h * n_w, ")");
    x = {n, n_h * n_w, hidden_dim};

    // Expand the class token to the full batch
    self.parameter("class_token", {1, 1, hidden_dim});
    x = self.cat({{n, 1, hidden_dim}, x}, 1);
    x = self("encoder", encoder{seq_length, num_layers, num_heads, hidden_dim, mlp_dim}, x);
    // Classifier "token" as used by standard language architectures
    x = {x[0], x[2]};
    return self("heads", sequential([&](scope& heads, shape y) {
                  if (representation_size == 0)
                    return heads("head", linear{.in_features = hidden_dim, .out_features = num_classes}, y);
                  y = heads("pre_logits", linear{.in_features = hidden_dim, .out_features = representation_size}, y);
                  y = heads("act", tanh, y);
                  return heads("head", linear{.in_features = representation_size, .out_features = num_classes}, y);
                }),
                x);
  }

  // The convolutional stem: seq_proj, which torchvision registers as conv_proj.
  constexpr shape conv_stem(scope& seq_proj, shape y) const {
    int prev_channels = 3;
    for (std::size_t i = 0; i < conv_stem_configs.size(); ++i) {
      const conv_stem_config& layer = conv_stem_configs[i];
      y = seq_proj(child_name("conv_bn_relu_", static_cast<std::int64_t>(i)),
                   torchvision::conv2d_norm_activation{.in_channels = prev_channels,
                                                       .out_channels = layer.out_channels,
                                                       .kernel_size = layer.kernel_size,
                                                       .stride = layer.stride,
                                                       .norm = layer.norm,
                                                       .activation_layer = layer.activation_layer},
                   y);
      prev_channels = layer.out_channels;
    }
    return seq_proj("conv_last", conv2d{.in_channels = prev_channels, .out_channels = hidden_dim}, y);
  }
};

// What memory planning needs (archdesc/memory.hpp): an encoder of the patches and the class token.
constexpr transformer_geometry geometry_of(const model& net) {
  const int patches_per_side = net.patch_size > 0 ? net.image_size / net.patch_size : 0;
  return {.layers = net.num_layers,
          .hidden_size = net.hidden_dim,
          .attention_heads = net.num_heads,
          .context = patches_per_side * patches_per_side + 1,
          .cache = encoder_caches_nothing};
}

// The builders of torchvision's vision_transformer.py: each takes the model's knobs, as
// torchvision's take keyword arguments (vit_b_16({.num_classes = 10})), and sets patch_size,
// num_layers, num_heads, hidden_dim and mlp_dim itself (torchvision's _vision_transformer).
constexpr model vision_transformer(int patch_size, int num_layers, int num_heads, int hidden_dim, int mlp_dim,
                                   model knobs) {
  builder_sets(knobs, &model::patch_size, patch_size);
  builder_sets(knobs, &model::num_layers, num_layers);
  builder_sets(knobs, &model::num_heads, num_heads);
  builder_sets(knobs, &model::hidden_dim, hidden_dim);
  builder_sets(knobs, &model::mlp_dim, mlp_dim);
  return knobs;
}

constexpr model vit_b_16(const model& knobs = {}) { return vision_transformer(16, 12, 12, 768, 3072, knobs); }
constexpr model vit_b_32(const model& knobs = {}) { return vision_transformer(32, 12, 12, 768, 3072, knobs); }
constexpr model vit_l_16(const model& knobs = {}) { return vision_transformer(16, 24, 16, 1024, 4096, knobs); }
constexpr model vit_l_32(const model& knobs = {}) { return vision_transformer(32, 24, 16, 1024, 4096, knobs); }
constexpr model vit_h_14(const model& knobs = {}) { return vision_transformer(14, 32, 16, 1280, 5120, knobs); }

// The builders of torchvision's vision_transformer.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"vit_b_16", vit_b_16()}, {"vit_b_32", vit_b_32()}, {"vit_l_16", vit_l_16()},
    {"vit_l_32", vit_l_32()}, {"vit_h_14", vit_h_14()},
};

}  // namespace archdesc::vision_transformer
