// architectures/transformers/blocks.hpp: pieces shared by the Hugging Face transformers families
// (bert.hpp, mobilebert.hpp, xlnet.hpp ...), and the decoder-only layout of transformers 4.48 and
// later (qwen2.hpp, gemma2.hpp, phi3.hpp, deepseek.hpp), whose model computes the rotary embedding
// once for all its layers.
//
//   x = self("intermediate_act_fn", archdesc::transformers::gelu_activation, x);
//   archdesc::transformers::count_attention_products(self, {.batch = 1, .heads = 12, .query_length = 128,
//                                                           .key_length = 128, .head_dim = 64});
#pragma once

#include <archdesc/archdesc.hpp>

#include <cstdint>

namespace archdesc::transformers {

// ACT2FN["gelu"] (transformers/activations.py): a GELUActivation module.
inline constexpr elementwise gelu_activation{"GELUActivation"};

// The sizes of softmax(Q·Kᵀ)·V computed head by head with torch.matmul or einsum.
struct attention_sizes {
  std::int64_t batch = 1;
  std::int64_t heads = 1;
  std::int64_t query_length = 0;
  std::int64_t key_length = 0;
  std::int64_t head_dim = 0;
};

// The two batched products of attention, Q·Kᵀ and A·V, each batch × heads × query_length ×
// key_length × head_dim multiply-accumulates; the projections are Linear modules that count
// themselves.
constexpr void count_attention_products(scope& self, const attention_sizes& a) {
  const std::int64_t one_product =
      checked_mul(checked_mul(checked_mul(a.batch, a.heads), checked_mul(a.query_length, a.key_length)), a.head_dim);
  self.count_macs(checked_mul(one_product, 2));
}

// What BertSelfAttention and MobileBertSelfAttention do after checking their sizes: the query, key
// and value projections (registered in that order, each from its own input), the two attention
// products, and dropout on the attention probabilities. Returns the context's shape, the query
// projection's.
struct self_attention_inputs {
  shape query;
  int query_features = 0;
  shape key;
  int key_features = 0;
  shape value;
  int value_features = 0;
};

constexpr shape query_key_value_attention(scope& self, const self_attention_inputs& in, int heads, int head_size) {
  const int all_head_size = checked_int(std::int64_t{heads} * head_size);
  const shape context =
      self("query", linear{.in_features = in.query_features, .out_features = all_head_size}, in.query);
  self("key", linear{.in_features = in.key_features, .out_features = all_head_size}, in.key);
  self("value", linear{.in_features = in.value_features, .out_features = all_head_size}, in.value);
  const std::int64_t batch = in.query[0], length = in.query[1];
  count_attention_products(
      self, {.batch = batch, .heads = heads, .query_length = length, .key_length = length, .head_dim = head_size});
  self("dropout", dropout, shape{batch, heads, length, length});  // on the attention probabilities
  return context;
}

// ACT2FN["gelu_new"] (transformers/activations.py): a NewGELUActivation module, also OpenAI GPT's
// ACT_FNS["gelu"].
inline constexpr elementwise new_gelu_activation{"NewGELUActivation"};

// transformers.pytorch_utils.Conv1D(nf, nx): a linear layer with its weight stored transposed,
// (in, out) = (nx, nf), then its bias; applied to the last dimension with torch.addmm.
struct conv1d {
  static constexpr std::string_view type_name = "Conv1D";
  int nf = 0;  // output features
  int nx = 0;  // input features

  constexpr shape forward(scope& self, const shape& x) const {
    self.parameter("weight", {nx, nf});
    self.parameter("bias", {nf});
    if (x.rank == 0 || x[-1] != nx) {
      self.fail("expects ", nx, " input features, receives ", x);
      return x;
    }
    shape y = x;
    y[-1] = nf;
    self.count_macs(checked_mul(y.elements(), nx));
    return y;
  }
};

// The causal self-attention of OpenAI GPT (Attention) and GPT-2 (GPT2Attention): one Conv1D makes
// Q, K and V, softmax(Q·Kᵀ)·V runs head by head, a second Conv1D projects back. Registered c_attn,
// c_proj, attn_dropout, resid_dropout; called in data order.
// Both register the causal mask of n_positions positions as the non-persistent buffer `bias`:
// GPT-2's of bools, with the non-persistent scalar `masked_bias`; OpenAI GPT's of floats.
struct conv1d_attention {
  std::string_view type_name;
  int embed_dim = 0;
  int num_heads = 1;
  int n_positions = 0;
  dtype causal_mask_type = dtype::boolean;
  bool has_masked_bias = true;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    self.buffer("bias", {1, 1, n_positions, n_positions}, causal_mask_type, persistence::non_persistent);
    if (has_masked_bias) self.buffer("masked_bias", {}, dtype::float32, persistence::non_persistent);
    if (num_heads <= 0 || embed_dim % num_heads != 0) {
      self.fail("embed_dim = ", embed_dim, " is not divisible by num_heads = ", num_heads);
      return hidden_states;
    }
    if (!self.expect_rank(hidden_states, 3, "(batch_size, sequence_length, embed_dim)")) return hidden_states;
    const shape qkv = self("c_attn", conv1d{.nf = 3 * embed_dim, .nx = embed_dim}, hidden_states);
    const std::int64_t batch = qkv[0], length = qkv[1];
    count_attention_products(self, {.batch = batch,
                                    .heads = num_heads,
                                    .query_length = length,
                                    .key_length = length,
                                    .head_dim = embed_dim / num_heads});
    self("attn_dropout", dropout, {batch, num_heads, length, length});  // on the attention weights
    const shape merged_heads{batch, length, embed_dim};
    const shape a = self("c_proj", conv1d{.nf = embed_dim, .nx = embed_dim}, merged_heads);
    return self("resid_dropout", dropout, a);
  }
};

// The feed-forward of OpenAI GPT (MLP) and GPT-2 (GPT2MLP): Conv1D up to the intermediate size,
// NewGELUActivation, Conv1D back, dropout.
struct conv1d_mlp {
  std::string_view type_name;
  int embed_dim = 0;
  int intermediate_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape h = self("c_fc", conv1d{.nf = intermediate_size, .nx = embed_dim}, hidden_states);
    h = self("act", new_gelu_activation, h);
    h = self("c_proj", conv1d{.nf = embed_dim, .nx = intermediate_size}, h);
    return self("dropout", dropout, h);
  }
};

// A root-mean-square norm over the last dimension: one weight, no bias (LlamaRMSNorm,
// MistralRMSNorm, MixtralRMSNorm; T5LayerNorm is the same module).
struct rms_norm {
  std::string_view type_name;
  int hidden_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    self.parameter("weight", {hidden_size});
    if (hidden_states.rank == 0 || hidden_states[-1] != hidden_size)
      self.fail("normalizes over ", hidden_size, " features, receives ", hidden_states);
    return hidden_states;
  }
};

// The rotary embedding of a decoder model of transformers 4.48 and later (Qwen2RotaryEmbedding,
// Gemma2RotaryEmbedding ...): a module of the model, called once with the embedded tokens; no
// parameters (inv_freq is a buffer). Returns cos and sin, each (batch, seq_len, dim).
struct model_rotary_embedding {
  std::string_view type_name;
  int dim = 0;

  constexpr shape forward(scope&, const shape& hidden_states) const {
    return {hidden_states[0], hidden_states[1], dim};
  }
};

// The gated feed-forward of Qwen2MLP, Gemma2MLP and DeepseekV3MLP: down_proj(act_fn(gate_proj(x)) *
// up_proj(x)), registered gate_proj, up_proj, down_proj (bias=False), then act_fn.
struct gated_mlp {
  std::string_view type_name;
  int hidden_size = 0;
  int intermediate_size = 0;
  elementwise act_fn = silu;

  constexpr shape forward(scope& self, const shape& x) const {
    const linear up{.in_features = hidden_size, .out_features = intermediate_size, .bias = false};
    shape h = self("act_fn", act_fn, self("gate_proj", up, x));
    h = self.multiply(h, self("up_proj", up, x));
    return self("down_proj", linear{.in_features = intermediate_size, .out_features = hidden_size, .bias = false}, h);
  }
};

// The attention of Qwen2Attention and Gemma2Attention: q_proj, k_proj, v_proj and o_proj, with
// num_key_value_heads key and value heads each shared by num_heads / num_key_value_heads query heads
// (repeat_kv), head_dim apart from hidden_size / num_heads where the config says so. The eager
// attention computes Q·Kᵀ and A·V for every query head; cos and sin come from the model.
struct grouped_query_attention {
  std::string_view type_name;
  int hidden_size = 0;
  int num_heads = 0;
  int num_key_value_heads = 0;
  int head_dim = 0;
  bool qkv_bias = false;
  bool o_bias = false;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (num_heads <= 0 || num_key_value_heads <= 0 || num_heads % num_key_value_heads != 0) {
      self.fail("num_attention_heads = ", num_heads,
                " is not a multiple of num_key_value_heads = ", num_key_value_heads);
      return hidden_states;
    }
    if (!self.expect_rank(hidden_states, 3, "(batch, seq_len, hidden_size)")) return hidden_states;
    const std::int64_t batch = hidden_states[0], length = hidden_states[1];
    const int query_size = checked_int(std::int64_t{num_heads} * head_dim);
    self("q_proj", linear{.in_features = hidden_size, .out_features = query_size, .bias = qkv_bias}, hidden_states);
    const linear key_value{.in_features = hidden_size,
                           .out_features = checked_int(std::int64_t{num_key_value_heads} * head_dim),
                           .bias = qkv_bias};
    self("k_proj", key_value, hidden_states);
    self("v_proj", key_value, hidden_states);
    count_attention_products(
        self, {.batch = batch, .heads = num_heads, .query_length = length, .key_length = length, .head_dim = head_dim});
    return self("o_proj", linear{.in_features = query_size, .out_features = hidden_size, .bias = o_bias},
                {batch, length, query_size});
  }
};

// A decoder layer of Qwen2DecoderLayer's and DeepseekV3DecoderLayer's layout: registered self_attn,
// mlp, input_layernorm, post_attention_layernorm; x + self_attn(input_layernorm(x)), then the same
// with mlp and post_attention_layernorm.
template <class Attention, class FeedForward>
struct pre_norm_decoder_layer {
  std::string_view type_name;
  std::string_view rms_norm_type;
  int hidden_size = 0;
  Attention self_attn;
  FeedForward mlp;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const auto attend = self.declare("self_attn", self_attn, hidden_states);
    const auto feed = self.declare("mlp", mlp, hidden_states);
    const rms_norm norm{rms_norm_type, hidden_size};
    shape x = self.add(hidden_states, attend(self("input_layernorm", norm, hidden_states)));
    return self.add(x, feed(self("post_attention_layernorm", norm, x)));
  }
};

// The class names of a decoder-only model of transformers 4.48 and later.
struct decoder_classes {
  std::string_view rms_norm;
  std::string_view rotary_embedding;
  std::string_view model;
};

// Qwen2Model, Gemma2Model, Phi3Model, DeepseekV3Model ...: registered embed_tokens, layers, norm,
// rotary_emb; called embed_tokens, rotary_emb (cos and sin of rotary_dim for every layer), the
// layers, norm. `layers` is the nn.ModuleList; the output is the last hidden state.
template <class Layers>
struct decoder_model {
  std::string_view type_name;
  decoder_classes classes;
  int vocab_size = 0;
  int hidden_size = 0;
  int rotary_dim = 0;
  Layers layers;

  constexpr shape forward(scope& self, const shape& input_ids) const {
    shape x = self("embed_tokens", embedding{vocab_size, hidden_size}, input_ids);
    self("rotary_emb", model_rotary_embedding{classes.rotary_embedding, rotary_dim}, x);  // no parameters to order
    x = self("layers", layers, x);
    return self("norm", rms_norm{classes.rms_norm, hidden_size}, x);
  }
};

// The forward of Qwen2ForCausalLM and its likes: the model, then lm_head (bias=False) to the
// vocabulary; tied, lm_head.weight is model.embed_tokens.weight, which named_parameters() lists once.
// The logits are (batch, seq_len, vocab_size).
template <class Layers>
constexpr shape decoder_causal_lm(scope& self, const shape& input_ids, const decoder_model<Layers>& model,
                                  bool tie_word_embeddings) {
  if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
  const shape hidden_states = self("model", model, input_ids);
  const linear lm_head{.in_features = model.hidden_size, .out_features = model.vocab_size, .bias = false};
  if (tie_word_embeddings) return self.tied("lm_head", lm_head, hidden_states);
  return self("lm_head", lm_head, hidden_states);
}

// The classes of a decoder family beside its ForCausalLM, written once for every family: Family
// names them (base_model_name, sequence_classifier_name), has the config's type and the class
// defaults of its config (defaults), and makes the decoder, the module Qwen2Model or LlamaModel is,
// from a config: decoder(self, config).

// Qwen2Model, LlamaModel ... at the root: the decoder alone; its output is the last hidden state.
template <class Family>
struct decoder_base_model {
  static constexpr std::string_view type_name = Family::base_model_name;
  typename Family::config config = Family::defaults;

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
    return Family::decoder(self, config).forward(self, input_ids);
  }
};

// The forward of Qwen2ForSequenceClassification and its likes (MixtralForSequenceClassification,
// whose knobs are more than a config): `decoder` as `model`, then `score` (bias=False) on every
// token; the logits of the last token are the sequence's (no pad_token_id is set), (batch, num_labels).
template <class Decoder>
constexpr shape decoder_scores(scope& self, const shape& input_ids, const Decoder& decoder, int hidden_size,
                               int num_labels) {
  if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
  const shape hidden_states = self("model", decoder, input_ids);
  const shape logits =
      self("score", linear{.in_features = hidden_size, .out_features = num_labels, .bias = false}, hidden_states);
  return {logits[0], logits[-1]};
}

// Qwen2ForSequenceClassification, LlamaForSequenceClassification ...: decoder_scores of the family's decoder.
template <class Family>
struct decoder_sequence_classifier {
  static constexpr std::string_view type_name = Family::sequence_classifier_name;
  typename Family::config config = Family::defaults;
  int num_classes = 2;  // config.num_labels

  constexpr shape input_shape() const { return {config.max_position_embeddings}; }

  constexpr shape forward(scope& self, const shape& input_ids) const {
    return decoder_scores(self, input_ids, Family::decoder(self, config), config.hidden_size, num_classes);
  }
};

}  // namespace archdesc::transformers
