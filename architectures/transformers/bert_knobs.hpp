// architectures/transformers/bert_knobs.hpp: bert.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report bert-base-uncased --set config.num_hidden_layers=6
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/bert.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::bert::config, vocab_size, hidden_size, num_hidden_layers, num_attention_heads,
                        intermediate_size, max_position_embeddings, type_vocab_size);
BOOST_HANA_ADAPT_STRUCT(archdesc::bert::model, config, add_pooling_layer, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::bert::for_sequence_classification, config, num_classes, input);
