// architectures/transformers/mistral_knobs.hpp: mistral.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mistral-7b-v0.1 --set config.num_hidden_layers=16
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/llama_knobs.hpp>
#include <architectures/transformers/mistral.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mistral::model, config);
