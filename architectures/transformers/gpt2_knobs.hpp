// architectures/transformers/gpt2_knobs.hpp: gpt2.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report gpt2 --set config.n_layer=6
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/gpt2.hpp>
#include <architectures/transformers/hf_config.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::config, vocab_size, n_positions, n_embd, n_layer, n_head, n_inner);
BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::for_sequence_classification, config, num_classes);
BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::lm_head_model, config);

namespace archdesc::gpt2 {

// For --hf-config: the keys of GPT2Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"n_ctx"},
    {"activation_function"},
    {"scale_attn_weights"},
    {"reorder_and_upcast_attn"},
    {"scale_attn_by_inverse_layer_idx"},
    // GPT2DoubleHeadsModel's multiple-choice head, which these classes do not have
    {"summary_type"},
    {"summary_activation"},
    {"summary_use_proj"},
    {"summary_proj_to_labels"},
    {"add_cross_attention", "false"},  // true adds a cross-attention to each block
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"gpt2", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"gpt2", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const lm_head_model&) { return {"gpt2", config_keys_without_parameters}; }

}  // namespace archdesc::gpt2
