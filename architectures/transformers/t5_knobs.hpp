// architectures/transformers/t5_knobs.hpp: t5.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report t5-small --set config.feed_forward_proj=gated_gelu
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/t5.hpp>

ARCHDESC_KNOB_ENUM(archdesc::t5::feed_forward, relu, gated_gelu);
BOOST_HANA_ADAPT_STRUCT(archdesc::t5::config, vocab_size, d_model, d_kv, d_ff, num_layers, num_decoder_layers,
                        num_heads, relative_attention_num_buckets, feed_forward_proj);
BOOST_HANA_ADAPT_STRUCT(archdesc::t5::model, config, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::t5::for_conditional_generation, config, tie_word_embeddings, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::t5::encoder_model, config, input);

namespace archdesc::t5 {

// For --hf-config: the keys of T5Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"n_positions"},  // the relative attention has no positional table
    {"relative_attention_max_distance"},
    {"dense_act_fn"},
    {"is_gated_act"},
    {"output_past"},
    {"tie_word_embeddings"},  // ties lm_head, which only T5ForConditionalGeneration has (a knob there)
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"t5", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_conditional_generation&) {
  return {"t5", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const encoder_model&) { return {"t5", config_keys_without_parameters}; }

}  // namespace archdesc::t5
