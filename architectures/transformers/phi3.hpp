// architectures/transformers/phi3.hpp: Hugging Face transformers' Phi-3 (src/transformers/models/phi3/
// modeling_phi3.py and configuration_phi3.py, v4.50, 2025): Phi3ForCausalLM with the knobs of
// Phi3Config, on a sequence of token ids.
//
//   constexpr auto net = archdesc::phi3::phi_3_mini_4k();
//   static_assert(archdesc::parameter_count<net> == 3'821'079'552);
//   constexpr archdesc::phi3::model tiny{.config = {.vocab_size = 1000, .hidden_size = 64, .intermediate_size = 176,
//                                                   .num_hidden_layers = 2, .num_attention_heads = 4}};
//
// LLaMA's layout with fused projections: one qkv_proj makes the queries, keys and values, one
// gate_up_proj both halves of the gated feed-forward; and a dropout on each residual branch. The
// default input is a full context (max_position_embeddings tokens).
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::phi3 {

// Phi3Config: the knobs that change names, parameters or shapes; the defaults are Phi3Config()'s.
struct config {
  int vocab_size = 32064;
  int hidden_size = 3072;
  int intermediate_size = 8192;
  int num_hidden_layers = 32;
  int num_attention_heads = 32;
  int num_key_value_heads = 0;  // 0 means None: num_attention_heads
  int max_position_embeddings = 4096;
  bool tie_word_embeddings = false;

  constexpr int key_value_heads() const { return num_key_value_heads == 0 ? num_attention_heads : num_key_value_heads; }
};

inline constexpr transformers::decoder_classes classes{"Phi3RMSNorm", "Phi3RotaryEmbedding", "Phi3Model"};

// What memory planning needs (archdesc/memory.hpp): each layer caches a key and a value of head_dim
// for each key-value head.
constexpr transformer_geometry geometry_of(const config& c) {
  const int head_dim = c.num_attention_heads > 0 ? c.hidden_size / c.num_attention_heads : 0;
  return key_value_decoder(c.num_hidden_layers, c.hidden_size, c.num_attention_heads, c.key_value_heads(), head_dim,
                           c.max_position_embeddings);
}

// Phi3Attention: registered o_proj, then qkv_proj (hidden → heads × head_dim + 2 × key_value_heads ×
// head_dim, bias=False), which it calls first.
struct attention {
  static constexpr std::string_view type_name = "Phi3Attention";
  int hidden_size = 0;
  int num_heads = 0;
  int num_key_value_heads = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (num_heads <= 0 || hidden_size % num_heads != 0 || num_key_value_heads <= 0 ||
        num_heads % num_key_value_heads != 0) {
      self.fail("hidden_size = ", hidden_size, ", num_attention_heads = ", num_heads,
                " and num_key_value_heads = ", num_key_value_heads, " do not make whole heads and groups");
      return hidden_states;
    }
    if (!self.expect_rank(hidden_states, 3, "(batch, seq_len, hidden_size)")) return hidden_states;
    const int head_dim = hidden_size / num_heads;
    const std::int64_t batch = hidden_states[0], length = hidden_states[1];
    const shape attention_output{batch, length, num_heads * head_dim};
    const auto o_proj =
        self.declare("o_proj", linear{.in_features = num_heads * head_dim, .out_features = hidden_size, .bias = false},
                     attention_output);
    self("qkv_proj",
         linear{.in_features = hidden_size,
                .out_features = (num_heads + 2 * num_key_value_heads) * head_dim,
                .bias = false},
         hidden_states);
    transformers::count_attention_products(
        self, {.batch = batch, .heads = num_heads, .query_length = length, .key_length = length, .head_dim = head_dim});
    return o_proj(attention_output);
  }
};

// Phi3MLP: gate_up_proj (hidden → 2 × intermediate), whose two halves are the gate and the up
// states, then down_proj(up_states * activation_fn(gate)); registered gate_up_proj, down_proj,
// activation_fn (ACT2FN["silu"]).
struct mlp {
  static constexpr std::string_view type_name = "Phi3MLP";
  int hidden_size = 0;
  int intermediate_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape up_states =
        self("gate_up_proj", linear{.in_features = hidden_size, .out_features = 2 * intermediate_size, .bias = false},
             hidden_states);
    up_states[-1] = intermediate_size;  // gate, up_states = up_states.chunk(2, dim=-1)
    const auto down_proj = self.declare(
        "down_proj", linear{.in_features = intermediate_size, .out_features = hidden_size, .bias = false}, up_states);
    up_states = self.multiply(up_states, self("activation_fn", silu, up_states));
    return down_proj(up_states);
  }
};

// Phi3DecoderLayer: registered self_attn, mlp, input_layernorm, post_attention_layernorm,
// resid_attn_dropout, resid_mlp_dropout; x + resid_attn_dropout(self_attn(input_layernorm(x))), then
// the same with mlp.
struct decoder_layer {
  static constexpr std::string_view type_name = "Phi3DecoderLayer";
  int hidden_size = 0;
  attention self_attn;
  phi3::mlp mlp;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const auto attend = self.declare("self_attn", self_attn, hidden_states);
    const auto feed = self.declare("mlp", mlp, hidden_states);
    const transformers::rms_norm norm{classes.rms_norm, hidden_size};
    const auto input_layernorm = self.declare("input_layernorm", norm, hidden_states);
    const auto post_attention_layernorm = self.declare("post_attention_layernorm", norm, hidden_states);
    const auto resid_attn_dropout = self.declare("resid_attn_dropout", dropout, hidden_states);
    const auto resid_mlp_dropout = self.declare("resid_mlp_dropout", dropout, hidden_states);
    const shape x = self.add(hidden_states, resid_attn_dropout(attend(input_layernorm(hidden_states))));
    return self.add(x, resid_mlp_dropout(feed(post_attention_layernorm(x))));
  }
};

// The family's classes (transformers/blocks.hpp's decoder_base_model and decoder_sequence_classifier).
struct family {
  using config = phi3::config;
  static constexpr config defaults{};
  static constexpr std::string_view base_model_name = "Phi3Model";
  static constexpr std::string_view sequence_classifier_name = "Phi3ForSequenceClassification";

  // Phi3Model(config).
  static constexpr auto decoder(scope&, const config& c) {
    const int heads = c.num_attention_heads > 0 ? c.num_attention_heads : 1;  // checked by the attention
    const decoder_layer layer{c.hidden_size,
                              {c.hidden_size, c.num_attention_heads, c.key_value_heads()},
                              {c.hidden_size, c.intermediate_size}};
    const auto layers = repeated(c.num_hidden_layers, layer);
    return transformers::decoder_model<decltype(layers)>{classes.model,         classes, c.vocab_size, c.hidden_size,
                                                         c.hidden_size / heads, layers};
  }
};

// transformers.Phi3ForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
struct model {
  static constexpr std::string_view type_name = "Phi3ForCausalLM";
  static constexpr std::string_view no_split_modules[] = {decoder_layer::type_name};  // transformers' _no_split_modules
  phi3::config config{};

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return transformers::decoder_causal_lm(self, input_ids, family::decoder(self, config), config.tie_word_embeddings);
  }
};

// transformers.Phi3Model(config) and Phi3ForSequenceClassification(config), num_labels as num_classes.
using base_model = transformers::decoder_base_model<family>;
using for_sequence_classification = transformers::decoder_sequence_classifier<family>;

// microsoft/Phi-3-mini-4k-instruct's config.json: Phi3Config()'s sizes (its sliding_window of 2047
// changes no name or shape, nor the eager attention's multiply-accumulates).
constexpr model phi_3_mini_4k(const model& knobs = {}) {
  model net = knobs;
  builder_sets(net, &model::config, &config::hidden_size, 3072);
  builder_sets(net, &model::config, &config::intermediate_size, 8192);
  builder_sets(net, &model::config, &config::num_hidden_layers, 32);
  builder_sets(net, &model::config, &config::num_attention_heads, 32);
  return net;
}

inline constexpr named_model<model> named_models[] = {{"phi-3-mini-4k-instruct", phi_3_mini_4k()}};

}  // namespace archdesc::phi3
