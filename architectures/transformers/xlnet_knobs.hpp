// architectures/transformers/xlnet_knobs.hpp: xlnet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report xlnet-base-cased --set config.n_layer=12
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/xlnet.hpp>

ARCHDESC_KNOB_ENUM(archdesc::xlnet::attention_type, bi, uni);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::config, vocab_size, d_model, n_layer, n_head, d_inner, attn_type,
                        summary_use_proj, summary_proj_to_labels);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::model, config, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::xlnet::for_sequence_classification, config, num_classes, input);
