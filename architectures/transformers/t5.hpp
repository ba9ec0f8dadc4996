// architectures/transformers/t5.hpp: Hugging Face transformers' T5Model (transformers/models/t5/modeling_t5.py),
// with the knobs of T5Config, and for --hf-config T5ForConditionalGeneration and T5EncoderModel.
//
//   constexpr auto net = archdesc::t5::t5_small();
//   static_assert(archdesc::parameter_count<net> == 60'506'624);
//   constexpr auto short_input = archdesc::t5::t5_small({.input = {64}});
//   static_assert(archdesc::valid<short_input>);
//   constexpr archdesc::t5::model tiny{.config = {.vocab_size = 1000, .d_model = 64, .d_kv = 16, .d_ff = 128,
//   .num_layers = 2, .num_heads = 4}};
//
// The input is a sequence of token ids, (sequence_length,) with the batch of one put first; the
// decoder receives decoder_input_ids of the same length. By default 512 tokens, the n_positions of
// the T5 checkpoints (relative attention has no limit). T5Model returns the decoder's last hidden
// state, (1, sequence_length, d_model).
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <string_view>

namespace archdesc::t5 {

// T5Config.feed_forward_proj: "relu" (T5DenseActDense with ReLU) or "gated-gelu"
// (T5DenseGatedActDense with gelu_new).
enum class feed_forward { relu, gated_gelu };

// T5Config's knobs that change names, parameters or shapes (dropout rates, epsilons and
// relative_attention_max_distance change none). num_decoder_layers 0 means None: num_layers.
struct config {
  int vocab_size = 32128;
  int d_model = 512;
  int d_kv = 64;
  int d_ff = 2048;
  int num_layers = 6;
  int num_decoder_layers = 0;
  int num_heads = 8;
  int relative_attention_num_buckets = 32;
  t5::feed_forward feed_forward_proj = feed_forward::relu;
};

// T5LayerNorm: a root-mean-square norm with a scale and no bias.
struct t5_layer_norm {
  static constexpr std::string_view type_name = "T5LayerNorm";
  int hidden_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    self.parameter("weight", {hidden_size});
    if (hidden_states.rank == 0 || hidden_states[-1] != hidden_size)
      self.fail("normalizes over ", hidden_size, " features, receives ", hidden_states);
    return hidden_states;
  }
};

// The token embedding T5Model registers as `shared` and both stacks use as `embed_tokens`.
constexpr embedding shared_embedding(const config& c) { return {c.vocab_size, c.d_model}; }

// T5Attention: self-attention, or, given key_value_states (the encoder's output), attention over
// them. Q·Kᵀ plus a position bias, softmax, times V, per head of d_kv. The first layer of a stack
// computes the position bias from relative_attention_bias, an Embedding of buckets of relative
// positions; the other layers reuse it.
struct t5_attention {
  static constexpr std::string_view type_name = "T5Attention";
  int d_model = 0;
  int d_kv = 0;
  int n_heads = 0;
  int relative_attention_num_buckets = 0;
  bool has_relative_attention_bias = false;
  shape key_value_states{};  // rank 0: self-attention

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (!self.expect_rank(hidden_states, 3, "(batch_size, seq_length, d_model)")) return hidden_states;
    const int inner_dim = checked_int(std::int64_t{n_heads} * d_kv);
    const linear projection{.in_features = d_model, .out_features = inner_dim, .bias = false};
    const shape query_states = self("q", projection, hidden_states);
    const shape& current_states = key_value_states.rank == 0 ? hidden_states : key_value_states;
    const shape key_states = self("k", projection, current_states);
    self("v", projection, current_states);
    const std::int64_t batch = query_states[0], query_length = query_states[1], key_length = key_states[1];
    transformers::count_attention_products(
        self,
        {.batch = batch, .heads = n_heads, .query_length = query_length, .key_length = key_length, .head_dim = d_kv});
    const shape attn_output{batch, query_length, inner_dim};
    const linear o{.in_features = inner_dim, .out_features = d_model, .bias = false};
    if (!has_relative_attention_bias) return self("o", o, attn_output);
    // relative_attention_bias is registered after o and called (by compute_bias) before it.
    const auto output = self.declare("o", o, attn_output);
    const shape relative_position_bucket{query_length, key_length};
    const auto relative_attention_bias = self.declare(
        "relative_attention_bias", embedding{relative_attention_num_buckets, n_heads}, relative_position_bucket);
    relative_attention_bias(relative_position_bucket);
    return output(attn_output);
  }
};

// T5DenseActDense: wi, ReLU, dropout, wo.
struct t5_dense_act_dense {
  static constexpr std::string_view type_name = "T5DenseActDense";
  int d_model = 0;
  int d_ff = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape x = self("wi", linear{.in_features = d_model, .out_features = d_ff, .bias = false}, hidden_states);
    x = self("act", relu, x);
    x = self("dropout", dropout, x);
    return self("wo", linear{.in_features = d_ff, .out_features = d_model, .bias = false}, x);
  }
};

// T5DenseGatedActDense: act(wi_0(x)) * wi_1(x), dropout, wo; act is gelu_new.
struct t5_dense_gated_act_dense {
  static constexpr std::string_view type_name = "T5DenseGatedActDense";
  int d_model = 0;
  int d_ff = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const linear wi{.in_features = d_model, .out_features = d_ff, .bias = false};
    const shape hidden_gelu = self("act", transformers::new_gelu_activation, self("wi_0", wi, hidden_states));
    const shape hidden_linear = self("wi_1", wi, hidden_states);
    shape x = self.multiply(hidden_gelu, hidden_linear);
    x = self("dropout", dropout, x);
    return self("wo", linear{.in_features = d_ff, .out_features = d_model, .bias = false}, x);
  }
};

// T5LayerSelfAttention, T5LayerCrossAttention and T5LayerFF: x + dropout(sublayer(layer_norm(x))).
template <module Sublayer>
struct t5_layer {
  std::string_view type_name;
  const char* sublayer_name = "";
  Sublayer sublayer;
  int d_model = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    // PyTorch registers layer_norm after the sublayer but calls it before.
    const auto apply_sublayer = self.declare(sublayer_name, sublayer, hidden_states);
    const auto layer_norm = self.declare("layer_norm", t5_layer_norm{d_model}, hidden_states);
    shape x = apply_sublayer(layer_norm(hidden_states));
    x = self("dropout", dropout, x);
    return self.add(hidden_states, x);
  }
};

// T5Block: layer = [T5LayerSelfAttention, T5LayerCrossAttention in a decoder, T5LayerFF].
struct t5_block {
  static constexpr std::string_view type_name = "T5Block";
  t5::config config{};
  bool is_decoder = false;
  bool has_relative_attention_bias = false;
  shape encoder_hidden_states{};  // a decoder's key_value_states

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const int d_model = config.d_model;
    const t5_attention self_attention{.d_model = d_model,
                                      .d_kv = config.d_kv,
                                      .n_heads = config.num_heads,
                                      .relative_attention_num_buckets = config.relative_attention_num_buckets,
                                      .has_relative_attention_bias = has_relative_attention_bias};
    const t5_attention cross_attention{.d_model = d_model,
                                       .d_kv = config.d_kv,
                                       .n_heads = config.num_heads,
                                       .key_value_states = encoder_hidden_states};
    return self(
        "layer", module_list([&](scope& layer, shape x) {
          x = layer(t5_layer<t5_attention>{"T5LayerSelfAttention", "SelfAttention", self_attention, d_model}, x);
          if (is_decoder)
            x = layer(t5_layer<t5_attention>{"T5LayerCrossAttention", "EncDecAttention", cross_attention, d_model}, x);
          if (config.feed_forward_proj == feed_forward::gated_gelu)
            return layer(
                t5_layer<t5_dense_gated_act_dense>{"T5LayerFF", "DenseReluDense", {d_model, config.d_ff}, d_model}, x);
          return layer(t5_layer<t5_dense_act_dense>{"T5LayerFF", "DenseReluDense", {d_model, config.d_ff}, d_model}, x);
        }),
        hidden_states);
  }
};

// T5Stack: the encoder, or the decoder given the encoder's output. Its embed_tokens is T5Model's
// shared embedding, whose weight named_parameters() lists once, as shared.weight.
struct t5_stack {
  static constexpr std::string_view type_name = "T5Stack";
  t5::config config{};
  bool is_decoder = false;
  shape encoder_hidden_states{};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "of token ids (batch_size, seq_length)")) return input_ids;
    shape hidden_states = self.tied("embed_tokens", shared_embedding(config), input_ids);  // the model's `shared`
    hidden_states = self("dropout", dropout, hidden_states);
    const int num_layers = is_decoder && config.num_decoder_layers != 0 ? config.num_decoder_layers : config.num_layers;
    hidden_states = self("block", module_list([&](scope& block, shape x) {
                           for (int i = 0; i < num_layers; ++i)
                             x = block(t5_block{config, is_decoder, i == 0, encoder_hidden_states}, x);
                           return x;
                         }),
                         hidden_states);
    hidden_states = self("final_layer_norm", t5_layer_norm{config.d_model}, hidden_states);
    return self("dropout", dropout, hidden_states);
  }
};

// T5Model's and T5ForConditionalGeneration's shared, encoder and decoder, the decoder given
// decoder_input_ids of the input's length; returns the decoder's last hidden state.
constexpr shape encoder_decoder(scope& self, const config& c, const shape& input_ids) {
  self.declare("shared", shared_embedding(c), input_ids);
  const shape encoder_hidden_states = self("encoder", t5_stack{c, false, {}}, input_ids);
  const shape& decoder_input_ids = input_ids;
  return self("decoder", t5_stack{c, true, encoder_hidden_states}, decoder_input_ids);
}

// transformers.T5Model(config).
struct model {
  static constexpr std::string_view type_name = "T5Model";
  static constexpr std::string_view no_split_modules[] = {t5_block::type_name};  // transformers' _no_split_modules
  t5::config config{};
  shape input{512};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return encoder_decoder(self, config, input_ids);
  }
};

// transformers.T5ForConditionalGeneration(config): T5Model's modules, then lm_head (bias=False) to
// the vocabulary. With tie_word_embeddings (T5Config's default; T5 v1.1 and Flan-T5 set it false),
// lm_head.weight is shared.weight, which named_parameters() lists once, and the decoder's output is
// scaled by d_model^-0.5 first. The logits are (batch_size, sequence_length, vocab_size).
struct for_conditional_generation {
  static constexpr std::string_view type_name = "T5ForConditionalGeneration";
  static constexpr std::string_view no_split_modules[] = {t5_block::type_name};  // transformers' _no_split_modules
  t5::config config{};
  bool tie_word_embeddings = true;
  shape input{512};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape sequence_output = encoder_decoder(self, config, input_ids);
    const linear lm_head{.in_features = config.d_model, .out_features = config.vocab_size, .bias = false};
    if (tie_word_embeddings) return self.tied("lm_head", lm_head, sequence_output);
    return self("lm_head", lm_head, sequence_output);
  }
};

// transformers.T5EncoderModel(config): shared and the encoder alone; its output is the encoder's
// last hidden state, (batch_size, sequence_length, d_model).
struct encoder_model {
  static constexpr std::string_view type_name = "T5EncoderModel";
  static constexpr std::string_view no_split_modules[] = {t5_block::type_name};  // transformers' _no_split_modules
  t5::config config{};
  shape input{512};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    self.declare("shared", shared_embedding(config), input_ids);
    return self("encoder", t5_stack{config, false, {}}, input_ids);
  }
};

// What memory planning needs (archdesc/memory.hpp), for input_ids of the model's length fed to both
// stacks: each decoder layer caches its self-attention's key and value per head (d_kv each) for
// every decoder token, and its cross-attention's key and value of every encoder token; Korthikanti
// et al.'s activations count both stacks' layers.
constexpr transformer_geometry encoder_decoder_geometry(const config& c, const shape& input) {
  const int decoder_layers = c.num_decoder_layers != 0 ? c.num_decoder_layers : c.num_layers;
  const std::int64_t per_layer = checked_mul(2, key_value_cache_per_token(c.num_heads, c.d_kv));
  return {.layers = c.num_layers + decoder_layers,
          .hidden_size = c.d_model,
          .attention_heads = c.num_heads,
          .cached_per_token = checked_mul(decoder_layers, per_layer),
          .context = input.rank == 1 ? input[0] : 0,
          .cache =
              "the decoder's: its self-attention's key and value per head and layer, and its "
              "cross-attention's of the encoder output (as many encoder tokens)"};
}
constexpr transformer_geometry geometry_of(const model& net) { return encoder_decoder_geometry(net.config, net.input); }
constexpr transformer_geometry geometry_of(const for_conditional_generation& net) {
  return encoder_decoder_geometry(net.config, net.input);
}

// The encoder alone caches nothing.
constexpr transformer_geometry geometry_of(const encoder_model& net) {
  return {.layers = net.config.num_layers,
          .hidden_size = net.config.d_model,
          .attention_heads = net.config.num_heads,
          .context = net.input.rank == 1 ? net.input[0] : 0,
          .cache = encoder_caches_nothing};
}

// The public checkpoints: their builders set the sizes of their config.json (archdesc/builder.hpp);
// the other knobs are the user's: t5_base({.config = {.vocab_size = 32100}}).
constexpr model checkpoint(const config& sizes, model knobs) {
  builder_sets(knobs, &model::config, &config::d_model, sizes.d_model);
  builder_sets(knobs, &model::config, &config::d_kv, sizes.d_kv);
  builder_sets(knobs, &model::config, &config::d_ff, sizes.d_ff);
  builder_sets(knobs, &model::config, &config::num_layers, sizes.num_layers);
  builder_sets(knobs, &model::config, &config::num_heads, sizes.num_heads);
  return knobs;
}
constexpr model t5_small(const model& knobs = {}) { return checkpoint({}, knobs); }
constexpr model t5_base(const model& knobs = {}) {
  return checkpoint({.d_model = 768, .d_ff = 3072, .num_layers = 12, .num_heads = 12}, knobs);
}
constexpr model t5_large(const model& knobs = {}) {
  return checkpoint({.d_model = 1024, .d_ff = 4096, .num_layers = 24, .num_heads = 16}, knobs);
}
constexpr model t5_3b(const model& knobs = {}) {
  return checkpoint({.d_model = 1024, .d_kv = 128, .d_ff = 16384, .num_layers = 24, .num_heads = 32}, knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"t5-small", t5_small()},
    {"t5-base", t5_base()},
    {"t5-large", t5_large()},
    {"t5-3b", t5_3b()},
};

}  // namespace archdesc::t5
