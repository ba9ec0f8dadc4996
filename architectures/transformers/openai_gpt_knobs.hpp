// architectures/transformers/openai_gpt_knobs.hpp: openai_gpt.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report gpt --set config.n_layer=6
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/openai_gpt.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::openai_gpt::config, vocab_size, n_positions, n_embd, n_layer, n_head);
BOOST_HANA_ADAPT_STRUCT(archdesc::openai_gpt::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::openai_gpt::lm_head_model, config);

namespace archdesc::openai_gpt {

// For --hf-config: the keys of OpenAIGPTConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"afn"},
    {"n_ctx"},
    {"predict_special_tokens"},
    {"n_special", "0"},  // special tokens' embeddings beyond vocab_size, of the original code
    // OpenAIGPTDoubleHeadsModel's multiple-choice head, which this class does not have
    {"summary_type"},
    {"summary_activation"},
    {"summary_use_proj"},
    {"summary_proj_to_labels"},
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"openai-gpt", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const lm_head_model&) {
  return {"openai-gpt", config_keys_without_parameters};
}

}  // namespace archdesc::openai_gpt
