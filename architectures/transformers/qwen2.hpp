// architectures/transformers/qwen2.hpp: Hugging Face transformers' Qwen2 (src/transformers/models/qwen2/
// modeling_qwen2.py and configuration_qwen2.py, v4.50, 2025): Qwen2ForCausalLM with the knobs of
// Qwen2Config, on a sequence of token ids; the Qwen2.5 checkpoints are of this class.
//
//   constexpr auto net = archdesc::qwen2::qwen2_5_7b();
//   static_assert(archdesc::parameter_count<net> == 7'615'616'512);
//   constexpr auto small_context = archdesc::qwen2::qwen2_5_7b({.config = {.max_position_embeddings = 4096}});
//   static_assert(small_context.config.num_key_value_heads == 4);
//   constexpr archdesc::qwen2::model tiny{.config = {.vocab_size = 1000, .hidden_size = 64, .intermediate_size = 176,
//                                                    .num_hidden_layers = 2, .num_attention_heads = 4,
//                                                    .num_key_value_heads = 2}};
//
// LLaMA's layout (transformers/blocks.hpp's decoder of transformers 4.48 and later, which computes
// the rotary embedding once in Qwen2Model) with biases on q_proj, k_proj and v_proj, none on o_proj.
// The default input is a full context (max_position_embeddings tokens). use_sliding_window, off in
// every Qwen2.5 checkpoint, changes no name or shape, nor the eager attention's multiply-accumulates.
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <string_view>

namespace archdesc::qwen2 {

// Qwen2Config: the knobs that change names, parameters or shapes; the defaults are Qwen2Config()'s.
struct config {
  int vocab_size = 151936;
  int hidden_size = 4096;
  int intermediate_size = 22016;
  int num_hidden_layers = 32;
  int num_attention_heads = 32;
  int num_key_value_heads = 32;
  int max_position_embeddings = 32768;
  bool tie_word_embeddings = false;  // lm_head uses embed_tokens' weight, which is listed once
};

inline constexpr transformers::decoder_classes classes{"Qwen2RMSNorm", "Qwen2RotaryEmbedding", "Qwen2Model"};

// What memory planning needs (archdesc/memory.hpp): each layer caches a key and a value of head_dim
// for each key-value head.
constexpr transformer_geometry geometry_of(const config& c) {
  const int head_dim = c.num_attention_heads > 0 ? c.hidden_size / c.num_attention_heads : 0;
  return key_value_decoder(c.num_hidden_layers, c.hidden_size, c.num_attention_heads, c.num_key_value_heads, head_dim,
                           c.max_position_embeddings);
}

// The family's classes (transformers/blocks.hpp's decoder_base_model and decoder_sequence_classifier).
struct family {
  using config = qwen2::config;
  static constexpr config defaults{};
  static constexpr std::string_view base_model_name = "Qwen2Model";
  static constexpr std::string_view sequence_classifier_name = "Qwen2ForSequenceClassification";

  // Qwen2Model(config).
  static constexpr auto decoder(scope& self, const config& c) {
    if (c.num_attention_heads <= 0 || c.hidden_size % c.num_attention_heads != 0)
      self.fail("hidden_size = ", c.hidden_size, " is not divisible by num_attention_heads = ", c.num_attention_heads);
    const int head_dim = c.num_attention_heads > 0 ? c.hidden_size / c.num_attention_heads : 0;
    using layer = transformers::pre_norm_decoder_layer<transformers::grouped_query_attention, transformers::gated_mlp>;
    const layer decoder_layer{
        "Qwen2DecoderLayer",
        classes.rms_norm,
        c.hidden_size,
        {"Qwen2Attention", c.hidden_size, c.num_attention_heads, c.num_key_value_heads, head_dim, true, false},
        {"Qwen2MLP", c.hidden_size, c.intermediate_size}};
    const auto layers = repeated(c.num_hidden_layers, decoder_layer);
    return transformers::decoder_model<decltype(layers)>{classes.model, classes,  c.vocab_size,
                                                         c.hidden_size, head_dim, layers};
  }
};

// transformers.Qwen2ForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
struct model {
  static constexpr std::string_view type_name = "Qwen2ForCausalLM";
  static constexpr std::string_view no_split_modules[] = {"Qwen2DecoderLayer"};  // transformers' _no_split_modules
  qwen2::config config{};

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return transformers::decoder_causal_lm(self, input_ids, family::decoder(self, config), config.tie_word_embeddings);
  }
};

// transformers.Qwen2Model(config) and Qwen2ForSequenceClassification(config), num_labels as num_classes.
using base_model = transformers::decoder_base_model<family>;
using for_sequence_classification = transformers::decoder_sequence_classifier<family>;

// A checkpoint's builder sets the sizes of its config.json (archdesc/builder.hpp); the other knobs
// are the user's: qwen2_5_7b({.config = {.max_position_embeddings = 4096}}).
constexpr model checkpoint(const config& sizes, model knobs) {
  builder_sets(knobs, &model::config, &config::vocab_size, sizes.vocab_size);
  builder_sets(knobs, &model::config, &config::hidden_size, sizes.hidden_size);
  builder_sets(knobs, &model::config, &config::intermediate_size, sizes.intermediate_size);
  builder_sets(knobs, &model::config, &config::num_hidden_layers, sizes.num_hidden_layers);
  builder_sets(knobs, &model::config, &config::num_attention_heads, sizes.num_attention_heads);
  builder_sets(knobs, &model::config, &config::num_key_value_heads, sizes.num_key_value_heads);
  builder_sets(knobs, &model::config, &config::tie_word_embeddings, sizes.tie_word_embeddings);
  builder_defaults(knobs.config, &config::max_position_embeddings, sizes.max_position_embeddings);
  return knobs;
}

// The config.json of Qwen/Qwen2.5-0.5B (tied embeddings, a context of 32768), Qwen2.5-7B and
// Qwen2.5-72B (contexts of 131072).
constexpr model qwen2_5_0_5b(const model& knobs = {}) {
  return checkpoint({.vocab_size = 151936,
                     .hidden_size = 896,
                     .intermediate_size = 4864,
                     .num_hidden_layers = 24,
                     .num_attention_heads = 14,
                     .num_key_value_heads = 2,
                     .max_position_embeddings = 32768,
                     .tie_word_embeddings = true},
                    knobs);
}
constexpr model qwen2_5_7b(const model& knobs = {}) {
  return checkpoint({.vocab_size = 152064,
                     .hidden_size = 3584,
                     .intermediate_size = 18944,
                     .num_hidden_layers = 28,
                     .num_attention_heads = 28,
                     .num_key_value_heads = 4,
                     .max_position_embeddings = 131072},
                    knobs);
}
constexpr model qwen2_5_72b(const model& knobs = {}) {
  return checkpoint({.vocab_size = 152064,
                     .hidden_size = 8192,
                     .intermediate_size = 29568,
                     .num_hidden_layers = 80,
                     .num_attention_heads = 64,
                     .num_key_value_heads = 8,
                     .max_position_embeddings = 131072},
                    knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"qwen2.5-0.5b", qwen2_5_0_5b()},
    {"qwen2.5-7b", qwen2_5_7b()},
    {"qwen2.5-72b", qwen2_5_72b()},
};

}  // namespace archdesc::qwen2
