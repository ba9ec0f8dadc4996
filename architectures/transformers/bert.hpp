// architectures/transformers/bert.hpp: Hugging Face transformers' BERT (src/transformers/models/bert/
// modeling_bert.py and configuration_bert.py, 2024): BertModel and BertForSequenceClassification,
// with the knobs of BertConfig, on a sequence of token ids (default length 128).
//
//   constexpr auto net = archdesc::bert::bert_base_uncased();  // BertForSequenceClassification, 2 labels
//   static_assert(archdesc::parameter_count<net> == 109'483'778);
//   constexpr auto three_labels = archdesc::bert::bert_large_uncased({.num_classes = 3});  // the builder's sizes, your
//   knobs static_assert(three_labels.config.hidden_size == 1024 && three_labels.num_classes == 3); constexpr
//   archdesc::bert::model tiny{.config = {.vocab_size = 1000, .hidden_size = 64, .num_hidden_layers = 2,
//                                                   .num_attention_heads = 4, .intermediate_size = 128}};
//
// The attention is BertSelfAttention's ("eager"): its dropout runs on the attention probabilities.
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace archdesc::bert {

// BertConfig: the knobs that change names, parameters or shapes (hidden_act, the dropout rates and
// layer_norm_eps change none). The defaults are BertConfig()'s, which are bert-base-uncased's.
struct config {
  int vocab_size = 30522;
  int hidden_size = 768;
  int num_hidden_layers = 12;
  int num_attention_heads = 12;
  int intermediate_size = 3072;
  int max_position_embeddings = 512;
  int type_vocab_size = 2;
};

// What memory planning needs (archdesc/memory.hpp): an encoder, which caches nothing.
constexpr transformer_geometry geometry_of(const config& c) {
  return {.layers = c.num_hidden_layers,
          .hidden_size = c.hidden_size,
          .attention_heads = c.num_attention_heads,
          .context = c.max_position_embeddings,
          .cache = encoder_caches_nothing};
}

// Construct the embeddings from word, position and token_type embeddings.
struct embeddings {
  static constexpr std::string_view type_name = "BertEmbeddings";
  bert::config config;

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const int hidden = config.hidden_size;
    // Non-persistent buffers (transformers v4.31 on): position_ids, and the token_type_ids used
    // when none are given.
    self.buffer("position_ids", {1, config.max_position_embeddings}, dtype::int64, persistence::non_persistent);
    self.buffer("token_type_ids", {1, config.max_position_embeddings}, dtype::int64, persistence::non_persistent);
    const shape position_ids{1, input_ids[1]};  // a slice of the position_ids buffer
    // Registered word, position, token_type; called word, token_type, position.
    shape x = self("word_embeddings", embedding{config.vocab_size, hidden}, input_ids);
    const auto position_embeddings =
        self.declare("position_embeddings", embedding{config.max_position_embeddings, hidden}, position_ids);
    x = self.add(x, self("token_type_embeddings", embedding{config.type_vocab_size, hidden}, input_ids));
    x = self.add(x, position_embeddings(position_ids));
    x = self("LayerNorm", layer_norm{{hidden}}, x);
    return self("dropout", dropout, x);
  }
};

struct self_attention {
  static constexpr std::string_view type_name = "BertSelfAttention";
  int hidden_size = 0;
  int num_attention_heads = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    if (num_attention_heads <= 0 || hidden_size % num_attention_heads != 0)
      self.fail("The hidden size (", hidden_size, ") is not a multiple of the number of attention heads (",
                num_attention_heads, ")");
    const int attention_head_size = hidden_size / (num_attention_heads > 0 ? num_attention_heads : 1);
    return transformers::query_key_value_attention(self,
                                                   {.query = hidden_states,
                                                    .query_features = hidden_size,
                                                    .key = hidden_states,
                                                    .key_features = hidden_size,
                                                    .value = hidden_states,
                                                    .value_features = hidden_size},
                                                   num_attention_heads, attention_head_size);
  }
};

// BertSelfOutput and BertOutput: LayerNorm(dropout(dense(hidden_states)) + input_tensor).
struct dense_add_norm {
  std::string_view type_name;
  int in_features = 0;
  int hidden_size = 0;
  shape input_tensor;  // the residual

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape x = self("dense", linear{.in_features = in_features, .out_features = hidden_size}, hidden_states);
    x = self("dropout", dropout, x);
    return self("LayerNorm", layer_norm{{hidden_size}}, self.add(x, input_tensor));
  }
};

struct attention {
  static constexpr std::string_view type_name = "BertAttention";
  int hidden_size = 0;
  int num_attention_heads = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape context = self("self", self_attention{hidden_size, num_attention_heads}, hidden_states);
    return self("output", dense_add_norm{"BertSelfOutput", hidden_size, hidden_size, hidden_states}, context);
  }
};

struct intermediate {
  static constexpr std::string_view type_name = "BertIntermediate";
  int hidden_size = 0;
  int intermediate_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape x = self("dense", linear{.in_features = hidden_size, .out_features = intermediate_size}, hidden_states);
    return self("intermediate_act_fn", transformers::gelu_activation, x);
  }
};

struct layer {
  static constexpr std::string_view type_name = "BertLayer";
  bert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape attention_output =
        self("attention", attention{config.hidden_size, config.num_attention_heads}, hidden_states);
    const shape x = self("intermediate", intermediate{config.hidden_size, config.intermediate_size}, attention_output);
    return self("output", dense_add_norm{"BertOutput", config.intermediate_size, config.hidden_size, attention_output},
                x);
  }
};

struct encoder {
  static constexpr std::string_view type_name = "BertEncoder";
  bert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    return self("layer", repeated(config.num_hidden_layers, layer{config}), hidden_states);
  }
};

// "Pools" the model by taking the hidden state of the first token.
struct pooler {
  static constexpr std::string_view type_name = "BertPooler";
  int hidden_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape first_token_tensor{hidden_states[0], hidden_states[-1]};
    const shape x = self("dense", linear{.in_features = hidden_size, .out_features = hidden_size}, first_token_tensor);
    return self("activation", tanh, x);
  }
};

// transformers.BertModel(config, add_pooling_layer) on input_ids of shape (batch_size,
// sequence_length); its output is last_hidden_state (the pooler's output is a call of its own).
struct model {
  static constexpr std::string_view type_name = "BertModel";
  static constexpr std::string_view no_split_modules[] = {embeddings::type_name,
                                                          layer::type_name};  // transformers' _no_split_modules
  bert::config config{};
  bool add_pooling_layer = true;
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
    if (input_ids[1] > config.max_position_embeddings)
      self.fail("sequence length ", input_ids[1],
                " exceeds max_position_embeddings = ", config.max_position_embeddings);
    shape x = self("embeddings", embeddings{config}, input_ids);
    x = self("encoder", encoder{config}, x);
    if (add_pooling_layer) self("pooler", pooler{config.hidden_size}, x);
    return x;
  }
};

// transformers.BertForSequenceClassification: a Linear on BertModel's pooled output.
struct for_sequence_classification {
  static constexpr std::string_view type_name = "BertForSequenceClassification";
  // BertModel's, which a device map collects from its submodel (PreTrainedModel._get_no_split_modules).
  static constexpr std::span<const std::string_view> no_split_modules = model::no_split_modules;
  bert::config config{};
  int num_classes = 2;  // config.num_labels
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape sequence_output = self("bert", model{.config = config}, input_ids);
    shape pooled_output{sequence_output[0], config.hidden_size};  // outputs[1], the pooler's output
    pooled_output = self("dropout", dropout, pooled_output);
    return self("classifier", linear{.in_features = config.hidden_size, .out_features = num_classes}, pooled_output);
  }
};

// BertPredictionHeadTransform: dense, transform_act_fn (ACT2FN["gelu"]), LayerNorm, in that order.
struct prediction_head_transform {
  static constexpr std::string_view type_name = "BertPredictionHeadTransform";
  int hidden_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape x = self("dense", linear{.in_features = hidden_size, .out_features = hidden_size}, hidden_states);
    x = self("transform_act_fn", transformers::gelu_activation, x);
    return self("LayerNorm", layer_norm{{hidden_size}}, x);
  }
};

// BertLMPredictionHead: transform, then decoder to the vocabulary, whose weight is the word
// embeddings' (tied) and whose bias is the head's own `bias` (self.decoder.bias = self.bias), which
// named_parameters() lists first, the module's own parameters coming before its children's.
struct lm_prediction_head {
  static constexpr std::string_view type_name = "BertLMPredictionHead";
  bert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    self.parameter("bias", {config.vocab_size});
    const shape x = self("transform", prediction_head_transform{config.hidden_size}, hidden_states);
    return self.tied("decoder", linear{.in_features = config.hidden_size, .out_features = config.vocab_size}, x);
  }
};

// BertOnlyMLMHead: the prediction head as `predictions`.
struct only_mlm_head {
  static constexpr std::string_view type_name = "BertOnlyMLMHead";
  bert::config config;

  constexpr shape forward(scope& self, const shape& sequence_output) const {
    return self("predictions", lm_prediction_head{config}, sequence_output);
  }
};

// transformers.BertForMaskedLM: BertModel without its pooler as `bert`, then `cls`; the prediction
// scores are (batch_size, sequence_length, vocab_size).
struct for_masked_lm {
  static constexpr std::string_view type_name = "BertForMaskedLM";
  bert::config config{};
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape sequence_output = self("bert", model{.config = config, .add_pooling_layer = false}, input_ids);
    return self("cls", only_mlm_head{config}, sequence_output);
  }
};

// The builders take the model's knobs (archdesc/builder.hpp): bert_large_uncased({.num_classes = 3}).
// BertConfig() itself.
constexpr model bert(const model& knobs = {}) { return knobs; }

// The public checkpoints set the sizes of their config.json; the other knobs are the user's.
constexpr for_sequence_classification checkpoint(const config& sizes, for_sequence_classification knobs) {
  using m = for_sequence_classification;
  builder_sets(knobs, &m::config, &config::vocab_size, sizes.vocab_size);
  builder_sets(knobs, &m::config, &config::hidden_size, sizes.hidden_size);
  builder_sets(knobs, &m::config, &config::num_hidden_layers, sizes.num_hidden_layers);
  builder_sets(knobs, &m::config, &config::num_attention_heads, sizes.num_attention_heads);
  builder_sets(knobs, &m::config, &config::intermediate_size, sizes.intermediate_size);
  return knobs;
}
constexpr for_sequence_classification bert_base_uncased(const for_sequence_classification& knobs = {}) {
  return checkpoint({}, knobs);
}
constexpr for_sequence_classification bert_base_cased(const for_sequence_classification& knobs = {}) {
  return checkpoint({.vocab_size = 28996}, knobs);
}
constexpr for_sequence_classification bert_large_uncased(const for_sequence_classification& knobs = {}) {
  return checkpoint(
      {.hidden_size = 1024, .num_hidden_layers = 24, .num_attention_heads = 16, .intermediate_size = 4096}, knobs);
}

inline constexpr named_model<model> named_models[] = {{"bert", bert()}};
inline constexpr named_model<for_sequence_classification> named_sequence_classifiers[] = {
    {"bert-base-uncased", bert_base_uncased()},
    {"bert-base-cased", bert_base_cased()},
    {"bert-large-uncased", bert_large_uncased()},
};

}  // namespace archdesc::bert
