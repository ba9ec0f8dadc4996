// architectures/transformers/deepseek.hpp: Hugging Face transformers' DeepSeek-V3
// (src/transformers/models/deepseek_v3/modeling_deepseek_v3.py and configuration_deepseek_v3.py, v4.51,
// 2025) and DeepSeek-V2 (models/deepseek_v2/modeling_deepseek_v2.py, v4.57, 2025):
// DeepseekV3ForCausalLM and DeepseekV2ForCausalLM with the knobs of their configs, on a sequence of
// token ids, and for --hf-config their base models and sequence classifiers (DeepseekV3Model,
// DeepseekV3ForSequenceClassification ...). DeepSeek-V2-Lite is the family's small model.
//
//   constexpr auto net = archdesc::deepseek::deepseek_v3();
//   static_assert(archdesc::parameter_count<net> == 671'026'404'352);        // 256 routed experts in 58 layers
//   static_assert(archdesc::active_parameter_count<net> == 37'552'282'624);  // 8 of them per token
//   constexpr auto lite = archdesc::deepseek::deepseek_v2_lite({.config = {.max_position_embeddings = 8192}});
//   static_assert(lite.config.n_routed_experts == 64 && lite.config.max_position_embeddings == 8192);
//
// Multi-head latent attention: the queries come through a low-rank q_a_proj, q_a_layernorm and
// q_b_proj (or one q_proj where q_lora_rank is None, as in V2-Lite), the keys and values from a
// shared latent, kv_a_proj_with_mqa, kv_a_layernorm and kv_b_proj; each head's query and key are
// qk_nope_head_dim + qk_rope_head_dim wide and its value v_head_dim. After first_k_dense_replace
// dense layers, each layer's feed-forward is a mixture of n_routed_experts experts, of which a router
// (`gate`) chooses num_experts_per_tok for each token, and n_shared_experts experts' worth of MLP
// every token runs (`shared_experts`). As for Mixtral, the routing is as even as possible (choice j
// of the tokens × top_k goes to expert j mod n_routed_experts) and an expert no token chooses is
// not called.
//
// What is not a parameter: DeepseekV3TopkRouter's e_score_correction_bias, (n_routed_experts,) per
// MoE layer, is a buffer (register_buffer) in transformers, so named_parameters() and
// parameter_count leave it out; the checkpoint stores it, 58 × 256 = 14,848 values for DeepSeek-V3.
// The multi-token-prediction module of deepseek-ai/DeepSeek-V3's checkpoint (model.layers.61, 14 B
// of its 685 B) is not part of DeepseekV3ForCausalLM: transformers ignores those weights on load
// (_keys_to_ignore_on_load_unexpected), and so does this description (num_hidden_layers = 61 layers,
// 0 to 60). The default input is a full context (max_position_embeddings tokens); counts cost one
// dense layer, one MoE layer and one expert (scope::repeat), but the parameter tables of DeepSeek-V3
// (45,337 tensors) need raised constexpr limits (README.md, "Large models").
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::deepseek {

// DeepseekV3Config (and DeepseekV2Config): the knobs that change names, parameters or shapes; the
// defaults are DeepseekV3Config()'s. (The routing knobs n_group, topk_group, routed_scaling_factor,
// norm_topk_prob and topk_method change none.)
struct config {
  int vocab_size = 129280;
  int hidden_size = 7168;
  int intermediate_size = 18432;
  int moe_intermediate_size = 2048;
  int num_hidden_layers = 61;
  int num_attention_heads = 128;
  int n_shared_experts = 1;
  int n_routed_experts = 256;
  int num_experts_per_tok = 8;
  int first_k_dense_replace = 3;
  int q_lora_rank = 1536;  // 0 means None: one q_proj instead of q_a_proj, q_a_layernorm, q_b_proj
  int kv_lora_rank = 512;
  int qk_nope_head_dim = 128;
  int qk_rope_head_dim = 64;
  int v_head_dim = 128;
  int max_position_embeddings = 4096;
  bool attention_bias = false;
  bool tie_word_embeddings = false;  // lm_head uses embed_tokens' weight, which is listed once
};

// What memory planning needs (archdesc/memory.hpp): multi-head latent attention caches, per token
// and layer, the compressed key-value latent and the rotary key all heads share, from which every
// head's key and value are made again. (transformers' eager DeepseekV3Attention caches those made
// keys and values instead, num_attention_heads x (qk_nope_head_dim + qk_rope_head_dim + v_head_dim).)
constexpr transformer_geometry geometry_of(const config& c) {
  return {
      .layers = c.num_hidden_layers,
      .hidden_size = c.hidden_size,
      .attention_heads = c.num_attention_heads,
      .cached_per_token = checked_mul(c.num_hidden_layers, latent_cache_per_token(c.kv_lora_rank, c.qk_rope_head_dim)),
      .context = c.max_position_embeddings,
      .cache =
          "multi-head latent attention: the compressed latent (kv_lora_rank) and the shared rope key "
          "(qk_rope_head_dim) per layer"};
}

// The class names of DeepSeek-V2's or V3's modules and sequence classifier. The V2 rotary embedding returns freqs_cis,
// one complex number per pair of rotated dimensions; V3's returns cos and sin, each a value per dimension.
struct class_names {
  std::string_view rms_norm;
  std::string_view rotary_embedding;
  std::string_view attention;
  std::string_view mlp;
  std::string_view moe;
  std::string_view router;
  std::string_view decoder_layer;
  std::string_view model;
  std::string_view sequence_classifier;
  int rotary_dims_per_value = 1;
};

inline constexpr class_names v3_classes{"DeepseekV3RMSNorm",
                                        "DeepseekV3RotaryEmbedding",
                                        "DeepseekV3Attention",
                                        "DeepseekV3MLP",
                                        "DeepseekV3MoE",
                                        "DeepseekV3TopkRouter",
                                        "DeepseekV3DecoderLayer",
                                        "DeepseekV3Model",
                                        "DeepseekV3ForSequenceClassification",
                                        1};
inline constexpr class_names v2_classes{"DeepseekV2RMSNorm",
                                        "DeepseekV2RotaryEmbedding",
                                        "DeepseekV2Attention",
                                        "DeepseekV2MLP",
                                        "DeepseekV2MoE",
                                        "DeepseekV2MoEGate",
                                        "DeepseekV2DecoderLayer",
                                        "DeepseekV2Model",
                                        "DeepseekV2ForSequenceClassification",
                                        2};

// DeepseekV3Attention: multi-head latent attention. Registered and called in the same order: q_proj,
// or q_a_proj, q_a_layernorm, q_b_proj; kv_a_proj_with_mqa, kv_a_layernorm, kv_b_proj; o_proj.
// kv_a_proj_with_mqa makes the latent (kv_lora_rank) and one rotary key shared by all heads
// (qk_rope_head_dim); kv_b_proj makes every head's key (qk_nope_head_dim) and value (v_head_dim)
// from the normalized latent. The eager attention: Q·Kᵀ over qk_nope + qk_rope dimensions, A·V over
// v_head_dim, for every head.
struct latent_attention {
  std::string_view type_name;
  std::string_view rms_norm_type;
  config c;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (!self.expect_rank(hidden_states, 3, "(batch, seq_len, hidden_size)")) return hidden_states;
    const int heads = c.num_attention_heads;
    const int qk_head_dim = c.qk_nope_head_dim + c.qk_rope_head_dim;
    const int query_size = checked_int(std::int64_t{heads} * qk_head_dim);
    const int value_size = checked_int(std::int64_t{heads} * c.v_head_dim);
    const std::int64_t batch = hidden_states[0], length = hidden_states[1];
    if (c.q_lora_rank == 0) {
      self("q_proj", linear{.in_features = c.hidden_size, .out_features = query_size, .bias = false}, hidden_states);
    } else {
      shape q = self("q_a_proj",
                     linear{.in_features = c.hidden_size, .out_features = c.q_lora_rank, .bias = c.attention_bias},
                     hidden_states);
      q = self("q_a_layernorm", transformers::rms_norm{rms_norm_type, c.q_lora_rank}, q);
      self("q_b_proj", linear{.in_features = c.q_lora_rank, .out_features = query_size, .bias = false}, q);
    }
    self("kv_a_proj_with_mqa",
         linear{.in_features = c.hidden_size,
                .out_features = c.kv_lora_rank + c.qk_rope_head_dim,
                .bias = c.attention_bias},
         hidden_states);
    const shape latent = self("kv_a_layernorm", transformers::rms_norm{rms_norm_type, c.kv_lora_rank},
                              {batch, length, c.kv_lora_rank});  // k_pass, split from the rotary key
    self("kv_b_proj",
         linear{.in_features = c.kv_lora_rank,
                .out_features = checked_int(std::int64_t{heads} * (c.qk_nope_head_dim + c.v_head_dim)),
                .bias = false},
         latent);
    const std::int64_t scores = checked_mul(checked_mul(batch, heads), checked_mul(length, length));
    self.count_macs(checked_mul(scores, qk_head_dim + c.v_head_dim));
    return self("o_proj", linear{.in_features = value_size, .out_features = c.hidden_size, .bias = c.attention_bias},
                {batch, length, value_size});
  }
};

// DeepseekV3TopkRouter (DeepseekV2MoEGate): weight (n_routed_experts, hidden_size), applied with
// F.linear to every token; returns the chosen experts' indices, (tokens, top_k).
struct router {
  std::string_view type_name;
  int hidden_size = 0;
  int n_routed_experts = 0;
  int top_k = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    self.parameter("weight", {n_routed_experts, hidden_size});
    if (hidden_states.rank != 3 || hidden_states[-1] != hidden_size) {
      self.fail("expects (batch, seq_len, ", hidden_size, "), receives ", hidden_states);
      return hidden_states;
    }
    const std::int64_t tokens = checked_mul(hidden_states[0], hidden_states[1]);
    self.count_macs(checked_mul(checked_mul(tokens, hidden_size), n_routed_experts));
    return {tokens, top_k};
  }
};

// DeepseekV3MoE: registered experts (an nn.ModuleList of n_routed_experts MLPs of
// moe_intermediate_size), gate, shared_experts (one MLP of moe_intermediate_size × n_shared_experts);
// called gate, each expert that has tokens on them, shared_experts on every token.
struct mixture_of_experts {
  std::string_view type_name;
  class_names classes;
  config c;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (!self.expect_rank(hidden_states, 3, "(batch, seq_len, hidden_size)")) return hidden_states;
    const std::int64_t tokens = checked_mul(hidden_states[0], hidden_states[1]);
    const int hidden = c.hidden_size, routed = c.n_routed_experts, top_k = c.num_experts_per_tok;
    const transformers::gated_mlp expert{classes.mlp, hidden, c.moe_intermediate_size};
    const shape flat{tokens, hidden};  // hidden_states.view(-1, hidden_size)
    const auto experts = self.declare("experts", module_list([&](scope& list, const shape&) {
                                        list.experts_per_token(top_k, routed);
                                        if (top_k <= 0 || top_k > routed) return flat;
                                        const std::int64_t choices = checked_mul(tokens, top_k);
                                        const std::int64_t each = choices / routed;
                                        const int with_one_more = static_cast<int>(choices % routed);
                                        list.repeat(with_one_more, expert, {each + 1, hidden});
                                        if (each > 0) {
                                          list.repeat(routed - with_one_more, expert, {each, hidden});
                                        } else {
                                          list.declare_copies(routed - with_one_more, expert, {0, hidden});
                                        }
                                        return flat;
                                      }),
                                      flat);
    self("gate", router{classes.router, hidden, routed, top_k}, hidden_states);
    experts(flat);
    const transformers::gated_mlp shared{classes.mlp, hidden,
                                         checked_int(std::int64_t{c.moe_intermediate_size} * c.n_shared_experts)};
    return self.add(hidden_states, self("shared_experts", shared, hidden_states));
  }
};

// DeepseekV3Model or DeepseekV2Model (embed_tokens, layers, norm, rotary_emb). Layers 0 to
// first_k_dense_replace - 1 have a dense MLP of intermediate_size, the others the mixture of
// experts; both as `mlp`.
template <const class_names& Classes>
constexpr auto decoder(scope& self, const config& c) {
  if (c.num_hidden_layers < 0 || c.first_k_dense_replace < 0)
    self.fail("num_hidden_layers = ", c.num_hidden_layers, " and first_k_dense_replace = ", c.first_k_dense_replace,
              " cannot be negative");
  const latent_attention attention{Classes.attention, Classes.rms_norm, c};
  using dense_layer = transformers::pre_norm_decoder_layer<latent_attention, transformers::gated_mlp>;
  using moe_layer = transformers::pre_norm_decoder_layer<latent_attention, mixture_of_experts>;
  const dense_layer dense{Classes.decoder_layer,
                          Classes.rms_norm,
                          c.hidden_size,
                          attention,
                          {Classes.mlp, c.hidden_size, c.intermediate_size}};
  const moe_layer sparse{Classes.decoder_layer, Classes.rms_norm, c.hidden_size, attention, {Classes.moe, Classes, c}};
  // Negative counts (refused above) make no layers.
  const int layers_in_all = c.num_hidden_layers > 0 ? c.num_hidden_layers : 0;
  const int first_dense = c.first_k_dense_replace > 0 ? c.first_k_dense_replace : 0;
  const int dense_layers = first_dense < layers_in_all ? first_dense : layers_in_all;
  const auto layers = module_list([dense, sparse, dense_layers, layers_in_all](scope& list, const shape& x) {
    return list.repeat(layers_in_all - dense_layers, sparse, list.repeat(dense_layers, dense, x));
  });
  return transformers::decoder_model<decltype(layers)>{
      Classes.model, {Classes.rms_norm, Classes.rotary_embedding, Classes.model}, c.vocab_size,
      c.hidden_size, c.qk_rope_head_dim / Classes.rotary_dims_per_value,          layers};
}

// The forward of DeepseekV3ForCausalLM and DeepseekV2ForCausalLM: the decoder as `model`, then lm_head.
template <const class_names& Classes>
constexpr shape causal_lm(scope& self, const shape& input_ids, const config& c) {
  return transformers::decoder_causal_lm(self, input_ids, decoder<Classes>(self, c), c.tie_word_embeddings);
}

// transformers.DeepseekV3ForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
struct model {
  static constexpr std::string_view type_name = "DeepseekV3ForCausalLM";
  static constexpr std::string_view no_split_modules[] = {v3_classes.decoder_layer};  // transformers' _no_split_modules
  deepseek::config config{};

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }
  constexpr shape forward(scope& self, const shape& input_ids) const {
    return causal_lm<v3_classes>(self, input_ids, config);
  }
};

// transformers.DeepseekV2ForCausalLM(config): the same layout under DeepSeek-V2's class names,
// with a router without e_score_correction_bias. (DeepseekV2Config's own defaults are not
// described: its builder sets every size.)
struct v2_model {
  static constexpr std::string_view type_name = "DeepseekV2ForCausalLM";
  static constexpr std::string_view no_split_modules[] = {v2_classes.decoder_layer};  // transformers' _no_split_modules
  deepseek::config config{};

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }
  constexpr shape forward(scope& self, const shape& input_ids) const {
    return causal_lm<v2_classes>(self, input_ids, config);
  }
};

// The family's classes beside its ForCausalLM (transformers/blocks.hpp's decoder_base_model and
// decoder_sequence_classifier). DeepseekV3ForSequenceClassification came after v4.51 (in
// modeling_deepseek_v3.py as GenericForSequenceClassification): `model`, then `score`, as
// DeepseekV2ForSequenceClassification (LlamaForSequenceClassification's).
template <const class_names& Classes>
struct family {
  using config = deepseek::config;
  static constexpr config defaults{};
  static constexpr std::string_view base_model_name = Classes.model;
  static constexpr std::string_view sequence_classifier_name = Classes.sequence_classifier;

  static constexpr auto decoder(scope& self, const config& c) { return deepseek::decoder<Classes>(self, c); }
};

// transformers.DeepseekV3Model(config) and DeepseekV3ForSequenceClassification(config), and
// DeepSeek-V2's, num_labels as num_classes. (As for v2_model, the V2 classes' defaults are V3's.)
using base_model = transformers::decoder_base_model<family<v3_classes>>;
using for_sequence_classification = transformers::decoder_sequence_classifier<family<v3_classes>>;
using v2_base_model = transformers::decoder_base_model<family<v2_classes>>;
using v2_for_sequence_classification = transformers::decoder_sequence_classifier<family<v2_classes>>;

// A checkpoint's builder sets the sizes of its config.json (archdesc/builder.hpp) and defaults its
// context; the other knobs are the user's: deepseek_v3({.config = {.max_position_embeddings = 8192}}).
template <class Model>
constexpr Model checkpoint(const config& sizes, Model knobs) {
  builder_sets(knobs, &Model::config, &config::vocab_size, sizes.vocab_size);
  builder_sets(knobs, &Model::config, &config::hidden_size, sizes.hidden_size);
  builder_sets(knobs, &Model::config, &config::intermediate_size, sizes.intermediate_size);
  builder_sets(knobs, &Model::config, &config::moe_intermediate_size, sizes.moe_intermediate_size);
  builder_sets(knobs, &Model::config, &config::num_hidden_layers, sizes.num_hidden_layers);
  builder_sets(knobs, &Model::config, &config::num_attention_heads, sizes.num_attention_heads);
  builder_sets(knobs, &Model::config, &config::n_shared_experts, sizes.n_shared_experts);
  builder_sets(knobs, &Model::config, &config::n_routed_experts, sizes.n_routed_experts);
  builder_sets(knobs, &Model::config, &config::first_k_dense_replace, sizes.first_k_dense_replace);
  builder_sets(knobs, &Model::config, &config::q_lora_rank, sizes.q_lora_rank);
  builder_sets(knobs, &Model::config, &config::kv_lora_rank, sizes.kv_lora_rank);
  builder_sets(knobs, &Model::config, &config::qk_nope_head_dim, sizes.qk_nope_head_dim);
  builder_sets(knobs, &Model::config, &config::qk_rope_head_dim, sizes.qk_rope_head_dim);
  builder_sets(knobs, &Model::config, &config::v_head_dim, sizes.v_head_dim);
  builder_defaults(knobs.config, &config::num_experts_per_tok, sizes.num_experts_per_tok);
  builder_defaults(knobs.config, &config::max_position_embeddings, sizes.max_position_embeddings);
  return knobs;
}

// deepseek-ai/DeepSeek-V3's config.json: DeepseekV3Config()'s sizes, a context of 163840.
constexpr model deepseek_v3(const model& knobs = {}) {
  config sizes{};
  sizes.max_position_embeddings = 163840;
  return checkpoint(sizes, knobs);
}

// deepseek-ai/DeepSeek-V2-Lite's config.json: 27 layers, the first dense, 64 routed experts (6 per
// token) and 2 shared, no low-rank query (q_lora_rank null), a context of 163840.
constexpr v2_model deepseek_v2_lite(const v2_model& knobs = {}) {
  return checkpoint<v2_model>({.vocab_size = 102400,
                               .hidden_size = 2048,
                               .intermediate_size = 10944,
                               .moe_intermediate_size = 1408,
                               .num_hidden_layers = 27,
                               .num_attention_heads = 16,
                               .n_shared_experts = 2,
                               .n_routed_experts = 64,
                               .num_experts_per_tok = 6,
                               .first_k_dense_replace = 1,
                               .q_lora_rank = 0,
                               .max_position_embeddings = 163840},
                              knobs);
}

inline constexpr named_model<model> named_models[] = {{"deepseek-v3", deepseek_v3()}};
inline constexpr named_model<v2_model> named_v2_models[] = {{"deepseek-v2-lite", deepseek_v2_lite()}};

}  // namespace archdesc::deepseek
