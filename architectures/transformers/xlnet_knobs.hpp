// architectures/transformers/xlnet_knobs.hpp: xlnet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report xlnet-base-cased --set config.n_layer=12
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/xlnet.hpp>

ARCHDESC_KNOB_ENUM(archdesc::xlnet::attention_type, bi, uni);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::config, vocab_size, d_model, n_layer, n_head, d_inner, attn_type,
                        summary_use_proj, summary_proj_to_labels);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::model, config, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::for_sequence_classification, config, num_classes, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::lm_head_model, config, input);

namespace archdesc::xlnet {

// For --hf-config: the keys of XLNetConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"mem_len"},
    {"reuse_len"},
    {"bi_data"},
    {"clamp_len"},
    {"same_length"},
    {"ff_activation"},
    {"d_head"},   // d_model / n_head, which XLNetConfig checks
    {"untie_r"},  // transformers' XLNetRelativeAttention has its biases in every layer either way
    {"use_mems_eval"},
    {"use_mems_train"},
    // XLNetForQuestionAnswering's and the summary's settings, which change no weight
    {"start_n_top"},
    {"end_n_top"},
    {"summary_type"},
    {"summary_activation"},
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"xlnet", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"xlnet", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const lm_head_model&) { return {"xlnet", config_keys_without_parameters}; }

}  // namespace archdesc::xlnet
