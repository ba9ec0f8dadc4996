// architectures/transformers/qwen2_knobs.hpp: qwen2.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report qwen2.5-7b --set config.max_position_embeddings=4096
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/qwen2.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::qwen2::config, vocab_size, hidden_size, intermediate_size, num_hidden_layers,
                        num_attention_heads, num_key_value_heads, max_position_embeddings, tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::qwen2::model, config);
