// architectures/transformers/phi3_knobs.hpp: phi3.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report phi-3-mini-4k-instruct --set config.num_key_value_heads=8
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/phi3.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::phi3::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, max_position_embeddings, tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::phi3::model, config);
