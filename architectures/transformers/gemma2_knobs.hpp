// architectures/transformers/gemma2_knobs.hpp: gemma2.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report gemma-2-9b --set config.max_position_embeddings=1024
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/gemma2.hpp>
#include <architectures/transformers/hf_config.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::gemma2::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, head_dim, max_position_embeddings, attention_bias,
                        tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::gemma2::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::gemma2::base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::gemma2::for_sequence_classification, config, num_classes);

namespace archdesc::gemma2 {

// For --hf-config: the keys of Gemma2Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    // they scale or cap the attention scores and the logits, mask the attention, name its cache
    {"attn_logit_softcapping"},
    {"final_logit_softcapping"},
    {"query_pre_attn_scalar"},
    {"sliding_window"},
    {"sliding_window_size"},
    {"cache_implementation"},
    {"layer_types"},
    {"hidden_activation"},  // the MLP's activation, which has no parameters
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"gemma2", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) { return {"gemma2", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"gemma2", config_keys_without_parameters};
}

}  // namespace archdesc::gemma2
