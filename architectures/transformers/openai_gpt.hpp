// architectures/transformers/openai_gpt.hpp: Hugging Face transformers' OpenAIGPTModel, the first GPT
// (transformers/models/openai/modeling_openai.py), with the knobs of OpenAIGPTConfig, and
// OpenAIGPTLMHeadModel (for --hf-config).
//
//   constexpr auto net = archdesc::openai_gpt::openai_gpt();
//   static_assert(archdesc::parameter_count<net> == 116'534'784);
//   constexpr auto shallow = archdesc::openai_gpt::openai_gpt({.config = {.n_layer = 2}});
//   static_assert(archdesc::valid<shallow>);
//   constexpr archdesc::openai_gpt::model tiny{.config = {.vocab_size = 1000, .n_positions = 64, .n_embd = 64, .n_layer
//   = 2, .n_head = 4}};
//
// The input is a sequence of token ids, (sequence_length,) with the batch of one put first; by
// default a whole context, n_positions tokens, so that MACs / n_positions are the MACs per token at
// the context length. OpenAIGPTModel returns the last hidden state, (1, sequence_length, n_embd).
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <string_view>

namespace archdesc::openai_gpt {

// OpenAIGPTConfig's knobs that change names, parameters or shapes (afn, dropout rates and epsilons
// change none).
struct config {
  int vocab_size = 40478;
  int n_positions = 512;
  int n_embd = 768;
  int n_layer = 12;
  int n_head = 12;
};

// What memory planning needs (archdesc/memory.hpp). OpenAIGPTModel takes no past_key_values: it
// caches nothing.
constexpr transformer_geometry geometry_of(const config& c) {
  return {.layers = c.n_layer,
          .hidden_size = c.n_embd,
          .attention_heads = c.n_head,
          .context = c.n_positions,
          .cache = "none: OpenAIGPTModel takes no past_key_values, so each step runs the whole sequence again"};
}

// Block: a post-norm block, the attention and MLP of GPT-2 (transformer_blocks.hpp), each added to
// its input and then normalized.
struct block {
  static constexpr std::string_view type_name = "Block";
  int nx = 0;
  int n_head = 1;
  int n_positions = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape a =
        self("attn", transformers::conv1d_attention{"Attention", nx, n_head, n_positions, dtype::float32, false}, x);
    const shape n = self("ln_1", layer_norm{{nx}}, self.add(x, a));
    const shape m = self("mlp", transformers::conv1d_mlp{"MLP", nx, 4 * nx}, n);
    return self("ln_2", layer_norm{{nx}}, self.add(n, m));
  }
};

// transformers.OpenAIGPTModel(config).
struct model {
  static constexpr std::string_view type_name = "OpenAIGPTModel";
  // No no_split_modules: transformers' OpenAIGPTPreTrainedModel names none, so a device map may split any block.
  openai_gpt::config config{};

  constexpr shape input_shape() const { return {config.n_positions}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "of token ids (batch_size, sequence_length)")) return input_ids;
    // position_ids is a slice of a buffer of n_positions positions
    self.buffer("position_ids", {config.n_positions}, dtype::int64, persistence::non_persistent);
    if (input_ids[1] > config.n_positions)
      self.fail("a sequence of ", input_ids[1], " tokens is longer than n_positions = ", config.n_positions);
    const shape inputs_embeds = self("tokens_embed", embedding{config.vocab_size, config.n_embd}, input_ids);
    const shape position_ids{1, input_ids[1]};
    const shape position_embeds = self("positions_embed", embedding{config.n_positions, config.n_embd}, position_ids);
    shape hidden_states = self("drop", dropout, self.add(inputs_embeds, position_embeds));
    return self("h", repeated(config.n_layer, block{config.n_embd, config.n_head, config.n_positions}), hidden_states);
  }
};

// transformers.OpenAIGPTLMHeadModel(config): OpenAIGPTModel as `transformer`, then lm_head
// (bias=False) to the vocabulary, tied to transformer.tokens_embed: named_parameters() lists that
// weight once, as tokens_embed's. The logits are (batch_size, sequence_length, vocab_size).
struct lm_head_model {
  static constexpr std::string_view type_name = "OpenAIGPTLMHeadModel";
  openai_gpt::config config{};

  constexpr shape input_shape() const { return {config.n_positions}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape hidden_states = self("transformer", model{config}, input_ids);
    return self.tied("lm_head", linear{.in_features = config.n_embd, .out_features = config.vocab_size, .bias = false},
                     hidden_states);
  }
};

// openai-gpt: OpenAIGPTConfig() defaults.
// The builder takes the model's knobs (archdesc/builder.hpp): openai_gpt({.config = {.n_layer = 6}}).
constexpr model openai_gpt(const model& knobs = {}) { return knobs; }

inline constexpr named_model<model> named_models[] = {
    {"gpt", openai_gpt()},
};

}  // namespace archdesc::openai_gpt
