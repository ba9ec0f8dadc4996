// architectures/transformers/mobilebert.hpp: Hugging Face transformers' MobileBERT (src/transformers/models/
// mobilebert/modeling_mobilebert.py and configuration_mobilebert.py): MobileBertModel with the
// knobs of MobileBertConfig, and MobileBertForMaskedLM (for --hf-config), on a sequence of token ids
// (default length 128). The defaults are MobileBertConfig()'s, the sizes of
// google/mobilebert-uncased: bottlenecks, NoNorm, 128-wide embeddings widened by the trigram
// transformation, and four feed-forward networks per layer.
//
//   constexpr auto net = archdesc::mobilebert::mobilebert();
//   static_assert(archdesc::parameter_count<net> == 24'844'544);
//   constexpr auto short_input = archdesc::mobilebert::mobilebert({.input = {64}});
//   static_assert(short_input.config.num_hidden_layers == 24);
//   constexpr archdesc::mobilebert::model tiny{.config = {.num_hidden_layers = 2, .num_feedforward_networks = 2}};
#pragma once

#include <architectures/transformers/blocks.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::mobilebert {

// MobileBertConfig.normalization_type: NORM2FN's "no_norm" or "layer_norm".
enum class normalization_type { no_norm, layer_norm };

// MobileBertConfig: the knobs that change names, parameters or shapes (hidden_act, the dropout
// rates and layer_norm_eps change none). The defaults are MobileBertConfig()'s, whose sizes are
// google/mobilebert-uncased's (its config.json also sets classifier_activation false: no pooler dense).
struct config {
  int vocab_size = 30522;
  int hidden_size = 512;
  int num_hidden_layers = 24;
  int num_attention_heads = 4;
  int intermediate_size = 512;
  int max_position_embeddings = 512;
  int type_vocab_size = 2;
  int embedding_size = 128;
  bool trigram_input = true;
  bool use_bottleneck = true;
  int intra_bottleneck_size = 128;
  bool use_bottleneck_attention = false;
  bool key_query_shared_bottleneck = true;
  int num_feedforward_networks = 4;
  mobilebert::normalization_type normalization_type = mobilebert::normalization_type::no_norm;
  bool classifier_activation = true;

  // The width inside a layer's bottleneck.
  constexpr int true_hidden_size() const { return use_bottleneck ? intra_bottleneck_size : hidden_size; }
};

// What memory planning needs (archdesc/memory.hpp): an encoder, which caches nothing. Its attention
// and feed-forward networks run at the bottleneck's width, which Korthikanti et al.'s estimate
// takes as the hidden size.
constexpr transformer_geometry geometry_of(const config& c) {
  return {.layers = c.num_hidden_layers,
          .hidden_size = c.true_hidden_size(),
          .attention_heads = c.num_attention_heads,
          .context = c.max_position_embeddings,
          .cache = encoder_caches_nothing};
}

// MobileBERT's NoNorm: input * weight + bias, elementwise; it registers bias before weight.
struct no_norm {
  static constexpr std::string_view type_name = "NoNorm";
  int feat_size = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    self.parameter("bias", {feat_size});
    self.parameter("weight", {feat_size});
    if (x.rank == 0 || x[-1] != feat_size) self.fail("expects ", feat_size, " features, receives ", x);
    return x;
  }
};

// NORM2FN[config.normalization_type](size), applied to x.
constexpr shape norm(scope& self, const config& c, int size, const shape& x) {
  if (c.normalization_type == normalization_type::layer_norm) return self("LayerNorm", layer_norm{{size}}, x);
  return self("LayerNorm", no_norm{size}, x);
}

// LayerNorm(layer_outputs + residual_tensor), as the output modules end.
constexpr shape add_norm(scope& self, const config& c, int size, const shape& layer_outputs,
                         const shape& residual_tensor) {
  return norm(self, c, size, self.add(layer_outputs, residual_tensor));
}

struct embeddings {
  static constexpr std::string_view type_name = "MobileBertEmbeddings";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const embedding position_embeddings{config.max_position_embeddings, config.hidden_size};
    const embedding token_type_embeddings{config.type_vocab_size, config.hidden_size};
    const int embedded_input_size = config.embedding_size * (config.trigram_input ? 3 : 1);
    const linear embedding_transformation{.in_features = embedded_input_size, .out_features = config.hidden_size};
    // a slice of the position_ids buffer (non-persistent from transformers v4.31 on)
    self.buffer("position_ids", {1, config.max_position_embeddings}, dtype::int64, persistence::non_persistent);
    const shape position_ids{1, input_ids[1]};

    // Registered word, position, token_type, embedding_transformation; called word,
    // embedding_transformation, position, token_type.
    shape inputs_embeds = self("word_embeddings", embedding{config.vocab_size, config.embedding_size}, input_ids);
    const auto position = self.declare("position_embeddings", position_embeddings, position_ids);
    const auto token_type = self.declare("token_type_embeddings", token_type_embeddings, input_ids);
    // The trigram input: the next, the current and the previous token's embeddings side by side,
    // a convolution of kernel size 3 once embedding_transformation has run.
    if (config.trigram_input) inputs_embeds = self.cat({inputs_embeds, inputs_embeds, inputs_embeds}, 2);
    if (config.trigram_input || config.embedding_size != config.hidden_size) {
      inputs_embeds = self("embedding_transformation", embedding_transformation, inputs_embeds);
    } else {
      self.declare("embedding_transformation", embedding_transformation, inputs_embeds);  // registered, unused
    }
    shape x = self.add(inputs_embeds, position(position_ids));
    x = self.add(x, token_type(input_ids));
    x = norm(self, config, config.hidden_size, x);
    return self("dropout", dropout, x);
  }
};

// The four tensors the attention receives: what Bottleneck.forward returns with use_bottleneck,
// else hidden_states four times.
struct attention_inputs {
  shape query_tensor;
  shape key_tensor;
  shape value_tensor;
  shape layer_input;
};

constexpr attention_inputs attention_inputs_of(const config& c, const shape& hidden_states) {
  if (!c.use_bottleneck) return {hidden_states, hidden_states, hidden_states, hidden_states};
  shape bottlenecked_hidden_states = hidden_states;
  bottlenecked_hidden_states[-1] = c.intra_bottleneck_size;
  if (c.use_bottleneck_attention)
    return {bottlenecked_hidden_states, bottlenecked_hidden_states, bottlenecked_hidden_states,
            bottlenecked_hidden_states};
  if (c.key_query_shared_bottleneck)
    return {bottlenecked_hidden_states, bottlenecked_hidden_states, hidden_states, bottlenecked_hidden_states};
  return {hidden_states, hidden_states, hidden_states, bottlenecked_hidden_states};
}

struct self_attention {
  static constexpr std::string_view type_name = "MobileBertSelfAttention";
  mobilebert::config config;
  attention_inputs inputs;

  constexpr shape forward(scope& self, const shape& query_tensor) const {
    const int true_hidden_size = config.true_hidden_size();
    const int heads = config.num_attention_heads;
    if (heads <= 0 || true_hidden_size % heads != 0)
      self.fail("true_hidden_size (", true_hidden_size, ") is not a multiple of num_attention_heads (", heads, ")");
    const int attention_head_size = true_hidden_size / (heads > 0 ? heads : 1);
    const int value_size = config.use_bottleneck_attention ? true_hidden_size : config.hidden_size;
    return transformers::query_key_value_attention(self,
                                                   {.query = query_tensor,
                                                    .query_features = true_hidden_size,
                                                    .key = inputs.key_tensor,
                                                    .key_features = true_hidden_size,
                                                    .value = inputs.value_tensor,
                                                    .value_features = value_size},
                                                   heads, attention_head_size);
  }
};

struct self_output {
  static constexpr std::string_view type_name = "MobileBertSelfOutput";
  mobilebert::config config;
  shape residual_tensor;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const int size = config.true_hidden_size();
    shape layer_outputs = self("dense", linear{.in_features = size, .out_features = size}, hidden_states);
    if (!config.use_bottleneck) layer_outputs = self("dropout", dropout, layer_outputs);
    return add_norm(self, config, size, layer_outputs, residual_tensor);
  }
};

struct attention {
  static constexpr std::string_view type_name = "MobileBertAttention";
  mobilebert::config config;
  attention_inputs inputs;

  constexpr shape forward(scope& self, const shape& query_tensor) const {
    const shape context = self("self", self_attention{config, inputs}, query_tensor);
    // A linear projection of true_hidden_size, then a residual with layer_input.
    return self("output", self_output{config, inputs.layer_input}, context);
  }
};

struct intermediate {
  static constexpr std::string_view type_name = "MobileBertIntermediate";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const linear dense{.in_features = config.true_hidden_size(), .out_features = config.intermediate_size};
    return self("intermediate_act_fn", relu, self("dense", dense, hidden_states));  // ACT2FN["relu"]
  }
};

struct output_bottleneck {
  static constexpr std::string_view type_name = "OutputBottleneck";
  mobilebert::config config;
  shape residual_tensor;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const linear dense{.in_features = config.true_hidden_size(), .out_features = config.hidden_size};
    const shape layer_outputs = self("dropout", dropout, self("dense", dense, hidden_states));
    return add_norm(self, config, config.hidden_size, layer_outputs, residual_tensor);
  }
};

struct output {
  static constexpr std::string_view type_name = "MobileBertOutput";
  mobilebert::config config;
  shape residual_tensor_1;
  shape residual_tensor_2;

  constexpr shape forward(scope& self, const shape& intermediate_states) const {
    const int size = config.true_hidden_size();
    shape layer_output =
        self("dense", linear{.in_features = config.intermediate_size, .out_features = size}, intermediate_states);
    if (!config.use_bottleneck) {
      layer_output = self("dropout", dropout, layer_output);
      return add_norm(self, config, size, layer_output, residual_tensor_1);
    }
    layer_output = add_norm(self, config, size, layer_output, residual_tensor_1);
    return self("bottleneck", output_bottleneck{config, residual_tensor_2}, layer_output);
  }
};

struct bottleneck_layer {
  static constexpr std::string_view type_name = "BottleneckLayer";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const linear dense{.in_features = config.hidden_size, .out_features = config.intra_bottleneck_size};
    return norm(self, config, config.intra_bottleneck_size, self("dense", dense, hidden_states));
  }
};

// Returns the query tensor, the first of the four tensors Bottleneck.forward returns.
struct bottleneck {
  static constexpr std::string_view type_name = "Bottleneck";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape bottlenecked_hidden_states = self("input", bottleneck_layer{config}, hidden_states);
    if (!config.key_query_shared_bottleneck)
      return config.use_bottleneck_attention ? bottlenecked_hidden_states : hidden_states;
    if (config.use_bottleneck_attention) {  // registered, but the bottlenecked states serve as query and key
      self.declare("attention", bottleneck_layer{config}, hidden_states);
      return bottlenecked_hidden_states;
    }
    return self("attention", bottleneck_layer{config}, hidden_states);  // shared by query and key
  }
};

struct ffn_output {
  static constexpr std::string_view type_name = "FFNOutput";
  mobilebert::config config;
  shape residual_tensor;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const int size = config.true_hidden_size();
    const shape layer_outputs =
        self("dense", linear{.in_features = config.intermediate_size, .out_features = size}, hidden_states);
    return add_norm(self, config, size, layer_outputs, residual_tensor);
  }
};

struct ffn_layer {
  static constexpr std::string_view type_name = "FFNLayer";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape intermediate_output = self("intermediate", intermediate{config}, hidden_states);
    return self("output", ffn_output{config, hidden_states}, intermediate_output);
  }
};

struct layer {
  static constexpr std::string_view type_name = "MobileBertLayer";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    // Registered attention, intermediate, output, bottleneck, ffn; called bottleneck, attention,
    // ffn, intermediate, output.
    const attention_inputs inputs = attention_inputs_of(config, hidden_states);
    const attention attention_module{config, inputs};
    const intermediate intermediate_module{config};
    const auto attend = self.declare("attention", attention_module, inputs.query_tensor);
    const auto widen = self.declare("intermediate", intermediate_module, attend.declared_output());
    const auto narrow =
        self.declare("output", output{config, attend.declared_output(), hidden_states}, widen.declared_output());

    if (config.use_bottleneck) self("bottleneck", bottleneck{config}, hidden_states);
    shape attention_output = attend(inputs.query_tensor);
    if (config.num_feedforward_networks > 1)
      attention_output =
          self("ffn", repeated(config.num_feedforward_networks - 1, ffn_layer{config}), attention_output);
    return narrow(widen(attention_output));
  }
};

struct encoder {
  static constexpr std::string_view type_name = "MobileBertEncoder";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    return self("layer", repeated(config.num_hidden_layers, layer{config}), hidden_states);
  }
};

// "Pools" the model by taking the hidden state of the first token; with classifier_activation, a
// dense layer and torch.tanh follow.
struct pooler {
  static constexpr std::string_view type_name = "MobileBertPooler";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    const shape first_token_tensor{hidden_states[0], hidden_states[-1]};
    if (!config.classifier_activation) return first_token_tensor;
    return self("dense", linear{.in_features = config.hidden_size, .out_features = config.hidden_size},
                first_token_tensor);
  }
};

// transformers.MobileBertModel(config, add_pooling_layer) on input_ids of shape (batch_size,
// sequence_length); its output is last_hidden_state (the pooler's output is a call of its own).
struct model {
  static constexpr std::string_view type_name = "MobileBertModel";
  // No no_split_modules: transformers' MobileBertPreTrainedModel names none, so a device map may split any block.
  mobilebert::config config{};
  bool add_pooling_layer = true;
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    if (!self.expect_rank(input_ids, 2, "(batch_size, sequence_length)")) return input_ids;
    if (input_ids[1] > config.max_position_embeddings)
      self.fail("sequence length ", input_ids[1],
                " exceeds max_position_embeddings = ", config.max_position_embeddings);
    shape x = self("embeddings", embeddings{config}, input_ids);
    x = self("encoder", encoder{config}, x);
    if (add_pooling_layer) self("pooler", pooler{config}, x);
    return x;
  }
};

// MobileBertPredictionHeadTransform: dense, transform_act_fn (ACT2FN["relu"], hidden_act), and a
// LayerNorm whatever normalization_type says (NORM2FN["layer_norm"]).
struct prediction_head_transform {
  static constexpr std::string_view type_name = "MobileBertPredictionHeadTransform";
  int hidden_size = 0;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    shape x = self("dense", linear{.in_features = hidden_size, .out_features = hidden_size}, hidden_states);
    x = self("transform_act_fn", relu, x);
    return self("LayerNorm", layer_norm{{hidden_size}}, x);
  }
};

// MobileBertLMPredictionHead: registered bias (its own, listed first), transform, dense (vocab_size
// to hidden_size - embedding_size, no bias), decoder (embedding_size to vocab_size, its weight the
// word embeddings' and its bias the head's `bias`: tied). The scores are one product,
// transform(x) · cat(decoder.weight.t(), dense.weight), which is decoder on x's first embedding_size
// features plus x's other features times dense.weight: decoder's call and dense's product here.
struct lm_prediction_head {
  static constexpr std::string_view type_name = "MobileBertLMPredictionHead";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& hidden_states) const {
    self.parameter("bias", {config.vocab_size});
    const shape x = self("transform", prediction_head_transform{config.hidden_size}, hidden_states);
    if (x.rank != 3) return x;  // the model's mistake, reported there
    if (config.hidden_size < config.embedding_size) {
      self.fail("embedding_size = ", config.embedding_size, " is wider than hidden_size = ", config.hidden_size);
      return x;
    }
    const int rest = config.hidden_size - config.embedding_size;
    const shape vocabulary_scores{x[0], x[1], config.vocab_size};
    self.declare("dense", linear{.in_features = config.vocab_size, .out_features = rest, .bias = false},
                 vocabulary_scores);  // its weight, (rest, vocab_size), is a factor of the product
    self.count_macs(checked_mul(checked_mul(x[0], x[1]), checked_mul(rest, config.vocab_size)));
    return self.tied("decoder", linear{.in_features = config.embedding_size, .out_features = config.vocab_size},
                     {x[0], x[1], config.embedding_size});
  }
};

// MobileBertOnlyMLMHead: the prediction head as `predictions`.
struct only_mlm_head {
  static constexpr std::string_view type_name = "MobileBertOnlyMLMHead";
  mobilebert::config config;

  constexpr shape forward(scope& self, const shape& sequence_output) const {
    return self("predictions", lm_prediction_head{config}, sequence_output);
  }
};

// transformers.MobileBertForMaskedLM: MobileBertModel without its pooler as `mobilebert`, then
// `cls`; the prediction scores are (batch_size, sequence_length, vocab_size).
struct for_masked_lm {
  static constexpr std::string_view type_name = "MobileBertForMaskedLM";
  mobilebert::config config{};
  shape input{128};

  constexpr shape forward(scope& self, const shape& input_ids) const {
    const shape sequence_output =
        self("mobilebert", model{.config = config, .add_pooling_layer = false, .input = input}, input_ids);
    return self("cls", only_mlm_head{config}, sequence_output);
  }
};

// MobileBertConfig(): google/mobilebert-uncased's sizes, with the pooler's dense layer that its
// config.json turns off (classifier_activation false: 262,656 parameters fewer; `archdesc report
// --hf-config` of that file describes the checkpoint's own layout).
constexpr model mobilebert(const model& knobs = {}) { return knobs; }

inline constexpr named_model<model> named_models[] = {{"mobilebert", mobilebert()}};

}  // namespace archdesc::mobilebert
