// architectures/transformers/t5_knobs.hpp: t5.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report t5-small --set config.feed_forward_proj=gated_gelu
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/t5.hpp>

ARCHDESC_KNOB_ENUM(archdesc::t5::feed_forward, relu, gated_gelu);
BOOST_HANA_ADAPT_STRUCT(archdesc::t5::config, vocab_size, d_model, d_kv, d_ff, num_layers, num_decoder_layers,
                        num_heads, relative_attention_num_buckets, feed_forward_proj);
BOOST_HANA_ADAPT_STRUCT(archdesc::t5::model, config, input);
