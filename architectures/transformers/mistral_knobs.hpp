// architectures/transformers/mistral_knobs.hpp: mistral.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mistral-7b-v0.1 --set config.num_hidden_layers=16
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/llama_knobs.hpp>
#include <architectures/transformers/mistral.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mistral::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::mistral::base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::mistral::for_sequence_classification, config, num_classes);

namespace archdesc::mistral {

// For --hf-config: the keys of MistralConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"sliding_window"},  // masks the attention, whose weights it leaves alone
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"mistral", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) { return {"mistral", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"mistral", config_keys_without_parameters};
}

}  // namespace archdesc::mistral
