// architectures/transformers/xlnet.hpp: Hugging Face transformers' XLNet (src/transformers/models/xlnet/
// modeling_xlnet.py and configuration_xlnet.py; SequenceSummary from modeling_utils.py):
// XLNetModel, XLNetForSequenceClassification and XLNetLMHeadModel with the knobs of XLNetConfig, on a sequence of
// token ids (default length 128) given without token_type_ids, mems or target_mapping.
//
//   constexpr auto net = archdesc::xlnet::xlnet_base_cased();  // XLNetForSequenceClassification, 2 labels
//   static_assert(archdesc::parameter_count<net> == 117'310'466);
//   constexpr auto three_labels = archdesc::xlnet::xlnet_base_cased({.num_classes = 3});
//   static_assert(three_labels.config.d_model == 768);
//   constexpr archdesc::xlnet::model tiny{.config = {.vocab_size = 1000, .d_model = 64, .n_layer = 2, .n_head = 4,
//   .d_inner = 128}};
//
// XLNet keeps its hidden states as (length, batch, d_model) inside XLNetModel, as the original
// code does; its projections are parameters of XLNetRelativeAttention used through einsum.
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::xlnet {

// XLNetConfig.attn_type: "bi" (XLNet) or "uni" (Transformer-XL).
enum class attention_type { bi, uni };

// XLNetConfig: the knobs that change names, parameters or shapes (ff_activation, the dropout rates,
// layer_norm_eps, summary_activation and summary_last_dropout change none). The defaults are
// XLNetConfig()'s, which are xlnet-large-cased's. summary_proj_to_labels is a PretrainedConfig
// attribute that SequenceSummary reads; XLNetConfig does not set it.
struct config {
  int vocab_size = 32000;
  int d_model = 1024;
  int n_layer = 24;
  int n_head = 16;
  int d_inner = 4096;
  attention_type attn_type = attention_type::bi;
  bool summary_use_proj = true;
  bool summary_proj_to_labels = false;

  constexpr int d_head() const { return n_head > 0 ? d_model / n_head : 0; }
};

// einsum("ibh,hnd->ibnd") and its reverse: a projection of `rows` vectors of d_model to n_head × d_head.
constexpr void count_head_projection(scope& self, const config& c, std::int64_t rows) {
  self.count_macs(checked_mul(rows, static_cast<std::int64_t>(c.d_model) * c.n_head * c.d_head()));
}

// Relative attention on h (qlen, bsz, d_model) with the relative positional encoding r (rlen,
// bsz, d_model); no segment term, since there are no token_type_ids (seg_mat is None).
struct relative_attention {
  static constexpr std::string_view type_name = "XLNetRelativeAttention";
  xlnet::config config;
  shape r;

  constexpr shape forward(scope& self, const shape& h) const {
    const int n_head = config.n_head, d_head = config.d_head(), d_model = config.d_model;
    for (const char* projection : {"q", "k", "v", "o", "r"}) self.parameter(projection, {d_model, n_head, d_head});
    for (const char* bias : {"r_r_bias", "r_s_bias", "r_w_bias"}) self.parameter(bias, {n_head, d_head});
    self.parameter("seg_embed", {2, n_head, d_head});
    if (!self.expect_rank(h, 3, "(length, batch, d_model)")) return h;
    const std::int64_t qlen = h[0], bsz = h[1], klen = qlen, rlen = r[0];  // klen = mlen + qlen, without mems

    // The content heads q, k, v and the positional key head k_head_r.
    count_head_projection(self, config, checked_mul(qlen, bsz) + 2 * checked_mul(klen, bsz));
    count_head_projection(self, config, checked_mul(rlen, r[1]));
    // rel_attn_core: ac = (q + r_w_bias)·k and attn_vec = attn_prob·v over klen; bd = (q + r_r_bias)·k_head_r
    // over all rlen positions, before rel_shift_bnij keeps klen of them.
    transformers::count_attention_products(
        self, {.batch = bsz, .heads = n_head, .query_length = qlen, .key_length = klen, .head_dim = d_head});
    self.count_macs(checked_mul(checked_mul(bsz * n_head, checked_mul(qlen, rlen)), d_head));
    self("dropout", dropout, shape{bsz, n_head, qlen, klen});  // on attn_prob

    // post_attention: einsum("ibnd,hnd->ibh", attn_vec, o), dropout, residual, layer_norm.
    count_head_projection(self, config, checked_mul(qlen, bsz));
    const shape attn_out = self("dropout", dropout, h);
    return self("layer_norm", layer_norm{{d_model}}, self.add(attn_out, h));
  }
};

struct feed_forward {
  static constexpr std::string_view type_name = "XLNetFeedForward";
  xlnet::config config;

  constexpr shape forward(scope& self, const shape& inp) const {
    // Registered layer_norm, layer_1, layer_2; layer_norm is applied last.
    layer_norm norm{{config.d_model}};  // not const: g++ 12 rejects a const one built by shape's constructor
    const auto layer_norm = self.declare("layer_norm", norm, inp);
    shape output = self("layer_1", linear{.in_features = config.d_model, .out_features = config.d_inner}, inp);
    output = self("activation_function", transformers::gelu_activation, output);  // ACT2FN["gelu"]
    output = self("dropout", dropout, output);
    output = self("layer_2", linear{.in_features = config.d_inner, .out_features = config.d_model}, output);
    output = self("dropout", dropout, output);
    return layer_norm(self.add(output, inp));
  }
};

// XLNetLayer returns (output_h, output_g); output_g is None without target_mapping. Its own
// dropout is registered but never called.
struct layer {
  static constexpr std::string_view type_name = "XLNetLayer";
  xlnet::config config;
  shape pos_emb;

  constexpr shape forward(scope& self, const shape& output_h) const {
    const shape x = self("rel_attn", relative_attention{config, pos_emb}, output_h);
    return self("ff", feed_forward{config}, x);
  }
};

// transformers.XLNetModel on input_ids of shape (batch_size, sequence_length); its output is
// last_hidden_state, (batch_size, sequence_length, d_model).
struct model {
  static constexpr std::string_view type_name = "XLNetModel";
  xlnet::config config{};
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (config.n_head <= 0 || config.d_model % config.n_head != 0)
      self.fail("'d_model % n_head' (", config.n_head > 0 ? config.d_model % config.n_head : config.d_model,
                ") should be equal to 0");
    if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
    // The original code for XLNet uses shapes [len, bsz]: input_ids.transpose(0, 1).
    const std::int64_t qlen = input_ids[1], bsz = input_ids[0], klen = qlen;
    const int d_model = config.d_model;
    self.parameter("mask_emb", {1, 1, d_model});  // the query stream's input, with target_mapping only
    shape output_h = self("word_embedding", embedding{config.vocab_size, d_model}, shape{qlen, bsz});
    output_h = self("dropout", dropout, output_h);
    // relative_positional_encoding: positions klen down to -qlen (exclusive) for "bi", to -1 for "uni".
    const std::int64_t rlen = config.attn_type == attention_type::bi ? klen + qlen : klen + 1;
    const shape pos_emb = self("dropout", dropout, shape{rlen, bsz, d_model});
    output_h = self("layer", repeated(config.n_layer, layer{config, pos_emb}), output_h);
    const shape output = self("dropout", dropout, output_h);
    return {output[1], output[0], output[2]};  // permute(1, 0, 2): back to [bsz, len, d_model]
  }
};

// modeling_utils.SequenceSummary with XLNet's summary_type "last", summary_activation "tanh",
// summary_last_dropout 0.1 and no summary_first_dropout.
struct sequence_summary {
  static constexpr std::string_view type_name = "SequenceSummary";
  xlnet::config config;
  int num_labels = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape output{hidden_states[0], hidden_states[-1]};  // hidden_states[:, -1]
    output = self("first_dropout", identity, output);
    if (config.summary_use_proj) {
      const int num_classes = config.summary_proj_to_labels && num_labels > 0 ? num_labels : config.d_model;
      output = self("summary", linear{.in_features = config.d_model, .out_features = num_classes}, output);
    } else {
      output = self("summary", identity, output);
    }
    output = self("activation", tanh, output);
    return self("last_dropout", dropout, output);
  }
};

// transformers.XLNetForSequenceClassification: SequenceSummary of the last token, then logits_proj.
struct for_sequence_classification {
  static constexpr std::string_view type_name = "XLNetForSequenceClassification";
  // No no_split_modules: transformers' XLNetPreTrainedModel names none, so a device map may split any block.
  xlnet::config config{};
  int num_classes = 2;  // config.num_labels
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    shape output = self("transformer", model{.config = config}, input_ids);
    output = self("sequence_summary", sequence_summary{config, num_classes}, output);
    return self("logits_proj", linear{.in_features = config.d_model, .out_features = num_classes}, output);
  }
};

// XLNetLMHeadModel's lm_loss, nn.Linear(d_model, vocab_size) whose weight is
// transformer.word_embedding's (tied: named_parameters() lists it once, there) and whose bias is
// its own.
struct lm_loss_linear {
  static constexpr std::string_view type_name = "Linear";
  int d_model = 0;
  int vocab_size = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    self.tied_parameter("weight", {vocab_size, d_model});
    self.parameter("bias", {vocab_size});
    if (x.rank == 0 || x[-1] != d_model) {
      self.fail("expects ", d_model, " input features, receives ", x);
      return x;
    }
    shape logits = x;
    logits[-1] = vocab_size;
    self.count_macs(checked_mul(logits.elements(), d_model));
    return logits;
  }
};

// transformers.XLNetLMHeadModel: XLNetModel as `transformer`, then lm_loss to the vocabulary. The
// logits are (batch_size, sequence_length, vocab_size).
struct lm_head_model {
  static constexpr std::string_view type_name = "XLNetLMHeadModel";
  xlnet::config config{};
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape output = self("transformer", model{.config = config}, input_ids);
    return self("lm_loss", lm_loss_linear{config.d_model, config.vocab_size}, output);
  }
};

// What memory planning needs (archdesc/memory.hpp). XLNet keeps no keys and values but mems: at
// inference (use_mems_eval) every layer keeps its input hidden state of each token, and with
// mem_len unset (xlnet-base-cased's config) every token's.
constexpr transformer_geometry xlnet_geometry(const config& c, const shape& input) {
  return {.layers = c.n_layer,
          .hidden_size = c.d_model,
          .attention_heads = c.n_head,
          .cached_per_token = checked_mul(c.n_layer, c.d_model),
          .context = input.rank == 1 ? input[0] : 0,
          .cache = "mems: each layer's input hidden state per token (use_mems_eval, mem_len unset)"};
}
constexpr transformer_geometry geometry_of(const model& net) { return xlnet_geometry(net.config, net.input); }
constexpr transformer_geometry geometry_of(const for_sequence_classification& net) {
  return xlnet_geometry(net.config, net.input);
}
constexpr transformer_geometry geometry_of(const lm_head_model& net) { return xlnet_geometry(net.config, net.input); }

// xlnet-base-cased's config.json: XLNetConfig() but for these sizes, which the builder sets
// (archdesc/builder.hpp); the other knobs are the user's: xlnet_base_cased({.num_classes = 3}).
constexpr for_sequence_classification xlnet_base_cased(const for_sequence_classification& knobs = {}) {
  using m = for_sequence_classification;
  m net = knobs;
  builder_sets(net, &m::config, &config::d_model, 768);
  builder_sets(net, &m::config, &config::n_layer, 12);
  builder_sets(net, &m::config, &config::n_head, 12);
  builder_sets(net, &m::config, &config::d_inner, 3072);
  return net;
}

inline constexpr named_model<for_sequence_classification> named_models[] = {{"xlnet-base-cased", xlnet_base_cased()}};

}  // namespace archdesc::xlnet
