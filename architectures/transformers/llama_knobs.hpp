// architectures/transformers/llama_knobs.hpp: llama.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report llama-2-7b --set config.num_key_value_heads=8
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/llama.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::llama::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, max_position_embeddings, tie_word_embeddings,
                        attention_bias);
BOOST_HANA_ADAPT_STRUCT(archdesc::llama::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::llama::base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::llama::for_sequence_classification, config, num_classes);

namespace archdesc::llama {

// For --hf-config: the keys of LlamaConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"pretraining_tp"},     // splits the projections' products (F.linear), not their weights
    {"mlp_bias", "false"},  // true adds biases to the MLP's projections
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"llama", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) { return {"llama", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"llama", config_keys_without_parameters};
}

}  // namespace archdesc::llama
