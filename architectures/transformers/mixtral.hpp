// architectures/transformers/mixtral.hpp: Hugging Face transformers' Mixtral (src/transformers/models/mixtral/
// modeling_mixtral.py and configuration_mixtral.py, v4.38): MixtralForCausalLM, Mistral's layout
// (llama.hpp's blocks) with a sparse mixture of experts, `block_sparse_moe`, as each layer's
// feed-forward.
//
//   constexpr auto net = archdesc::mixtral::mixtral_8x7b_v0_1();
//   static_assert(archdesc::parameter_count<net> == 46'702'792'704);         // every expert
//   static_assert(archdesc::active_parameter_count<net> == 12'879'925'248);  // 2 of 8 experts per token
//   constexpr auto top_1 = archdesc::mixtral::mixtral_8x7b_v0_1({.num_experts_per_tok = 1});
//   static_assert(top_1.num_local_experts == 8);
//
// The router's choices depend on the data; the description routes as evenly as possible (choice j
// of the tokens × top_k choices goes to expert j mod num_local_experts), so each expert is called
// on its share of the tokens, and the multiply-accumulates are those of the top_k experts each
// token runs. An expert no token chooses is not called, as in MixtralSparseMoeBlock.forward.
#pragma once

#include <architectures/transformers/llama.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::mixtral {

// Mixtral's expert MLP is MixtralBlockSparseTop2MLP.
inline constexpr llama::class_names classes{"MixtralRMSNorm",      "MixtralRotaryEmbedding",
                                            "MixtralAttention",    "MixtralBlockSparseTop2MLP",
                                            "MixtralDecoderLayer", "MixtralModel"};

// One expert: w2(act_fn(w1(x)) * w3(x)), registered w1, w2, w3, act_fn (nn.SiLU).
struct expert_mlp {
  static constexpr std::string_view type_name = classes.mlp;
  int hidden_dim = 0;
  int ffn_dim = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const linear up{.in_features = hidden_dim, .out_features = ffn_dim, .bias = false};
    shape h = self("w1", up, hidden_states);
    const auto w2 = self.declare("w2", linear{.in_features = ffn_dim, .out_features = hidden_dim, .bias = false}, h);
    h = self("act_fn", silu, h);
    h = self.multiply(h, self("w3", up, hidden_states));
    return w2(h);
  }
};

// MixtralSparseMoeBlock: a router `gate` scores the experts for each token, and each token runs
// through its top_k experts.
struct sparse_moe_block {
  static constexpr std::string_view type_name = "MixtralSparseMoeBlock";
  int hidden_dim = 0;
  int ffn_dim = 0;
  int num_experts = 0;
  int top_k = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (!self.expect_rank(hidden_states, 3, "(batch_size, sequence_length, hidden_dim)")) return hidden_states;
    const std::int64_t tokens = checked_mul(hidden_states[0], hidden_states[1]);
    const shape flat{tokens, hidden_dim};  // hidden_states.view(-1, hidden_dim)
    self("gate", linear{.in_features = hidden_dim, .out_features = num_experts, .bias = false}, flat);  // router_logits
    self("experts", module_list([&](scope& experts, const shape&) {
           experts.experts_per_token(top_k, num_experts);
           if (top_k <= 0 || top_k > num_experts) return flat;
           const std::int64_t choices = checked_mul(tokens, top_k);
           const expert_mlp expert{hidden_dim, ffn_dim};
           // The first choices % num_experts experts have one token more than the others.
           const std::int64_t each = choices / num_experts;
           const int with_one_more = static_cast<int>(choices % num_experts);
           experts.repeat(with_one_more, expert, {each + 1, hidden_dim});
           if (each > 0) {
             experts.repeat(num_experts - with_one_more, expert, {each, hidden_dim});
           } else {
             experts.declare_copies(num_experts - with_one_more, expert, {0, hidden_dim});
           }
           return flat;
         }),
         flat);
    return hidden_states;  // final_hidden_states, back to (batch_size, sequence_length, hidden_dim)
  }
};

// MixtralConfig()'s defaults, as LlamaConfig's knobs (the experts are the model's).
constexpr llama::config default_config() {
  return {.intermediate_size = 14336, .num_key_value_heads = 8, .max_position_embeddings = 4096 * 32};
}

// transformers.MixtralForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
// MixtralConfig's knobs are LlamaConfig's without attention_bias, and the experts'.
struct model {
  static constexpr std::string_view type_name = "MixtralForCausalLM";
  static constexpr std::string_view no_split_modules[] = {classes.decoder_layer};  // transformers' _no_split_modules
  llama::config config = default_config();
  int num_experts_per_tok = 2;
  int num_local_experts = 8;

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (config.attention_bias) self.fail("MixtralConfig has no attention_bias");
    return llama::causal_lm<classes>(
        self, input_ids, config, "block_sparse_moe",
        sparse_moe_block{config.hidden_size, config.intermediate_size, num_local_experts, num_experts_per_tok});
  }
};

// MixtralModel(config): the decoder MixtralForCausalLM holds as `model`.
constexpr llama::decoder_model<classes, sparse_moe_block> decoder(scope& self, const llama::config& c,
                                                                  int num_experts_per_tok, int num_local_experts) {
  if (c.attention_bias) self.fail("MixtralConfig has no attention_bias");
  return {c, "block_sparse_moe", {c.hidden_size, c.intermediate_size, num_local_experts, num_experts_per_tok}};
}

// transformers.MixtralModel(config) at the root, with MixtralForCausalLM's knobs; its output is the
// last hidden state.
struct base_model {
  static constexpr std::string_view type_name = "MixtralModel";
  llama::config config = default_config();
  int num_experts_per_tok = 2;
  int num_local_experts = 8;

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
    return decoder(self, config, num_experts_per_tok, num_local_experts).forward(self, input_ids);
  }
};

// transformers.MixtralForSequenceClassification(config): MixtralModel as `model`, then `score`
// (transformers/blocks.hpp's decoder_scores), num_labels as num_classes.
struct for_sequence_classification {
  static constexpr std::string_view type_name = "MixtralForSequenceClassification";
  llama::config config = default_config();
  int num_experts_per_tok = 2;
  int num_local_experts = 8;
  int num_classes = 2;  // config.num_labels

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return transformers::decoder_scores(self, input_ids, decoder(self, config, num_experts_per_tok, num_local_experts),
                                        config.hidden_size, num_classes);
  }
};

// mistralai/Mixtral-8x7B-v0.1's config.json: MixtralConfig()'s sizes, a context of 32768.
// The builder takes the model's knobs (archdesc/builder.hpp): mixtral_8x7b_v0_1({.num_experts_per_tok = 1}).
constexpr model mixtral_8x7b_v0_1(const model& knobs = {}) {
  llama::config sizes = default_config();
  sizes.max_position_embeddings = 32768;
  model net = llama::checkpoint(sizes, knobs);
  builder_sets(net, &model::num_local_experts, 8);
  return net;
}

inline constexpr named_model<model> named_models[] = {{"mixtral-8x7b-v0.1", mixtral_8x7b_v0_1()}};

}  // namespace archdesc::mixtral
