// architectures/transformers/mixtral_knobs.hpp: mixtral.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mixtral-8x7b-v0.1 --set num_local_experts=4
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/llama_knobs.hpp>
#include <architectures/transformers/mixtral.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mixtral::model, config, num_experts_per_tok, num_local_experts);
