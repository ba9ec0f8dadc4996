// architectures/transformers/mixtral_knobs.hpp: mixtral.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mixtral-8x7b-v0.1 --set num_local_experts=4
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/llama_knobs.hpp>
#include <architectures/transformers/mixtral.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mixtral::model, config, num_experts_per_tok, num_local_experts);
BOOST_HANA_ADAPT_STRUCT(archdesc::mixtral::base_model, config, num_experts_per_tok, num_local_experts);
BOOST_HANA_ADAPT_STRUCT(archdesc::mixtral::for_sequence_classification, config, num_experts_per_tok, num_local_experts,
                        num_classes);

namespace archdesc::mixtral {

// For --hf-config: the keys of MixtralConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"sliding_window"},
    {"output_router_logits"},
    {"router_aux_loss_coef"},
    {"router_jitter_noise"},
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"mixtral", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) { return {"mixtral", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"mixtral", config_keys_without_parameters};
}

}  // namespace archdesc::mixtral
