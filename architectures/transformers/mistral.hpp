// architectures/transformers/mistral.hpp: Hugging Face transformers' Mistral (src/transformers/models/mistral/
// modeling_mistral.py and configuration_mistral.py, v4.38): MistralForCausalLM, which has LLaMA's
// layout under its own class names, so it is made of llama.hpp's blocks.
//
//   constexpr auto net = archdesc::mistral::mistral_7b_v0_1();
//   static_assert(archdesc::parameter_count<net> == 7'241'732'096);
//   constexpr auto big_vocab = archdesc::mistral::mistral_7b_v0_1({.config = {.vocab_size = 32768}});
//   static_assert(big_vocab.config.intermediate_size == 14336);
//   constexpr archdesc::mistral::model tiny{.config = {.vocab_size = 1000, .hidden_size = 64,
//       .intermediate_size = 224, .num_hidden_layers = 2, .num_attention_heads = 4, .num_key_value_heads = 1}};
//
// MistralConfig's knobs are LlamaConfig's without attention_bias (Mistral's projections have no
// bias). sliding_window changes no name or shape, nor the multiply-accumulates of the eager
// attention, which masks a full Q·Kᵀ. The default input is a full context, as for LLaMA.
#pragma once

#include <architectures/transformers/llama.hpp>

#include <archdesc/archdesc.hpp>

#include <string_view>

namespace archdesc::mistral {

inline constexpr llama::class_names classes{"MistralRMSNorm", "MistralRotaryEmbedding", "MistralAttention",
                                            "MistralMLP",     "MistralDecoderLayer",    "MistralModel"};

// MistralConfig()'s defaults, as LlamaConfig's knobs.
constexpr llama::config default_config() {
  return {.intermediate_size = 14336, .num_key_value_heads = 8, .max_position_embeddings = 4096 * 32};
}

// transformers.MistralForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
struct model {
  static constexpr std::string_view type_name = "MistralForCausalLM";
  static constexpr std::string_view no_split_modules[] = {classes.decoder_layer};  // transformers' _no_split_modules
  llama::config config = default_config();

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (config.attention_bias) self.fail("MistralConfig has no attention_bias");
    return llama::causal_lm<classes>(self, input_ids, config, "mlp",
                                     llama::mlp<classes>{config.hidden_size, config.intermediate_size});
  }
};

// The family's classes (transformers/blocks.hpp's decoder_base_model and decoder_sequence_classifier).
struct family {
  using config = llama::config;
  static constexpr config defaults = default_config();
  static constexpr std::string_view base_model_name = "MistralModel";
  static constexpr std::string_view sequence_classifier_name = "MistralForSequenceClassification";

  // MistralModel(config).
  static constexpr auto decoder(scope& self, const config& c) {
    if (c.attention_bias) self.fail("MistralConfig has no attention_bias");
    return llama::decoder_model<classes, llama::mlp<classes>>{c, "mlp", {c.hidden_size, c.intermediate_size}};
  }
};

// transformers.MistralModel(config) and MistralForSequenceClassification(config), num_labels as num_classes.
using base_model = transformers::decoder_base_model<family>;
using for_sequence_classification = transformers::decoder_sequence_classifier<family>;

// mistralai/Mistral-7B-v0.1's config.json: MistralConfig()'s sizes, a context of 32768.
// The builder takes the model's knobs (archdesc/builder.hpp): mistral_7b_v0_1({.config = {.vocab_size = 32768}}).
constexpr model mistral_7b_v0_1(const model& knobs = {}) {
  llama::config sizes = default_config();
  sizes.max_position_embeddings = 32768;
  return llama::checkpoint(sizes, knobs);
}

inline constexpr named_model<model> named_models[] = {{"mistral-7b-v0.1", mistral_7b_v0_1()}};

}  // namespace archdesc::mistral
