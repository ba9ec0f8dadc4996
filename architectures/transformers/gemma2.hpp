// architectures/transformers/gemma2.hpp: Hugging Face transformers' Gemma 2 (src/transformers/models/gemma2/
// modeling_gemma2.py and configuration_gemma2.py, v4.50, 2025): Gemma2ForCausalLM with the knobs of
// Gemma2Config, on a sequence of token ids.
//
//   constexpr auto net = archdesc::gemma2::gemma_2_9b();
//   static_assert(archdesc::parameter_count<net> == 9'241'705'984);
//   constexpr auto short_context = archdesc::gemma2::gemma_2_9b({.config = {.max_position_embeddings = 1024}});
//   static_assert(short_context.config.head_dim == 256);
//   constexpr archdesc::gemma2::model tiny{.config = {.vocab_size = 1000, .hidden_size = 64, .intermediate_size = 176,
//                                                     .num_hidden_layers = 2, .num_attention_heads = 4,
//                                                     .num_key_value_heads = 2, .head_dim = 32}};
//
// Gemma 2 ties lm_head to the input embeddings, sizes its heads by head_dim rather than
// hidden_size / num_attention_heads, and puts four norms in each layer: before and after the
// attention and the feed-forward. The embeddings' scale by sqrt(hidden_size), the logits' and
// attention's soft-capping and the sliding window of every other layer have no parameters; the
// eager attention masks a full Q·Kᵀ, so the window changes no multiply-accumulate. The default input
// is a full context (max_position_embeddings tokens).
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <string_view>

namespace archdesc::gemma2 {

// Gemma2Config: the knobs that change names, parameters or shapes; the defaults are Gemma2Config()'s.
struct config {
  int vocab_size = 256000;
  int hidden_size = 2304;
  int intermediate_size = 9216;
  int num_hidden_layers = 26;
  int num_attention_heads = 8;
  int num_key_value_heads = 4;
  int head_dim = 256;
  int max_position_embeddings = 8192;
  bool attention_bias = false;
  bool tie_word_embeddings = true;  // lm_head uses embed_tokens' weight, which is listed once
};

inline constexpr transformers::decoder_classes classes{"Gemma2RMSNorm", "Gemma2RotaryEmbedding", "Gemma2Model"};

// What memory planning needs (archdesc/memory.hpp): each layer caches a key and a value of head_dim
// for each key-value head, for every token: the sliding-window layers' shorter cache (transformers'
// HybridCache keeps sliding_window tokens in every other layer) is not modelled.
constexpr transformer_geometry geometry_of(const config& c) {
  transformer_geometry g = key_value_decoder(c.num_hidden_layers, c.hidden_size, c.num_attention_heads,
                                             c.num_key_value_heads, c.head_dim, c.max_position_embeddings);
  g.cache =
      "a key and a value per key-value head and layer, every layer for every token (transformers' HybridCache keeps "
      "only the sliding window in every other layer)";
  return g;
}

// ACT2FN["gelu_pytorch_tanh"], Gemma2Config's hidden_activation: a PytorchGELUTanh module.
inline constexpr elementwise gelu_pytorch_tanh{"PytorchGELUTanh"};

// Gemma2DecoderLayer: registered self_attn, mlp, input_layernorm, post_attention_layernorm,
// pre_feedforward_layernorm, post_feedforward_layernorm;
// x + post_attention_layernorm(self_attn(input_layernorm(x))), then
// x + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(x))).
struct decoder_layer {
  static constexpr std::string_view type_name = "Gemma2DecoderLayer";
  int hidden_size = 0;
  transformers::grouped_query_attention self_attn;
  transformers::gated_mlp mlp;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const auto attend = self.declare("self_attn", self_attn, hidden_states);
    const auto feed = self.declare("mlp", mlp, hidden_states);
    const transformers::rms_norm norm{classes.rms_norm, hidden_size};
    const auto input_layernorm = self.declare("input_layernorm", norm, hidden_states);
    const auto post_attention_layernorm = self.declare("post_attention_layernorm", norm, hidden_states);
    const auto pre_feedforward_layernorm = self.declare("pre_feedforward_layernorm", norm, hidden_states);
    const auto post_feedforward_layernorm = self.declare("post_feedforward_layernorm", norm, hidden_states);
    const shape x = self.add(hidden_states, post_attention_layernorm(attend(input_layernorm(hidden_states))));
    return self.add(x, post_feedforward_layernorm(feed(pre_feedforward_layernorm(x))));
  }
};

// The family's classes (transformers/blocks.hpp's decoder_base_model and decoder_sequence_classifier).
struct family {
  using config = gemma2::config;
  static constexpr config defaults{};
  static constexpr std::string_view base_model_name = "Gemma2Model";
  static constexpr std::string_view sequence_classifier_name = "Gemma2ForSequenceClassification";

  // Gemma2Model(config).
  static constexpr auto decoder(scope&, const config& c) {
    const decoder_layer layer{c.hidden_size,
                              {"Gemma2Attention", c.hidden_size, c.num_attention_heads, c.num_key_value_heads,
                               c.head_dim, c.attention_bias, c.attention_bias},
                              {"Gemma2MLP", c.hidden_size, c.intermediate_size, gelu_pytorch_tanh}};
    const auto layers = repeated(c.num_hidden_layers, layer);
    return transformers::decoder_model<decltype(layers)>{classes.model, classes,    c.vocab_size,
                                                         c.hidden_size, c.head_dim, layers};
  }
};

// transformers.Gemma2ForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
struct model {
  static constexpr std::string_view type_name = "Gemma2ForCausalLM";
  static constexpr std::string_view no_split_modules[] = {decoder_layer::type_name};  // transformers' _no_split_modules
  gemma2::config config{};

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return transformers::decoder_causal_lm(self, input_ids, family::decoder(self, config), config.tie_word_embeddings);
  }
};

// transformers.Gemma2Model(config) and Gemma2ForSequenceClassification(config), num_labels as num_classes.
using base_model = transformers::decoder_base_model<family>;
using for_sequence_classification = transformers::decoder_sequence_classifier<family>;

// A checkpoint's builder sets the sizes of its config.json (archdesc/builder.hpp); the other knobs
// are the user's: gemma_2_9b({.config = {.max_position_embeddings = 1024}}).
constexpr model checkpoint(const config& sizes, model knobs) {
  builder_sets(knobs, &model::config, &config::hidden_size, sizes.hidden_size);
  builder_sets(knobs, &model::config, &config::intermediate_size, sizes.intermediate_size);
  builder_sets(knobs, &model::config, &config::num_hidden_layers, sizes.num_hidden_layers);
  builder_sets(knobs, &model::config, &config::num_attention_heads, sizes.num_attention_heads);
  builder_sets(knobs, &model::config, &config::num_key_value_heads, sizes.num_key_value_heads);
  builder_sets(knobs, &model::config, &config::head_dim, sizes.head_dim);
  return knobs;
}

// The config.json of google/gemma-2-2b, gemma-2-9b and gemma-2-27b: a vocabulary of 256000, a
// context of 8192, tied embeddings (Gemma2Config()'s).
constexpr model gemma_2_2b(const model& knobs = {}) { return checkpoint(config{}, knobs); }
constexpr model gemma_2_9b(const model& knobs = {}) {
  return checkpoint({.hidden_size = 3584,
                     .intermediate_size = 14336,
                     .num_hidden_layers = 42,
                     .num_attention_heads = 16,
                     .num_key_value_heads = 8,
                     .head_dim = 256},
                    knobs);
}
constexpr model gemma_2_27b(const model& knobs = {}) {
  return checkpoint({.hidden_size = 4608,
                     .intermediate_size = 36864,
                     .num_hidden_layers = 46,
                     .num_attention_heads = 32,
                     .num_key_value_heads = 16,
                     .head_dim = 128},
                    knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"gemma-2-2b", gemma_2_2b()},
    {"gemma-2-9b", gemma_2_9b()},
    {"gemma-2-27b", gemma_2_27b()},
};

}  // namespace archdesc::gemma2
