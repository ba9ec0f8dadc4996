// architectures/transformers/gpt2_knobs.hpp: gpt2.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report gpt2 --set config.n_layer=6
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/gpt2.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::config, vocab_size, n_positions, n_embd, n_layer, n_head, n_inner);
BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::gpt2::for_sequence_classification, config, num_classes);
