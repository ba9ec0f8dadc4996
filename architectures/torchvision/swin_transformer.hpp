// architectures/torchvision/swin_transformer.hpp: torchvision's SwinTransformer, v1 and v2
// (torchvision/models/swin_transformer.py), with the knobs of its class.
//
//   constexpr auto net = archdesc::swin_transformer::swin_t();
//   static_assert(archdesc::parameter_count<net> == 28'288'354);
//   constexpr archdesc::swin_transformer::model mine{.embed_dim = 64, .depths = {2, 2, 2}, .num_heads = {2, 4, 8},
//   .num_classes = 10};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::swin_transformer {

// The block and downsample_layer classes torchvision's constructor takes.
enum class block_type { swin_transformer_block, swin_transformer_block_v2 };
enum class downsample_layer_type { patch_merging, patch_merging_v2 };

// torchvision's _patch_merging_pad: [..., H, W, C] -> [..., H/2, W/2, 4*C], an odd side padded by one.
constexpr shape patch_merging_pad(scope& self, shape x) {
  if (x.rank < 3) {
    self.fail("expects an input [..., H, W, C], receives ", x);
    return x;
  }
  x[-3] = (x[-3] + 1) / 2;
  x[-2] = (x[-2] + 1) / 2;
  x[-1] = 4 * x[-1];
  return x;
}

// nn.LayerNorm (eps=1e-5), torchvision's norm_layer.
constexpr layer_norm norm_layer(int dim) { return {.normalized_shape = {dim}}; }

// Patch Merging Layer: norm, then reduction (registered in the other order).
struct patch_merging {
  static constexpr std::string_view type_name = "PatchMerging";
  int dim = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = patch_merging_pad(self, x);
    const auto reduction =
        self.declare("reduction", linear{.in_features = 4 * dim, .out_features = 2 * dim, .bias = false}, x);
    x = self("norm", norm_layer(4 * dim), x);
    return reduction(x);  // ... H/2 W/2 2*C
  }
};

// Patch Merging Layer for Swin Transformer V2: reduction, then a norm over 2 * dim.
struct patch_merging_v2 {
  static constexpr std::string_view type_name = "PatchMergingV2";
  int dim = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = patch_merging_pad(self, x);
    x = self("reduction", linear{.in_features = 4 * dim, .out_features = 2 * dim, .bias = false},
             x);  // ... H/2 W/2 2*C
    return self("norm", norm_layer(2 * dim), x);
  }
};

// ShiftedWindowAttention, and with V2 ShiftedWindowAttentionV2 (cosine attention with a learned
// logit scale, and a relative position bias made by an MLP from the relative coordinates).
// shifted_window_attention applies qkv and proj through F.linear.
template <bool V2>
struct shifted_window_attention {
  static constexpr std::string_view type_name = V2 ? "ShiftedWindowAttentionV2" : "ShiftedWindowAttention";
  int dim = 0;
  hw window_size = 7;
  int num_heads = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    // relative coordinates (2*Wh-1) x (2*Ww-1)
    const std::int64_t relative_h = 2 * window_size.h - 1, relative_w = 2 * window_size.w - 1;
    const std::int64_t tokens = static_cast<std::int64_t>(window_size.h) * window_size.w;
    if (V2) {
      self.parameter("logit_scale", {num_heads, 1, 1});
      self.buffer("relative_coords_table", {1, relative_h, relative_w, 2});
    } else {
      self.parameter("relative_position_bias_table", {relative_h * relative_w, num_heads});
    }
    self.buffer("relative_position_index", {tokens * tokens}, dtype::int64);  // flattened
    if (!self.expect_rank(x, 4, "[B, H, W, C]")) return x;
    if (x[3] != dim) self.fail("expects ", dim, " channels, receives ", x);
    if (window_size.h <= 0 || window_size.w <= 0) {  // Python's ZeroDivisionError when padding to windows
      self.fail("window_size must be positive, receives (", window_size.h, ", ", window_size.w, ")");
      return x;
    }
    if (num_heads <= 0 || dim % num_heads != 0)
      self.fail("dim = ", dim, " is not divisible by num_heads = ", num_heads);

    // pad feature maps to multiples of window size, and partition windows: B*nW, Wh*Ww, C
    const std::int64_t pad_h = (x[1] + window_size.h - 1) / window_size.h * window_size.h;
    const std::int64_t pad_w = (x[2] + window_size.w - 1) / window_size.w * window_size.w;
    const std::int64_t num_windows = pad_h / window_size.h * (pad_w / window_size.w);
    const shape windows{x[0] * num_windows, tokens, dim};

    self.functional("qkv", linear{.in_features = dim, .out_features = 3 * dim}, windows);
    // Q·Kᵀ and A·V of every head of every window
    self.count_macs(checked_mul(2 * windows[0], checked_mul(tokens * tokens, dim)));
    self.functional("proj", linear{.in_features = dim, .out_features = dim}, windows);
    if (V2) {
      // mlp to generate continuous relative position bias, called before the attention
      self("cpb_mlp", sequential([&](scope& cpb_mlp, shape table) {
             table = cpb_mlp(linear{.in_features = 2, .out_features = 512}, table);
             table = cpb_mlp(relu, table);
             return cpb_mlp(linear{.in_features = 512, .out_features = num_heads, .bias = false}, table);
           }),
           shape{1, relative_h, relative_w, 2});
    }
    return x;  // the windows reversed and the padding removed
  }
};

// Swin Transformer Block, and with V2 Swin Transformer V2 Block (res-post-norm: norm1 and norm2
// are registered before, but applied after, attn and mlp).
template <bool V2>
struct swin_transformer_block {
  static constexpr std::string_view type_name = V2 ? "SwinTransformerBlockV2" : "SwinTransformerBlock";
  int dim = 0;
  int num_heads = 0;
  hw window_size = 7;
  real mlp_ratio = 4.0;

  constexpr torchvision::mlp mlp_block() const {
    return {.in_channels = dim, .hidden_channels = {checked_int(dim * mlp_ratio), dim}, .activation_layer = &gelu};
  }

  constexpr shape forward(scope& self, shape x) const {
    const shifted_window_attention<V2> attn{dim, window_size, num_heads};
    const torchvision::mlp mlp = mlp_block();
    if (!V2) {
      x = self.add(x, self("stochastic_depth", torchvision::stochastic_depth,
                           self("attn", attn, self("norm1", norm_layer(dim), x))));
      return self.add(x, self("stochastic_depth", torchvision::stochastic_depth,
                              self("mlp", mlp, self("norm2", norm_layer(dim), x))));
    }
    const auto norm1 = self.declare("norm1", norm_layer(dim), x);
    x = self.add(x, self("stochastic_depth", torchvision::stochastic_depth, norm1(self("attn", attn, x))));
    const auto norm2 = self.declare("norm2", norm_layer(dim), x);
    const shape y = norm2(self("mlp", mlp, x));
    return self.add(x, self("stochastic_depth", torchvision::stochastic_depth, y));
  }
};

// torchvision.models.SwinTransformer, with its constructor's knobs (dropout and stochastic depth
// rates and the norm layer change no name or shape). Defaults: swin_t.
struct model {
  static constexpr std::string_view type_name = "SwinTransformer";
  hw patch_size = 4;
  int embed_dim = 96;
  bounded_list<int, 8> depths{2, 2, 6, 2};
  bounded_list<int, 8> num_heads{3, 6, 12, 24};
  hw window_size = 7;
  real mlp_ratio = 4.0;
  int num_classes = 1000;
  block_type block = block_type::swin_transformer_block;
  downsample_layer_type downsample_layer = downsample_layer_type::patch_merging;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    if (depths.empty() || num_heads.size() < depths.size()) {
      self.fail("expects a num_heads for each of the ", static_cast<int>(depths.size()), " stages, receives ",
                static_cast<int>(num_heads.size()));
      return x;
    }
    const int stages = static_cast<int>(depths.size());
    x = self("features", sequential([&](scope& layers, shape y) {
               // split image into non-overlapping patches
               y = layers(sequential([&](scope& patches, shape z) {
                            z = patches(conv2d{.in_channels = 3,
                                               .out_channels = embed_dim,
                                               .kernel_size = patch_size,
                                               .stride = patch_size},
                                        z);
                            z = patches(permute{{0, 2, 3, 1}}, z);
                            return patches(norm_layer(embed_dim), z);
                          }),
                          y);
               // build SwinTransformer blocks
               for (int i_stage = 0; i_stage < stages; ++i_stage) {
                 const int dim = embed_dim * (1 << i_stage);
                 y = layers(
                     sequential([&](scope& stage, shape z) {
                       for (int i_layer = 0; i_layer < depths[i_stage]; ++i_layer) {
                         if (block == block_type::swin_transformer_block) {
                           z = stage(swin_transformer_block<false>{dim, num_heads[i_stage], window_size, mlp_ratio}, z);
                         } else {
                           z = stage(swin_transformer_block<true>{dim, num_heads[i_stage], window_size, mlp_ratio}, z);
                         }
                       }
                       return z;
                     }),
                     y);
                 // add patch merging layer
                 if (i_stage < stages - 1) {
                   if (downsample_layer == downsample_layer_type::patch_merging) {
                     y = layers(patch_merging{dim}, y);
                   } else {
                     y = layers(patch_merging_v2{dim}, y);
                   }
                 }
               }
               return y;
             }),
             x);
    const int num_features = embed_dim * (1 << (stages - 1));
    x = self("norm", norm_layer(num_features), x);
    x = self("permute", permute{{0, 3, 1, 2}}, x);
    x = self("avgpool", adaptive_avg_pool2d(1), x);
    x = self("flatten", flatten{1}, x);
    return self("head", linear{.in_features = num_features, .out_features = num_classes}, x);
  }
};

// The builders of torchvision's swin_transformer.py: each takes the model's knobs, as torchvision's
// take keyword arguments (swin_t({.num_classes = 10})), and sets patch_size, embed_dim, depths,
// num_heads and window_size itself (torchvision's _swin_transformer); the V2 builders set block and
// downsample_layer too, and default input to the 256 crop of their first ImageNet weights (the
// model runs at any size).
constexpr model swin_transformer(int embed_dim, const bounded_list<int, 8>& depths,
                                 const bounded_list<int, 8>& num_heads, int window_size, model knobs) {
  builder_sets(knobs, &model::patch_size, 4);
  builder_sets(knobs, &model::embed_dim, embed_dim);
  builder_sets(knobs, &model::depths, depths);
  builder_sets(knobs, &model::num_heads, num_heads);
  builder_sets(knobs, &model::window_size, window_size);
  return knobs;
}
constexpr model swin_transformer_v2(int embed_dim, const bounded_list<int, 8>& depths,
                                    const bounded_list<int, 8>& num_heads, model knobs) {
  knobs = swin_transformer(embed_dim, depths, num_heads, 8, knobs);
  builder_sets(knobs, &model::block, block_type::swin_transformer_block_v2);
  builder_sets(knobs, &model::downsample_layer, downsample_layer_type::patch_merging_v2);
  builder_defaults(knobs, &model::input, {3, 256, 256});
  return knobs;
}

constexpr model swin_t(const model& knobs = {}) { return swin_transformer(96, {2, 2, 6, 2}, {3, 6, 12, 24}, 7, knobs); }
constexpr model swin_s(const model& knobs = {}) {
  return swin_transformer(96, {2, 2, 18, 2}, {3, 6, 12, 24}, 7, knobs);
}
constexpr model swin_b(const model& knobs = {}) {
  return swin_transformer(128, {2, 2, 18, 2}, {4, 8, 16, 32}, 7, knobs);
}
constexpr model swin_v2_t(const model& knobs = {}) {
  return swin_transformer_v2(96, {2, 2, 6, 2}, {3, 6, 12, 24}, knobs);
}
constexpr model swin_v2_s(const model& knobs = {}) {
  return swin_transformer_v2(96, {2, 2, 18, 2}, {3, 6, 12, 24}, knobs);
}
constexpr model swin_v2_b(const model& knobs = {}) {
  return swin_transformer_v2(128, {2, 2, 18, 2}, {4, 8, 16, 32}, knobs);
}

// The builders of torchvision's swin_transformer.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"swin_t", swin_t()},       {"swin_s", swin_s()},       {"swin_b", swin_b()},
    {"swin_v2_t", swin_v2_t()}, {"swin_v2_s", swin_v2_s()}, {"swin_v2_b", swin_v2_b()},
};

}  // namespace archdesc::swin_transformer
