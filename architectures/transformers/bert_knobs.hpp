// architectures/transformers/bert_knobs.hpp: bert.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report bert-base-uncased --set config.num_hidden_layers=6
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/hf_config.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::bert::config, vocab_size, hidden_size, num_hidden_layers, num_attention_heads,
                        intermediate_size, max_position_embeddings, type_vocab_size);
BOOST_HANA_ADAPT_STRUCT(archdesc::bert::model, config, add_pooling_layer, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::bert::for_sequence_classification, config, num_classes, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::bert::for_masked_lm, config, input);

namespace archdesc::bert {

// For --hf-config: the keys of BertConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"position_embedding_type", "\"absolute\""},  // relative_key adds distance_embedding
    {"add_cross_attention", "false"},             // true adds a cross-attention to each layer
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"bert", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"bert", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const for_masked_lm&) { return {"bert", config_keys_without_parameters}; }

}  // namespace archdesc::bert
