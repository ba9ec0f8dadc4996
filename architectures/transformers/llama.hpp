// architectures/transformers/llama.hpp: Hugging Face transformers' LLaMA (src/transformers/models/llama/
// modeling_llama.py and configuration_llama.py, v4.38, early 2024): LlamaForCausalLM with the
// knobs of LlamaConfig, on a sequence of token ids. Its blocks also make Mistral (mistral.hpp) and
// Mixtral (mixtral.hpp), which differ in class names and, for Mixtral, the feed-forward.
//
//   constexpr auto net = archdesc::llama::llama_2_7b();
//   static_assert(archdesc::parameter_count<net> == 6'738'415'616);
//   constexpr auto tied = archdesc::llama::llama_2_7b({.config = {.tie_word_embeddings = true}});
//   static_assert(tied.config.max_position_embeddings == 4096);  // llama_2_7b sets it: another value does not compile
//   constexpr archdesc::llama::model tiny{.config = {.vocab_size = 1000, .hidden_size = 64, .intermediate_size = 176,
//                                                    .num_hidden_layers = 2, .num_attention_heads = 4}};
//
// The default input is a full context: max_position_embeddings tokens, so macs<net> / that length
// is the multiply-accumulates per token at that length. The attention is LlamaAttention's
// ("eager"); Q·Kᵀ and A·V count for every query head, also where grouped-query attention shares
// the key and value heads. The rotary embedding is a module of each attention, as in v4.38 (later
// versions compute it once in LlamaModel; it has no parameters either way). pretraining_tp > 1,
// which calls the projections through F.linear, is not described.
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::llama {

// LlamaConfig: the knobs that change names, parameters or shapes (hidden_act, rms_norm_eps, the
// rope settings and attention_dropout change none). The defaults are LlamaConfig()'s.
struct config {
  int vocab_size = 32000;
  int hidden_size = 4096;
  int intermediate_size = 11008;
  int num_hidden_layers = 32;
  int num_attention_heads = 32;
  int num_key_value_heads = 0;  // 0 means None: num_attention_heads (multi-head attention)
  int max_position_embeddings = 2048;
  bool tie_word_embeddings = false;  // lm_head uses embed_tokens' weight, which is listed once
  bool attention_bias = false;

  constexpr int key_value_heads() const { return num_key_value_heads == 0 ? num_attention_heads : num_key_value_heads; }
};

// What memory planning needs (archdesc/memory.hpp), for Llama, Mistral and Mixtral: each layer
// caches a key and a value of head_dim for each key-value head.
constexpr transformer_geometry geometry_of(const config& c) {
  const int head_dim = c.num_attention_heads > 0 ? c.hidden_size / c.num_attention_heads : 0;
  return key_value_decoder(c.num_hidden_layers, c.hidden_size, c.num_attention_heads, c.key_value_heads(), head_dim,
                           c.max_position_embeddings);
}

// The class names of a family made of these blocks: Llama's, Mistral's or Mixtral's. The blocks
// take them as a template argument: a type name that depends on another member breaks clang 14's
// constant evaluation.
struct class_names {
  std::string_view rms_norm;
  std::string_view rotary_embedding;
  std::string_view attention;
  std::string_view mlp;
  std::string_view decoder_layer;
  std::string_view model;
};

inline constexpr class_names llama_classes{"LlamaRMSNorm", "LlamaRotaryEmbedding", "LlamaAttention",
                                           "LlamaMLP",     "LlamaDecoderLayer",    "LlamaModel"};

// LlamaRotaryEmbedding: no parameters; inv_freq, 1 / base^(2i/dim), is a non-persistent buffer
// (which checkpoints written before v4.31 hold: transformers ignores it on load). Called with the
// value states (batch, key_value_heads, seq_len, head_dim), it returns cos and sin, each (batch,
// seq_len, head_dim). The cos and sin caches v4.38 also registers are not described.
struct rotary_embedding {
  std::string_view type_name;
  int dim = 0;

  constexpr shape forward(scope& self, const shape& value_states) const {
    self.buffer("inv_freq", {(dim + 1) / 2}, dtype::float32, persistence::non_persistent);
    return {value_states[0], value_states[2], dim};
  }
};

// Multi-headed attention from 'Attention Is All You Need' paper, with num_key_value_heads key and
// value heads (grouped-query attention), each shared by num_attention_heads / num_key_value_heads
// query heads (repeat_kv).
template <const class_names& Classes>
struct attention {
  static constexpr std::string_view type_name = Classes.attention;
  int hidden_size = 0;
  int num_heads = 0;
  int num_key_value_heads = 0;
  bool bias = false;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (num_heads <= 0 || hidden_size % num_heads != 0) {
      self.fail("hidden_size must be divisible by num_heads (got `hidden_size`: ", hidden_size,
                " and `num_heads`: ", num_heads, ").");
      return hidden_states;
    }
    if (num_key_value_heads <= 0 || num_heads % num_key_value_heads != 0)
      self.fail("num_heads = ", num_heads, " is not a multiple of num_key_value_heads = ", num_key_value_heads);
    if (!self.expect_rank(hidden_states, 3, "(batch, seq_len, hidden_size)")) return hidden_states;
    const int head_dim = hidden_size / num_heads;
    const std::int64_t batch = hidden_states[0], length = hidden_states[1];
    self("q_proj", linear{.in_features = hidden_size, .out_features = num_heads * head_dim, .bias = bias},
         hidden_states);
    const linear key_value{.in_features = hidden_size,
                           .out_features = checked_int(std::int64_t{num_key_value_heads} * head_dim),
                           .bias = bias};
    self("k_proj", key_value, hidden_states);
    self("v_proj", key_value, hidden_states);
    self("rotary_emb", rotary_embedding{Classes.rotary_embedding, head_dim},
         {batch, num_key_value_heads, length, head_dim});
    transformers::count_attention_products(
        self, {.batch = batch, .heads = num_heads, .query_length = length, .key_length = length, .head_dim = head_dim});
    return self("o_proj", linear{.in_features = hidden_size, .out_features = hidden_size, .bias = bias},
                {batch, length, hidden_size});
  }
};

// LlamaMLP: down_proj(act_fn(gate_proj(x)) * up_proj(x)), with ACT2FN["silu"] (an nn.SiLU
// registered after down_proj; it has no parameters, so only its call has a place).
template <const class_names& Classes>
struct mlp {
  static constexpr std::string_view type_name = Classes.mlp;
  int hidden_size = 0;
  int intermediate_size = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const linear up{.in_features = hidden_size, .out_features = intermediate_size, .bias = false};
    shape h = self("act_fn", silu, self("gate_proj", up, x));
    h = self.multiply(h, self("up_proj", up, x));
    return self("down_proj", linear{.in_features = intermediate_size, .out_features = hidden_size, .bias = false}, h);
  }
};

// LlamaDecoderLayer, with a feed-forward: LlamaMLP as `mlp`, or Mixtral's sparse mixture of experts
// as `block_sparse_moe`. It registers self_attn, the feed-forward, input_layernorm and
// post_attention_layernorm, and calls each norm before its block.
template <const class_names& Classes, class FeedForward>
struct decoder_layer {
  static constexpr std::string_view type_name = Classes.decoder_layer;
  int hidden_size = 0;
  attention<Classes> self_attn;
  const char* feed_forward_name = "";
  FeedForward feed_forward;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const auto attend = self.declare("self_attn", self_attn, hidden_states);
    const auto feed = self.declare(feed_forward_name, feed_forward, hidden_states);
    const transformers::rms_norm norm{Classes.rms_norm, hidden_size};
    shape residual = hidden_states;
    shape x = self("input_layernorm", norm, hidden_states);
    x = self.add(residual, attend(x));
    residual = x;
    x = self("post_attention_layernorm", norm, x);
    return self.add(residual, feed(x));
  }
};

// LlamaModel: the embedding, the decoder layers and the final norm; its output is the last hidden state.
template <const class_names& Classes, class FeedForward>
struct decoder_model {
  static constexpr std::string_view type_name = Classes.model;
  llama::config config;
  const char* feed_forward_name = "";
  FeedForward feed_forward;

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const int hidden = config.hidden_size;
    const decoder_layer<Classes, FeedForward> layer{
        hidden,
        {hidden, config.num_attention_heads, config.key_value_heads(), config.attention_bias},
        feed_forward_name,
        feed_forward};
    shape x = self("embed_tokens", embedding{config.vocab_size, hidden}, input_ids);
    x = self("layers", repeated(config.num_hidden_layers, layer), x);
    return self("norm", transformers::rms_norm{Classes.rms_norm, hidden}, x);
  }
};

// The forward of LlamaForCausalLM and its likes: the model, then lm_head to the vocabulary. The
// logits are (batch, seq_len, vocab_size).
template <const class_names& Classes, class FeedForward>
constexpr shape causal_lm(scope& self, const shape& input_ids, const config& c, const char* feed_forward_name,
                          const FeedForward& feed_forward) {
  if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
  const shape hidden_states =
      self("model", decoder_model<Classes, FeedForward>{c, feed_forward_name, feed_forward}, input_ids);
  const linear lm_head{.in_features = c.hidden_size, .out_features = c.vocab_size, .bias = false};
  // Tied, lm_head.weight is model.embed_tokens.weight: named_parameters() lists it once, there.
  if (c.tie_word_embeddings) return self.tied("lm_head", lm_head, hidden_states);
  return self("lm_head", lm_head, hidden_states);
}

// transformers.LlamaForCausalLM(config) on input_ids of shape (batch_size, sequence_length).
struct model {
  static constexpr std::string_view type_name = "LlamaForCausalLM";
  // The blocks a device map places whole (transformers' _no_split_modules).
  static constexpr std::string_view no_split_modules[] = {llama_classes.decoder_layer};
  llama::config config{};

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return causal_lm<llama_classes>(self, input_ids, config, "mlp",
                                    mlp<llama_classes>{config.hidden_size, config.intermediate_size});
  }
};

// The family's classes (transformers/blocks.hpp's decoder_base_model and decoder_sequence_classifier).
struct family {
  using config = llama::config;
  static constexpr config defaults{};
  static constexpr std::string_view base_model_name = "LlamaModel";
  static constexpr std::string_view sequence_classifier_name = "LlamaForSequenceClassification";

  // LlamaModel(config).
  static constexpr auto decoder(scope&, const config& c) {
    return decoder_model<llama_classes, mlp<llama_classes>>{c, "mlp", {c.hidden_size, c.intermediate_size}};
  }
};

// transformers.LlamaModel(config) and LlamaForSequenceClassification(config), num_labels as num_classes.
using base_model = transformers::decoder_base_model<family>;
using for_sequence_classification = transformers::decoder_sequence_classifier<family>;

// A checkpoint's builder sets the sizes and the context of its config.json (archdesc/builder.hpp);
// the other knobs are the user's: llama_2_7b({.config = {.vocab_size = 32001}}). Mistral's and
// Mixtral's builders too.
template <class Model>
constexpr Model checkpoint(const config& sizes, Model knobs) {
  builder_sets(knobs, &Model::config, &config::hidden_size, sizes.hidden_size);
  builder_sets(knobs, &Model::config, &config::intermediate_size, sizes.intermediate_size);
  builder_sets(knobs, &Model::config, &config::num_hidden_layers, sizes.num_hidden_layers);
  builder_sets(knobs, &Model::config, &config::num_attention_heads, sizes.num_attention_heads);
  builder_sets(knobs, &Model::config, &config::num_key_value_heads, sizes.num_key_value_heads);
  builder_sets(knobs, &Model::config, &config::max_position_embeddings, sizes.max_position_embeddings);
  return knobs;
}

// The public checkpoints meta-llama/Llama-2-{7b,13b,70b}-hf (their config.json), and Llama 3's below.
constexpr model llama_2_7b(const model& knobs = {}) { return checkpoint({.max_position_embeddings = 4096}, knobs); }
constexpr model llama_2_13b(const model& knobs = {}) {
  return checkpoint({.hidden_size = 5120,
                     .intermediate_size = 13824,
                     .num_hidden_layers = 40,
                     .num_attention_heads = 40,
                     .max_position_embeddings = 4096},
                    knobs);
}
constexpr model llama_2_70b(const model& knobs = {}) {
  return checkpoint({.hidden_size = 8192,
                     .intermediate_size = 28672,
                     .num_hidden_layers = 80,
                     .num_attention_heads = 64,
                     .num_key_value_heads = 8,
                     .max_position_embeddings = 4096},
                    knobs);
}

// Llama 3's checkpoints: a vocabulary of 128256 tokens and grouped-query attention of 8 key-value
// heads at every size. Their config.json's rope_theta and Llama 3.1's rope_scaling ("llama3", which
// transformers reads from v4.43) change no name, shape or multiply-accumulate.
constexpr model llama_3(const config& sizes, const model& knobs) {
  model net = checkpoint(sizes, knobs);
  builder_sets(net, &model::config, &config::vocab_size, 128256);
  return net;
}

// meta-llama/Meta-Llama-3-8B and Meta-Llama-3-70B: a context of 8192.
constexpr model llama_3_8b(const model& knobs = {}) {
  return llama_3({.intermediate_size = 14336, .num_key_value_heads = 8, .max_position_embeddings = 8192}, knobs);
}
constexpr model llama_3_70b(const model& knobs = {}) {
  return llama_3({.hidden_size = 8192,
                  .intermediate_size = 28672,
                  .num_hidden_layers = 80,
                  .num_attention_heads = 64,
                  .num_key_value_heads = 8,
                  .max_position_embeddings = 8192},
                 knobs);
}
// meta-llama/Llama-3.1-405B: a context of 131072.
constexpr model llama_3_1_405b(const model& knobs = {}) {
  return llama_3({.hidden_size = 16384,
                  .intermediate_size = 53248,
                  .num_hidden_layers = 126,
                  .num_attention_heads = 128,
                  .num_key_value_heads = 8,
                  .max_position_embeddings = 131072},
                 knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"llama-2-7b", llama_2_7b()}, {"llama-2-13b", llama_2_13b()}, {"llama-2-70b", llama_2_70b()},
    {"llama-3-8b", llama_3_8b()}, {"llama-3-70b", llama_3_70b()}, {"llama-3.1-405b", llama_3_1_405b()},
};

}  // namespace archdesc::llama
