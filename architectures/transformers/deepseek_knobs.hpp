// architectures/transformers/deepseek_knobs.hpp: deepseek.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report deepseek-v2-lite --set config.n_routed_experts=32
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/deepseek.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::config, vocab_size, hidden_size, intermediate_size, moe_intermediate_size,
                        num_hidden_layers, num_attention_heads, n_shared_experts, n_routed_experts, num_experts_per_tok,
                        first_k_dense_replace, q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim,
                        v_head_dim, max_position_embeddings, attention_bias, tie_word_embeddings);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::model, config);
BOOST_HANA_ADAPT_STRUCT(archdesc::deepseek::v2_model, config);
