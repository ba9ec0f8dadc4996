// architectures/transformers/gemma2_knobs.hpp: gemma2.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report gemma-2-9b --set config.max_position_embeddings=1024
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/gemma2.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::gemma2::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, head_dim, max_position_embeddings, attention_bias,
                        tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::gemma2::model, config);
