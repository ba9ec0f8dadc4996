// architectures/transformers/llama_knobs.hpp: llama.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report llama-2-7b --set config.num_key_value_heads=8
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/llama.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::llama::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, max_position_embeddings, tie_word_embeddings,
                        attention_bias);
BOOST_HANA_ADAPT_STRUCT(archdesc::llama::model, config);
