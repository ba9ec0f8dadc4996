// architectures/transformers/phi3_knobs.hpp: phi3.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report phi-3-mini-4k-instruct --set config.num_key_value_heads=8
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/phi3.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::phi3::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, max_position_embeddings, tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::phi3::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::phi3::base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::phi3::for_sequence_classification, config, num_classes);

namespace archdesc::phi3 {

// For --hf-config: the keys of Phi3Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"sliding_window"},
    {"original_max_position_embeddings"},  // masks and rope scaling only
    {"attention_bias", "false"},           // the projections have no bias
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"phi3", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) { return {"phi3", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"phi3", config_keys_without_parameters};
}

}  // namespace archdesc::phi3
