// architectures/transformers/hf_config.hpp: how a Hugging Face config.json names a family's class
// (`archdesc report --hf-config`). Each family's knobs header (<family>_knobs.hpp) states, for each
// class a config.json can name, its model_type and the keys of its config that change no parameter
// (beyond PretrainedConfig's own and the conventions every family shares: dropouts, epsilons, rope
// settings, token ids, which the tool knows), as an hf_class_of found by argument-dependent lookup:
//
//   inline constexpr transformers::config_key config_keys_without_parameters[] = {
//       {"sliding_window"}, {"mlp_bias", "false"}};
//   constexpr transformers::hf_class hf_class_of(const model&) { return {"mistral", config_keys_without_parameters}; }
//
// The class's name is its Model::type_name; its knobs are the config keys of the same names.
#pragma once

#include <span>
#include <string_view>

namespace archdesc::transformers {

// A config.json key that changes no parameter of the class: at any value, or, with `only_at` (the
// value as JSON text: "1", "false"), only at that value; another value changes parameters that the
// descriptor does not describe, and is refused.
struct config_key {
  std::string_view name;
  std::string_view only_at{};
};

// What a config.json says of a class: its model_type, and its keys that change no parameter.
struct hf_class {
  std::string_view model_type;
  std::span<const config_key> keys_without_parameters;
};

}  // namespace archdesc::transformers
