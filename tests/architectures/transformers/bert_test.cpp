// BERT (architectures/transformers/bert.hpp) against transformers' modeling_bert.py (2024): names and shapes of
// a small configuration written by hand from the source, report rows of the named models' first and
// last layers, output shapes and multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/bert.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace bert_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::formatted_lines;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another, so that a swapped dimension shows.
constexpr bert::config small_config{.vocab_size = 99,
                                    .hidden_size = 32,
                                    .num_hidden_layers = 2,
                                    .num_attention_heads = 4,
                                    .intermediate_size = 37,
                                    .max_position_embeddings = 64,
                                    .type_vocab_size = 3};
constexpr bert::model small{.config = small_config, .input = {16}};

// The parameters of BertLayer i, in registration order: BertLayer registers attention
// (BertAttention: self = BertSelfAttention with query, key, value; output = BertSelfOutput with
// dense, LayerNorm), intermediate (BertIntermediate: dense), output (BertOutput: dense, LayerNorm).
std::vector<std::string> small_layer(const std::string& prefix, int i) {
  const std::string layer = fmt::format("{}encoder.layer.{}.", prefix, i);
  return {
      layer + "attention.self.query.weight (32, 32)",
      layer + "attention.self.query.bias (32,)",
      layer + "attention.self.key.weight (32, 32)",
      layer + "attention.self.key.bias (32,)",
      layer + "attention.self.value.weight (32, 32)",
      layer + "attention.self.value.bias (32,)",
      layer + "attention.output.dense.weight (32, 32)",
      layer + "attention.output.dense.bias (32,)",
      layer + "attention.output.LayerNorm.weight (32,)",
      layer + "attention.output.LayerNorm.bias (32,)",
      layer + "intermediate.dense.weight (37, 32)",
      layer + "intermediate.dense.bias (37,)",
      layer + "output.dense.weight (32, 37)",
      layer + "output.dense.bias (32,)",
      layer + "output.LayerNorm.weight (32,)",
      layer + "output.LayerNorm.bias (32,)",
  };
}

std::vector<std::string> small_parameters(const std::string& prefix, bool pooler) {
  // BertEmbeddings.__init__: word_embeddings (vocab_size, hidden), position_embeddings
  // (max_position_embeddings, hidden), token_type_embeddings (type_vocab_size, hidden), LayerNorm.
  std::vector<std::string> expected = {
      prefix + "embeddings.word_embeddings.weight (99, 32)",
      prefix + "embeddings.position_embeddings.weight (64, 32)",
      prefix + "embeddings.token_type_embeddings.weight (3, 32)",
      prefix + "embeddings.LayerNorm.weight (32,)",
      prefix + "embeddings.LayerNorm.bias (32,)",
  };
  // BertEncoder: layer = nn.ModuleList of num_hidden_layers BertLayer.
  for (int i = 0; i < 2; ++i)
    for (auto& line : small_layer(prefix, i)) expected.push_back(line);
  // BertPooler: dense (hidden, hidden), then a Tanh.
  if (pooler) {
    expected.push_back(prefix + "pooler.dense.weight (32, 32)");
    expected.push_back(prefix + "pooler.dense.bias (32,)");
  }
  return expected;
}

// The report rows of a bert-base BertLayer ({0}: the model's prefix, {1}: the layer index).
constexpr std::string_view base_layer_rows = R"(
| {0}encoder.layer.{1}.attention.self.query.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| {0}encoder.layer.{1}.attention.self.query.bias | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.attention.self.key.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| {0}encoder.layer.{1}.attention.self.key.bias | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.attention.self.value.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| {0}encoder.layer.{1}.attention.self.value.bias | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.attention.output.dense.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| {0}encoder.layer.{1}.attention.output.dense.bias | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.attention.output.LayerNorm.weight | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.attention.output.LayerNorm.bias | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.intermediate.dense.weight | (3072, 768) | (3072, 768) | 2359296 | Matrix |
| {0}encoder.layer.{1}.intermediate.dense.bias | (3072,) | (3072,) | 3072 | Vector |
| {0}encoder.layer.{1}.output.dense.weight | (768, 3072) | (768, 3072) | 2359296 | Matrix |
| {0}encoder.layer.{1}.output.dense.bias | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.output.LayerNorm.weight | (768,) | (768,) | 768 | Vector |
| {0}encoder.layer.{1}.output.LayerNorm.bias | (768,) | (768,) | 768 | Vector |
)";

constexpr std::string_view large_layer_rows = R"(
| bert.encoder.layer.{0}.attention.self.query.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| bert.encoder.layer.{0}.attention.self.query.bias | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.attention.self.key.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| bert.encoder.layer.{0}.attention.self.key.bias | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.attention.self.value.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| bert.encoder.layer.{0}.attention.self.value.bias | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.attention.output.dense.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| bert.encoder.layer.{0}.attention.output.dense.bias | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.attention.output.LayerNorm.weight | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.attention.output.LayerNorm.bias | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.intermediate.dense.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| bert.encoder.layer.{0}.intermediate.dense.bias | (4096,) | (4096,) | 4096 | Vector |
| bert.encoder.layer.{0}.output.dense.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| bert.encoder.layer.{0}.output.dense.bias | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.output.LayerNorm.weight | (1024,) | (1024,) | 1024 | Vector |
| bert.encoder.layer.{0}.output.LayerNorm.bias | (1024,) | (1024,) | 1024 | Vector |
)";

}  // namespace

TEST_CASE("bert: a small BertModel has transformers' names and shapes", "[bert][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters("", true));
  CHECK(traced.output == shape{1, 16, 32});              // last_hidden_state
  CHECK(call_output(traced, "pooler") == shape{1, 32});  // pooler_output: the first token's hidden state
  CHECK(call_output(traced, "encoder.layer.1.attention.self.dropout") ==
        shape{1, 4, 16, 16});  // attention probabilities

  bert::model without_pooler = small;
  without_pooler.add_pooling_layer = false;
  CHECK(parameter_lines(trace(without_pooler)) == small_parameters("", false));
}

TEST_CASE("bert: BertForSequenceClassification adds dropout and a classifier on the pooled output",
          "[bert][transformers]") {
  constexpr bert::for_sequence_classification classifier{.config = small_config, .num_classes = 5, .input = {16}};
  const trace_result traced = trace(classifier);
  std::vector<std::string> expected = small_parameters("bert.", true);
  expected.push_back("classifier.weight (5, 32)");
  expected.push_back("classifier.bias (5,)");
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, 5});
  CHECK(call_output(traced, "bert") == shape{1, 16, 32});
  CHECK(call_output(traced, "dropout") == shape{1, 32});
  STATIC_REQUIRE(output_shape<classifier> == shape{1, 5});
}

TEST_CASE("bert: BertForMaskedLM has no pooler, and the prediction head's own bias before its transform",
          "[bert][transformers]") {
  // BertForMaskedLM: bert = BertModel(config, add_pooling_layer=False), cls = BertOnlyMLMHead
  // (predictions = BertLMPredictionHead: transform, decoder tied to the word embeddings, bias, which
  // is decoder.bias too). named_parameters() gives a module's own parameters before its children's.
  constexpr bert::for_masked_lm masked{.config = small_config, .input = {16}};
  const trace_result traced = trace(masked);
  std::vector<std::string> expected;
  for (const auto& line : parameter_lines(trace(small)))
    if (!line.starts_with("pooler.")) expected.push_back("bert." + line);
  for (const auto& line : lines_of(R"(
cls.predictions.bias (99,)
cls.predictions.transform.dense.weight (32, 32)
cls.predictions.transform.dense.bias (32,)
cls.predictions.transform.LayerNorm.weight (32,)
cls.predictions.transform.LayerNorm.bias (32,)
)"))
    expected.push_back(line);
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, 16, 99});
  CHECK(call_output(traced, "cls.predictions.transform.transform_act_fn") == shape{1, 16, 32});
  // state_dict() holds the tied decoder's weight and bias under their own names too.
  std::vector<std::string> decoder_states;
  for (const auto& state : traced.state_dict)
    if (state.name.starts_with("cls.predictions.decoder.")) decoder_states.push_back(state.name);
  CHECK(decoder_states == std::vector<std::string>{"cls.predictions.decoder.weight", "cls.predictions.decoder.bias"});
}

TEST_CASE("bert: embeddings are called word, token_type, position, as BertEmbeddings.forward does",
          "[bert][transformers]") {
  const trace_result traced = trace(small);
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name.starts_with("embeddings.")) calls.push_back(call.name);
  CHECK(calls == std::vector<std::string>{"embeddings.word_embeddings", "embeddings.token_type_embeddings",
                                          "embeddings.position_embeddings", "embeddings.LayerNorm",
                                          "embeddings.dropout"});
}

TEST_CASE("bert: the named models' first and last layers", "[bert][transformers]") {
  SECTION("bert: BertModel with BertConfig() defaults") {
    const trace_result traced = trace(bert::bert());
    CHECK(traced.output == shape{1, 128, 768});
    CHECK(report_rows("bert", traced, "encoder.layer.0.") == formatted_lines(base_layer_rows, "", 0));
    CHECK(report_rows("bert", traced, "encoder.layer.11.") == formatted_lines(base_layer_rows, "", 11));
    CHECK(report_rows("bert", traced, "encoder.layer.12.").empty());
  }
  SECTION("bert-base-uncased") {
    const trace_result traced = trace(bert::bert_base_uncased());
    CHECK(report_rows("bert-base-uncased", traced, "bert.embeddings.") == lines_of(R"(
| bert.embeddings.word_embeddings.weight | (30522, 768) | (30522, 768) | 23440896 | Matrix |
| bert.embeddings.position_embeddings.weight | (512, 768) | (512, 768) | 393216 | Matrix |
| bert.embeddings.token_type_embeddings.weight | (2, 768) | (2, 768) | 1536 | Matrix |
| bert.embeddings.LayerNorm.weight | (768,) | (768,) | 768 | Vector |
| bert.embeddings.LayerNorm.bias | (768,) | (768,) | 768 | Vector |
)"));
    CHECK(report_rows("bert-base-uncased", traced, "bert.encoder.layer.0.") ==
          formatted_lines(base_layer_rows, "bert.", 0));
    CHECK(report_rows("bert-base-uncased", traced, "bert.encoder.layer.11.") ==
          formatted_lines(base_layer_rows, "bert.", 11));
    CHECK(report_rows("bert-base-uncased", traced, "bert.pooler.") == lines_of(R"(
| bert.pooler.dense.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| bert.pooler.dense.bias | (768,) | (768,) | 768 | Vector |
)"));
    CHECK(report_rows("bert-base-uncased", traced, "classifier.") == lines_of(R"(
| classifier.weight | (2, 768) | (2, 768) | 1536 | Matrix |
| classifier.bias | (2,) | (2,) | 2 | Vector |
)"));
    CHECK(traced.output == shape{1, 2});
  }
  SECTION("bert-base-cased: bert-base with a vocabulary of 28996") {
    const trace_result traced = trace(bert::bert_base_cased());
    CHECK(report_rows("bert-base-cased", traced, "bert.embeddings.word_embeddings.") ==
          lines_of("| bert.embeddings.word_embeddings.weight | (28996, 768) | (28996, 768) | 22268928 | Matrix |"));
    CHECK(report_rows("bert-base-cased", traced, "bert.encoder.layer.0.") ==
          formatted_lines(base_layer_rows, "bert.", 0));
    CHECK(report_rows("bert-base-cased", traced, "bert.encoder.layer.11.") ==
          formatted_lines(base_layer_rows, "bert.", 11));
    CHECK(traced.output == shape{1, 2});
  }
  SECTION("bert-large-uncased") {
    const trace_result traced = trace(bert::bert_large_uncased());
    CHECK(report_rows("bert-large-uncased", traced, "bert.embeddings.word_embeddings.") ==
          lines_of("| bert.embeddings.word_embeddings.weight | (30522, 1024) | (30522, 1024) | 31254528 | Matrix |"));
    CHECK(report_rows("bert-large-uncased", traced, "bert.encoder.layer.0.") == formatted_lines(large_layer_rows, 0));
    CHECK(report_rows("bert-large-uncased", traced, "bert.encoder.layer.23.") == formatted_lines(large_layer_rows, 23));
    CHECK(report_rows("bert-large-uncased", traced, "bert.encoder.layer.24.").empty());
    CHECK(report_rows("bert-large-uncased", traced, "classifier.") == lines_of(R"(
| classifier.weight | (2, 1024) | (2, 1024) | 2048 | Matrix |
| classifier.bias | (2,) | (2,) | 2 | Vector |
)"));
    CHECK(traced.output == shape{1, 2});
  }
}

TEST_CASE("bert: multiply-accumulates at sequence length 128", "[bert][transformers][macs]") {
  // Per layer and token: Q, K, V and the attention output are 4 × 768² and the feed-forward
  // 2 × 768 × 3072; per layer the 12 heads compute Q·Kᵀ and A·V, 2 × 12 × 128² × 64; then the
  // pooler (768²) and the classifier (768 × 2) on one token.
  constexpr std::int64_t per_layer = 128LL * (4 * 768 * 768 + 2 * 768 * 3072) + 2LL * 12 * 128 * 128 * 64;
  STATIC_REQUIRE(macs<bert::bert_base_uncased()> == 12 * per_layer + 768 * 768 + 768 * 2);
  STATIC_REQUIRE(macs<bert::bert_base_uncased()> == 11'174'217'216);
}

TEST_CASE("bert: transformers' checks", "[bert][transformers]") {
  bert::model odd_heads = small;
  odd_heads.config.num_attention_heads = 5;
  CHECK_THROWS_WITH(trace(odd_heads),
                    "encoder.layer.0.attention.self (BertSelfAttention): The hidden size (32) is not a multiple of the "
                    "number of attention heads (5)");
  bert::model too_long = small;
  too_long.input = {65};
  CHECK_THROWS_WITH(trace(too_long), "BertModel: sequence length 65 exceeds max_position_embeddings = 64");
}

}  // namespace bert_test
