// architectures/transformers/deepseek_knobs.hpp: deepseek.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report deepseek-v2-lite --set config.n_routed_experts=32
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/deepseek.hpp>
#include <architectures/transformers/hf_config.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::config, vocab_size, hidden_size, intermediate_size, moe_intermediate_size,
                        num_hidden_layers, num_attention_heads, n_shared_experts, n_routed_experts, num_experts_per_tok,
                        first_k_dense_replace, q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim,
                        v_head_dim, max_position_embeddings, attention_bias, tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::v2_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::for_sequence_classification, config, num_classes);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::v2_base_model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::v2_for_sequence_classification, config, num_classes);

namespace archdesc::deepseek {

// For --hf-config: the keys of DeepseekV3Config and DeepseekV2Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    // the router's choice: groups, scaling, scoring, the auxiliary loss; not its weights
    {"n_group"},
    {"topk_group"},
    {"routed_scaling_factor"},
    {"norm_topk_prob"},
    {"topk_method"},
    {"scoring_func"},
    {"seq_aux"},
    {"aux_loss_alpha"},
    {"ep_size"},
    {"pretraining_tp"},
    // multi-head latent attention sizes its keys and values by num_attention_heads
    {"num_key_value_heads"},
    // DeepSeek-V3's multi-token-prediction layer, which DeepseekV3ForCausalLM does not load
    {"num_nextn_predict_layers"},
    {"moe_layer_freq", "1"},  // every layer from first_k_dense_replace on is MoE; other values are not described
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"deepseek_v3", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const base_model&) {
  return {"deepseek_v3", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const for_sequence_classification&) {
  return {"deepseek_v3", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const v2_model&) {
  return {"deepseek_v2", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const v2_base_model&) {
  return {"deepseek_v2", config_keys_without_parameters};
}
constexpr transformers::hf_class hf_class_of(const v2_for_sequence_classification&) {
  return {"deepseek_v2", config_keys_without_parameters};
}

}  // namespace archdesc::deepseek
