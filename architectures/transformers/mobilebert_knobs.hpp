// architectures/transformers/mobilebert_knobs.hpp: mobilebert.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mobilebert --set config.normalization_type=layer_norm
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/mobilebert.hpp>

ARCHDESC_KNOB_ENUM(archdesc::mobilebert::normalization_type, no_norm, layer_norm);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilebert::config, vocab_size, hidden_size, num_hidden_layers, num_attention_heads,
                        intermediate_size, max_position_embeddings, type_vocab_size, embedding_size, trigram_input,
                        use_bottleneck, intra_bottleneck_size, use_bottleneck_attention, key_query_shared_bottleneck,
                        num_feedforward_networks, normalization_type, classifier_activation);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilebert::model, config, add_pooling_layer, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilebert::for_masked_lm, config, input);

namespace archdesc::mobilebert {

// For --hf-config: the keys of MobileBertConfig that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    {"true_hidden_size"},  // intra_bottleneck_size or hidden_size, which MobileBertConfig derives
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"mobilebert", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const for_masked_lm&) {
  return {"mobilebert", config_keys_without_parameters};
}

}  // namespace archdesc::mobilebert
