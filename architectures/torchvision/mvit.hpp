// architectures/torchvision/mvit.hpp: torchvision's Multiscale Vision Transformers
// (torchvision/models/video/mvit.py): the MViT class with its knobs (spatial_size, temporal_size,
// block_setting rows as MSBlockConfig, residual_pool, residual_with_cls_embed, rel_pos_embed,
// proj_after_attn, num_classes, the patch embedding's kernel, stride and padding), and the builders
// mvit_v1_b and mvit_v2_s. Inputs are clips (3, T, H, W) of temporal_size frames of spatial_size.
//
//   constexpr auto net = archdesc::mvit::mvit_v2_s();
//   static_assert(archdesc::parameter_count<net> == 34'537'744);
//   static_assert(archdesc::output_shape<net> == archdesc::shape{1, 400});
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>

namespace archdesc::mvit {

// A kernel or stride as torchvision's lists: three sizes (T, H, W), or none (MViT v1's rows
// without query pooling).
using sizes = bounded_list<int, 3>;

// torchvision's MSBlockConfig: one row of block_setting.
struct ms_block_config {
  int num_heads = 1;
  int input_channels = 0;
  int output_channels = 0;
  sizes kernel_q{};
  sizes kernel_kv{};
  sizes stride_q{};
  sizes stride_kv{};
  friend constexpr bool operator==(const ms_block_config&, const ms_block_config&) = default;
};

// torchvision's _prod: 1 for an empty list (sizes set at run time are within 2^20: no overflow).
constexpr std::int64_t product(const sizes& s) {
  std::int64_t p = 1;
  for (const int v : s) p *= v;
  return p;
}

constexpr dhw as_dhw(const sizes& s) { return {s[0], s[1], s[2]}; }
constexpr dhw half_of(const sizes& s) { return {s[0] / 2, s[1] / 2, s[2] / 2}; }

// torchvision's Pool: the tokens but the class token, reshaped to (B * N, C, T, H, W), pooled by
// `pooling` (a grouped Conv3d, or MaxPool3d on the skip path), put back after the class token and
// normalised. Takes (B, N, L, C) or (B, L, C); returns (x, (T, H, W)), the sizes through `pooled`.
template <class Pooling>
struct pool {
  static constexpr std::string_view type_name = "Pool";
  Pooling pooling;
  int norm_channels = 0;  // 0: no norm (norm_act is None)
  dhw thw;
  dhw* pooled = nullptr;

  constexpr shape forward(scope& self, const shape& input) const {
    if (input.rank != 3 && input.rank != 4) {
      self.fail("Unsupported input dimension ", input);
      return input;
    }
    const shape x = input.rank == 3 ? shape{input[0], 1, input[1], input[2]} : input;
    const std::int64_t batch = x[0], groups = x[1], tokens = x[2], channels = x[3];
    if (tokens - 1 != std::int64_t{thw.d} * thw.h * thw.w) {
      self.fail("cannot reshape ", tokens - 1, " tokens to (", thw.d, ", ", thw.h, ", ", thw.w, ")");
      return input;
    }
    const shape y = self("pool", pooling, {batch * groups, channels, thw.d, thw.h, thw.w});
    *pooled = {static_cast<int>(y[2]), static_cast<int>(y[3]), static_cast<int>(y[4])};
    shape out{batch, groups, 1 + y[2] * y[3] * y[4], y[1]};
    if (norm_channels > 0)
      out = self("norm_act", sequential([&](scope& s, const shape& z) { return s(layer_norm{{norm_channels}}, z); }),
                 out);
    if (input.rank == 3) out = {out[0], out[2], out[3]};
    self.returns_pair_with_sizes({pooled->d, pooled->h, pooled->w});
    return out;
  }
};

// The pooling of q, k or v: a Conv3d over each of head_dim channels alone, then LayerNorm.
constexpr pool<conv3d> attention_pool(int head_dim, const sizes& kernel, const sizes& stride, dhw thw, dhw* pooled) {
  return {.pooling = {.in_channels = head_dim,
                      .out_channels = head_dim,
                      .kernel_size = as_dhw(kernel),
                      .stride = as_dhw(stride),
                      .padding = half_of(kernel),
                      .groups = head_dim,
                      .bias = false},
          .norm_channels = head_dim,
          .thw = thw,
          .pooled = pooled};
}

// The knobs every block shares that change its parameters or work, from MViT's constructor
// (residual_pool adds q to the attention's output, of the same shape, and costs no MACs).
struct block_options {
  bool rel_pos_embed = false;
  bool proj_after_attn = false;
  bool attention_dropout = false;  // dropout > 0: the projection ends with a Dropout
};

// torchvision's MultiscaleAttention. input_size is the (T, H, W) MViT's constructor computes for the
// block (its relative position tables' sizes); thw the sizes of the tokens that reach it.
struct multiscale_attention {
  static constexpr std::string_view type_name = "MultiscaleAttention";
  dhw input_size;
  int embed_dim = 0;
  int output_dim = 0;
  ms_block_config cnf;
  block_options options;
  dhw thw;
  dhw* thw_out = nullptr;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 3, "(B, N, C)")) return x;
    if (cnf.num_heads <= 0 || output_dim % cnf.num_heads != 0) {
      self.fail("cannot split ", output_dim, " channels into ", cnf.num_heads, " heads");
      return x;
    }
    if ((product(cnf.kernel_q) > 1 || product(cnf.stride_q) > 1) &&
        (cnf.kernel_q.size() != 3 || cnf.stride_q.size() != 3))
      self.fail("pools q with kernel and stride of three sizes each, has ", static_cast<int>(cnf.kernel_q.size()),
                " and ", static_cast<int>(cnf.stride_q.size()));
    if ((product(cnf.kernel_kv) > 1 || product(cnf.stride_kv) > 1) &&
        (cnf.kernel_kv.size() != 3 || cnf.stride_kv.size() != 3))
      self.fail("pools k and v with kernel and stride of three sizes each, has ",
                static_cast<int>(cnf.kernel_kv.size()), " and ", static_cast<int>(cnf.stride_kv.size()));
    const int head_dim = output_dim / cnf.num_heads;
    const std::int64_t batch = x[0], tokens = x[1];
    if (options.rel_pos_embed) {
      const int size = input_size.h > input_size.w ? input_size.h : input_size.w;
      // The tables are sized by the height strides, stride[1] (an IndexError or a
      // ZeroDivisionError in torchvision otherwise).
      for (const sizes& stride : {cnf.stride_q, cnf.stride_kv})
        if (!stride.empty() && (stride.size() < 2 || stride[1] <= 0)) {
          self.fail(
              "sizes its relative positions by a positive height stride, stride[1], of each of stride_q and stride_kv");
          return x;
        }
      const int q_size = cnf.stride_q.empty() ? size : size / cnf.stride_q[1];
      const int kv_size = cnf.stride_kv.empty() ? size : size / cnf.stride_kv[1];
      const int spatial_dim = 2 * (q_size > kv_size ? q_size : kv_size) - 1;
      self.parameter("rel_pos_h", {spatial_dim, head_dim});
      self.parameter("rel_pos_w", {spatial_dim, head_dim});
      self.parameter("rel_pos_t", {2 * input_size.d - 1, head_dim});
    }
    const shape qkv = self("qkv", linear{.in_features = embed_dim, .out_features = 3 * output_dim}, x);
    const auto project = self.declare("project", sequential([this](scope& s, shape y) {
                                        y = s(linear{.in_features = output_dim, .out_features = output_dim}, y);
                                        if (options.attention_dropout) y = s(dropout, y);
                                        return y;
                                      }),
                                      {batch, tokens, output_dim});
    // q, k and v: (B, num_heads, N, head_dim); pool_q is registered before pool_k, called after pool_v.
    const shape heads{batch, cnf.num_heads, qkv[1], head_dim};
    dhw q_thw = thw, k_thw = thw, v_thw = thw;
    using pool_layer = declared_child<pool<conv3d>>;
    std::optional<pool_layer> pool_q, pool_k, pool_v;
    if (product(cnf.kernel_q) > 1 || product(cnf.stride_q) > 1)
      pool_q = self.declare("pool_q", attention_pool(head_dim, cnf.kernel_q, cnf.stride_q, thw, &q_thw), heads);
    if (product(cnf.kernel_kv) > 1 || product(cnf.stride_kv) > 1) {
      pool_k = self.declare("pool_k", attention_pool(head_dim, cnf.kernel_kv, cnf.stride_kv, thw, &k_thw), heads);
      pool_v = self.declare("pool_v", attention_pool(head_dim, cnf.kernel_kv, cnf.stride_kv, thw, &v_thw), heads);
    }
    q_thw = k_thw = v_thw = thw;  // declaring ran the pools: their sizes come from the calls below
    const shape k = pool_k ? (*pool_k)(heads) : heads;
    const shape v = pool_v ? (*pool_v)(heads) : heads;
    const shape q = pool_q ? (*pool_q)(heads) : heads;
    // attn = (scaler * q) @ k^T, then attn @ v
    self.count_macs(checked_add(checked_mul(q.elements(), k[2]), checked_mul(q.elements(), v[2])));
    if (options.rel_pos_embed) {  // _add_rel_pos: two einsums over H and W, a matmul over T
      const std::int64_t per_query = std::int64_t{k_thw.h} + k_thw.w + k_thw.d;
      self.count_macs(checked_mul(checked_mul(batch * cnf.num_heads, std::int64_t{q_thw.d} * q_thw.h * q_thw.w),
                                  per_query * head_dim));
    }
    *thw_out = q_thw;
    self.returns_pair_with_sizes({q_thw.d, q_thw.h, q_thw.w});
    return project({batch, q[2], output_dim});
  }
};

// torchvision's MultiscaleBlock: attention with pooling, a skip path pooled alike, an MLP, and a
// projection where the channels change (after the attention or after norm2).
struct multiscale_block {
  static constexpr std::string_view type_name = "MultiscaleBlock";
  dhw input_size;
  ms_block_config cnf;
  block_options options;
  dhw thw;
  dhw* thw_out = nullptr;

  constexpr shape forward(scope& self, const shape& x) const {
    if (!self.expect_rank(x, 3, "(B, N, C)")) return x;
    const int attn_dim = options.proj_after_attn ? cnf.output_channels : cnf.input_channels;
    const bool has_project = cnf.input_channels != cnf.output_channels;
    const shape tokens_of = {x[0], x[1], attn_dim};
    // Registered in this order; called as forward goes.
    const shape x_norm1 = self("norm1", layer_norm{{cnf.input_channels}}, x);
    const auto norm2 = self.declare("norm2", layer_norm{{attn_dim}}, tokens_of);
    dhw thw_new = thw;
    const shape x_attn = self(
        "attn", multiscale_attention{input_size, cnf.input_channels, attn_dim, cnf, options, thw, &thw_new}, x_norm1);
    const auto mlp = self.declare(
        "mlp",
        torchvision::mlp{
            .in_channels = attn_dim, .hidden_channels = {4 * attn_dim, cnf.output_channels}, .activation_layer = &gelu},
        tokens_of);
    std::optional<declared_child<linear>> project;
    if (has_project)
      project = self.declare("project", linear{.in_features = cnf.input_channels, .out_features = cnf.output_channels},
                             x_norm1);
    shape skip = has_project && options.proj_after_attn ? (*project)(x_norm1) : x;
    if (product(cnf.stride_q) > 1 && cnf.stride_q.size() == 3) {
      const auto skip_kernel = [](int stride) { return stride > 1 ? stride + 1 : stride; };
      const dhw kernel{skip_kernel(cnf.stride_q[0]), skip_kernel(cnf.stride_q[1]), skip_kernel(cnf.stride_q[2])};
      dhw skipped = thw;
      skip = self(
          "pool_skip",
          pool<pool3d>{.pooling = max_pool3d(kernel, as_dhw(cnf.stride_q), {kernel.d / 2, kernel.h / 2, kernel.w / 2}),
                       .thw = thw,
                       .pooled = &skipped},
          skip);
    }
    const shape y = self.add(skip, self("stochastic_depth", torchvision::stochastic_depth, x_attn));
    const shape x_norm2 = norm2(y);
    const shape x_proj = has_project && !options.proj_after_attn ? (*project)(x_norm2) : y;
    const shape out = self.add(x_proj, self("stochastic_depth", torchvision::stochastic_depth, mlp(x_norm2)));
    *thw_out = thw_new;
    self.returns_pair_with_sizes({thw_new.d, thw_new.h, thw_new.w});
    return out;
  }
};

// torchvision's PositionalEncoding: the class token, and in MViT v1 (without relative position
// embeddings) learnt spatial, temporal and class positions added to the tokens.
struct positional_encoding {
  static constexpr std::string_view type_name = "PositionalEncoding";
  int embed_size = 0;
  hw spatial_size;
  int temporal_size = 0;
  bool rel_pos_embed = false;

  constexpr shape forward(scope& self, const shape& x) const {
    self.parameter("class_token", {embed_size});
    if (!self.expect_rank(x, 3, "(B, N, C)")) return x;
    const shape y = self.cat({{x[0], 1, embed_size}, x}, 1);
    if (rel_pos_embed) return y;
    self.parameter("spatial_pos", {std::int64_t{spatial_size.h} * spatial_size.w, embed_size});
    self.parameter("temporal_pos", {temporal_size, embed_size});
    self.parameter("class_pos", {embed_size});
    const shape positions{1, 1 + std::int64_t{temporal_size} * spatial_size.h * spatial_size.w, embed_size};
    if (!(self.add(y, positions) == y))
      self.fail("cannot add positions ", positions, " to the tokens ", y, " in place");
    return y;
  }
};

// torchvision.models.video.MViT, with its constructor's knobs. residual_pool,
// residual_with_cls_embed, dropout and stochastic_depth_prob change no name, shape or MAC count;
// norm_layer is LayerNorm(eps=1e-6).
struct model {
  static constexpr std::string_view type_name = "MViT";
  hw spatial_size{224, 224};
  int temporal_size = 16;
  bounded_list<ms_block_config, 24> block_setting{};
  bool residual_pool = false;
  bool residual_with_cls_embed = true;
  bool rel_pos_embed = false;
  bool proj_after_attn = false;
  real dropout = 0.5;
  real attention_dropout = 0.0;
  real stochastic_depth_prob = 0.0;
  int num_classes = 400;
  dhw patch_embed_kernel{3, 7, 7};
  dhw patch_embed_stride{2, 4, 4};
  dhw patch_embed_padding{1, 3, 3};

  // A clip of temporal_size frames of spatial_size, the sizes the positions are made for.
  constexpr shape input_shape() const { return {3, temporal_size, spatial_size.h, spatial_size.w}; }

  constexpr shape forward(scope& self, shape x) const {
    if (block_setting.empty()) {
      self.fail("The configuration parameter can't be empty.");
      return x;
    }
    if (block_setting.size() == 1) {  // torchvision's constructor: a ZeroDivisionError
      self.fail("spreads stochastic_depth_prob over the blocks but the first, so needs 2 blocks or more, has 1");
      return x;
    }
    const int embed = block_setting[0].input_channels;
    if (patch_embed_stride.d <= 0 || patch_embed_stride.h <= 0 || patch_embed_stride.w <= 0) {
      // torchvision's constructor divides the clip's sizes by it: a ZeroDivisionError for 0
      self.fail("patch_embed_stride must be positive, is (", patch_embed_stride.d, ", ", patch_embed_stride.h, ", ",
                patch_embed_stride.w, ")");
      return x;
    }
    x = self("conv_proj",
             conv3d{.in_channels = 3,
                    .out_channels = embed,
                    .kernel_size = patch_embed_kernel,
                    .stride = patch_embed_stride,
                    .padding = patch_embed_padding},
             x);
    if (x.rank != 5) return x;
    x = {x[0], x[2] * x[3] * x[4], x[1]};  // flatten(2).transpose(1, 2)
    // The sizes the constructor computes, for the positions and the relative position tables.
    dhw input_size{temporal_size / patch_embed_stride.d, spatial_size.h / patch_embed_stride.h,
                   spatial_size.w / patch_embed_stride.w};
    x = self("pos_encoding", positional_encoding{embed, {input_size.h, input_size.w}, input_size.d, rel_pos_embed}, x);
    const block_options options{rel_pos_embed, proj_after_attn, attention_dropout > 0};
    x = self("blocks", module_list([&](scope& blocks, shape y) {
               dhw thw = input_size;
               for (const ms_block_config& cnf : block_setting) {
                 y = blocks(multiscale_block{input_size, cnf, options, thw, &thw}, y);
                 if (cnf.stride_q.size() != 3) continue;
                 if (product(cnf.stride_q) == 0) {  // torchvision's constructor: a ZeroDivisionError
                   blocks.fail("divides the sizes by stride_q, which holds a zero: (", cnf.stride_q[0], ", ",
                               cnf.stride_q[1], ", ", cnf.stride_q[2], ")");
                   return y;
                 }
                 input_size = {input_size.d / cnf.stride_q[0], input_size.h / cnf.stride_q[1],
                               input_size.w / cnf.stride_q[2]};
               }
               return y;
             }),
             x);
    const int channels = block_setting[block_setting.size() - 1].output_channels;
    x = self("norm", layer_norm{{channels}}, x);
    x = {x[0], x[2]};  // the class token
    return self("head", sequential([&](scope& s, shape y) {
                  y = s(archdesc::dropout, y);
                  return s(linear{.in_features = channels, .out_features = num_classes}, y);
                }),
                x);
  }
};

// A builder's config: 16 rows; kernel_kv is 3x3x3 and stride_kv (1, s, s) in every row, kernel_q
// 3x3x3 and stride_q (1, s, s) where the row pools q.
struct builder_config {
  int num_heads[16];
  int input_channels[16];
  int output_channels[16];
  bool pools_q[16];
  int stride_q[16];
  int stride_kv[16];
};

constexpr bounded_list<ms_block_config, 24> block_setting_of(const builder_config& config) {
  bounded_list<ms_block_config, 24> rows;
  for (int i = 0; i < 16; ++i) {
    ms_block_config& row = rows.items[rows.count++];
    row = {.num_heads = config.num_heads[i],
           .input_channels = config.input_channels[i],
           .output_channels = config.output_channels[i],
           .kernel_kv = {3, 3, 3},
           .stride_kv = {1, config.stride_kv[i], config.stride_kv[i]}};
    if (config.pools_q[i]) {
      row.kernel_q = {3, 3, 3};
      row.stride_q = {1, config.stride_q[i], config.stride_q[i]};
    }
  }
  return rows;
}

// mvit_v1_b's config: q pooled, by 2, in rows 1, 3 and 14 only.
inline constexpr builder_config mvit_v1_b_config{
    .num_heads = {1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8},
    .input_channels = {96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768},
    .output_channels = {192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768, 768},
    .pools_q = {false, true, false, true, false, false, false, false, false, false, false, false, false, false, true,
                false},
    .stride_q = {0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0},
    .stride_kv = {8, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1},
};

// mvit_v2_s's config: q pooled in every row, strided in rows 1, 3 and 14.
inline constexpr builder_config mvit_v2_s_config{
    .num_heads = {1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8},
    .input_channels = {96, 96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768},
    .output_channels = {96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768},
    .pools_q = {true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true},
    .stride_q = {1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1},
    .stride_kv = {8, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1},
};

// torchvision's _mvit, as the builders of mvit.py call it: each builder sets block_setting, the clip
// size (spatial_size, temporal_size: torchvision's builders raise a TypeError for another; the model
// class takes any), residual_pool and residual_with_cls_embed itself, and mvit_v2_s also
// rel_pos_embed and proj_after_attn (mvit_v1_b leaves those two to the caller, False by default);
// stochastic_depth_prob is 0.2 unless given. The others are the caller's
// (mvit_v2_s({.num_classes = 10})). The published Kinetics-400 weights load into the default layouts.
constexpr model mvit_v1_b(model knobs = {}) {
  builder_sets(knobs, &model::block_setting, block_setting_of(mvit_v1_b_config));
  builder_sets(knobs, &model::spatial_size, hw{224, 224});
  builder_sets(knobs, &model::temporal_size, 16);
  builder_sets(knobs, &model::residual_pool, false);
  builder_sets(knobs, &model::residual_with_cls_embed, false);
  builder_defaults(knobs, &model::stochastic_depth_prob, real{0.2});
  return knobs;
}

constexpr model mvit_v2_s(model knobs = {}) {
  builder_sets(knobs, &model::block_setting, block_setting_of(mvit_v2_s_config));
  builder_sets(knobs, &model::spatial_size, hw{224, 224});
  builder_sets(knobs, &model::temporal_size, 16);
  builder_sets(knobs, &model::residual_pool, true);
  builder_sets(knobs, &model::residual_with_cls_embed, false);
  builder_sets(knobs, &model::rel_pos_embed, true);
  builder_sets(knobs, &model::proj_after_attn, true);
  builder_defaults(knobs, &model::stochastic_depth_prob, real{0.2});
  return knobs;
}

inline constexpr named_model<model> named_models[] = {
    {"mvit_v1_b", mvit_v1_b()},
    {"mvit_v2_s", mvit_v2_s()},
};

}  // namespace archdesc::mvit
