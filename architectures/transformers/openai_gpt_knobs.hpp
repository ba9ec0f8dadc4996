// architectures/transformers/openai_gpt_knobs.hpp: openai_gpt.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report gpt --set config.n_layer=6
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/openai_gpt.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::openai_gpt::config, vocab_size, n_positions, n_embd, n_layer, n_head);
BOOST_HANA_ADAPT_STRUCT(archdesc::openai_gpt::model, config);
