// architectures/transformers/gpt2.hpp: Hugging Face transformers' GPT2Model and GPT2ForSequenceClassification
// (transformers/models/gpt2/modeling_gpt2.py), with the knobs of GPT2Config; and GPT-3 175B, which
// has the GPT2Model layout.
//
//   constexpr auto net = archdesc::gpt2::gpt2();
//   static_assert(archdesc::parameter_count<net> == 124'439'808);
//   constexpr auto wide_vocab = archdesc::gpt2::gpt3_175b({.config = {.vocab_size = 100'000}});
//   static_assert(wide_vocab.config.n_embd == 12288);
//   constexpr archdesc::gpt2::model tiny{.config = {.vocab_size = 1000, .n_positions = 64, .n_embd = 64, .n_layer = 2,
//   .n_head = 4}};
//
// The input is a sequence of token ids, (sequence_length,) with the batch of one put first; by
// default a whole context, n_positions tokens, so that MACs / n_positions are the MACs per token at
// the context length. GPT2Model returns the last hidden state, (1, sequence_length, n_embd).
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <string_view>

namespace archdesc::gpt2 {

// GPT2Config's knobs that change names, parameters or shapes (activation_function, dropout rates
// and epsilons change none). n_inner 0 means None: 4 * n_embd.
struct config {
  int vocab_size = 50257;
  int n_positions = 1024;
  int n_embd = 768;
  int n_layer = 12;
  int n_head = 12;
  int n_inner = 0;
};

// What memory planning needs (archdesc/memory.hpp): each layer caches a key and a value of n_embd.
constexpr transformer_geometry geometry_of(const config& c) {
  return key_value_decoder(c.n_layer, c.n_embd, c.n_head, c.n_head, c.n_head > 0 ? c.n_embd / c.n_head : 0,
                           c.n_positions);
}

// A pre-norm block: attention and MLP, each after a LayerNorm and added to the residual.
struct gpt2_block {
  static constexpr std::string_view type_name = "GPT2Block";
  int hidden_size = 0;
  int num_heads = 1;
  int inner_dim = 0;
  int n_positions = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape attn_output = self("ln_1", layer_norm{{hidden_size}}, hidden_states);
    attn_output =
        self("attn", transformers::conv1d_attention{"GPT2Attention", hidden_size, num_heads, n_positions}, attn_output);
    // residual connection
    const shape residual = self.add(attn_output, hidden_states);
    shape feed_forward_hidden_states = self("ln_2", layer_norm{{hidden_size}}, residual);
    feed_forward_hidden_states =
        self("mlp", transformers::conv1d_mlp{"GPT2MLP", hidden_size, inner_dim}, feed_forward_hidden_states);
    // residual connection
    return self.add(residual, feed_forward_hidden_states);
  }
};

// transformers.GPT2Model(config).
struct model {
  static constexpr std::string_view type_name = "GPT2Model";
  static constexpr std::string_view no_split_modules[] = {gpt2_block::type_name};  // transformers' _no_split_modules
  gpt2::config config{};

  constexpr shape input_shape() const { return {config.n_positions}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "of token ids (batch_size, sequence_length)")) return input_ids;
    const std::int64_t length = input_ids[1];
    // wpe has a row for each of n_positions positions
    if (length > config.n_positions)
      self.fail("a sequence of ", length, " tokens is longer than n_positions = ", config.n_positions);
    const int inner_dim = config.n_inner != 0 ? config.n_inner : 4 * config.n_embd;
    const shape inputs_embeds = self("wte", embedding{config.vocab_size, config.n_embd}, input_ids);
    const shape position_ids{1, length};
    const shape position_embeds = self("wpe", embedding{config.n_positions, config.n_embd}, position_ids);
    shape hidden_states = self.add(inputs_embeds, position_embeds);
    hidden_states = self("drop", dropout, hidden_states);
    const gpt2_block block{config.n_embd, config.n_head, inner_dim, config.n_positions};
    hidden_states = self("h", repeated(config.n_layer, block), hidden_states);
    return self("ln_f", layer_norm{{config.n_embd}}, hidden_states);
  }
};

// transformers.GPT2ForSequenceClassification(config): GPT2Model, then a linear score head without
// bias on every token; the logits of the last token are the sequence's (no pad_token_id is set).
struct for_sequence_classification {
  static constexpr std::string_view type_name = "GPT2ForSequenceClassification";
  static constexpr std::string_view no_split_modules[] = {gpt2_block::type_name};  // transformers' _no_split_modules
  gpt2::config config{};
  int num_classes = 2;  // config.num_labels

  constexpr shape input_shape() const { return {config.n_positions}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape hidden_states = self("transformer", model{config}, input_ids);
    const shape logits =
        self("score", linear{.in_features = config.n_embd, .out_features = num_classes, .bias = false}, hidden_states);
    // pooled_logits = logits[torch.arange(batch_size), sequence_lengths]
    return {logits[0], logits[-1]};
  }
};

// transformers.GPT2LMHeadModel(config): GPT2Model as `transformer`, then lm_head (bias=False) to the
// vocabulary, tied to transformer.wte (GPT2Config's tie_word_embeddings): named_parameters() lists
// that weight once, as wte's. The logits are (batch_size, sequence_length, vocab_size).
struct lm_head_model {
  static constexpr std::string_view type_name = "GPT2LMHeadModel";
  static constexpr std::string_view no_split_modules[] = {gpt2_block::type_name};  // transformers' _no_split_modules
  gpt2::config config{};

  constexpr shape input_shape() const { return {config.n_positions}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape hidden_states = self("transformer", model{config}, input_ids);
    return self.tied("lm_head", linear{.in_features = config.n_embd, .out_features = config.vocab_size, .bias = false},
                     hidden_states);
  }
};

// The builders take the model's knobs (archdesc/builder.hpp): gpt3_175b({.config = {.vocab_size = 32000}}).
// gpt2 and gpt3_175b set the sizes that make them that model; the other knobs are the user's.
constexpr model sized(const config& sizes, model knobs) {
  builder_sets(knobs, &model::config, &config::n_positions, sizes.n_positions);
  builder_sets(knobs, &model::config, &config::n_embd, sizes.n_embd);
  builder_sets(knobs, &model::config, &config::n_layer, sizes.n_layer);
  builder_sets(knobs, &model::config, &config::n_head, sizes.n_head);
  return knobs;
}

// gpt2 (GPT-2 small): GPT2Config()'s sizes.
constexpr model gpt2(const model& knobs = {}) { return sized({}, knobs); }
// GPT2ForSequenceClassification(GPT2Config()).
constexpr for_sequence_classification gpt2_for_sequence_classification(const for_sequence_classification& knobs = {}) {
  return knobs;
}

// GPT-3 175B (Brown et al. 2020, table 2.1) in the GPT2Model layout: 96 layers, d_model 12288,
// 96 heads of 128, a context of 2048 tokens and GPT-2's vocabulary.
constexpr model gpt3_175b(const model& knobs = {}) {
  return sized({.n_positions = 2048, .n_embd = 12288, .n_layer = 96, .n_head = 96}, knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"gpt2", gpt2()},
    {"gpt3-175b", gpt3_175b()},
};

inline constexpr named_model<for_sequence_classification> named_sequence_classifiers[] = {
    {"gpt2_for_sequence_classification", gpt2_for_sequence_classification()},
};

}  // namespace archdesc::gpt2
