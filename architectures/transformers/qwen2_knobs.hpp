// architectures/transformers/qwen2_knobs.hpp: qwen2.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report qwen2.5-7b --set config.max_position_embeddings=4096
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/qwen2.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::qwen2::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, max_position_embeddings, tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::qwen2::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::qwen2::base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::qwen2::for_sequence_classification, config, num_classes);

namespace archdesc::qwen2 {

// For --hf-config: the keys of Qwen2Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"sliding_window"}, {"use_sliding_window"}, {"max_window_layers"}, {"layer_types"},  // masks only
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"qwen2", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) { return {"qwen2", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"qwen2", config_keys_without_parameters};
}

}  // namespace archdesc::qwen2
