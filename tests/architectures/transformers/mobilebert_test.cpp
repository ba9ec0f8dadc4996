// MobileBERT (architectures/transformers/mobilebert.hpp) against transformers' modeling_mobilebert.py: names and
// shapes of small configurations written by hand from the source, report rows of
// google/mobilebert-uncased's first and last layers, output shapes and multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/mobilebert.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace mobilebert_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::formatted_lines;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another, so that a swapped dimension shows: hidden 24, embedding 8,
// intra_bottleneck (true_hidden_size) 12, intermediate 20.
constexpr mobilebert::config small_config{.vocab_size = 100,
                                          .hidden_size = 24,
                                          .num_hidden_layers = 2,
                                          .num_attention_heads = 2,
                                          .intermediate_size = 20,
                                          .max_position_embeddings = 40,
                                          .type_vocab_size = 3,
                                          .embedding_size = 8,
                                          .intra_bottleneck_size = 12,
                                          .num_feedforward_networks = 3};
constexpr mobilebert::model small{.config = small_config, .input = {16}};

// NoNorm registers bias, then weight.
std::vector<std::string> no_norm(const std::string& prefix, int size) {
  return {fmt::format("{}.bias ({},)", prefix, size), fmt::format("{}.weight ({},)", prefix, size)};
}

void append(std::vector<std::string>& to, const std::vector<std::string>& lines) {
  to.insert(to.end(), lines.begin(), lines.end());
}

std::vector<std::string> small_parameters() {
  // MobileBertEmbeddings.__init__: word_embeddings (vocab, embedding_size), position_embeddings and
  // token_type_embeddings (.., hidden), embedding_transformation Linear(3 * embedding_size, hidden)
  // for the trigram input, LayerNorm = NoNorm(hidden).
  std::vector<std::string> expected = {
      "embeddings.word_embeddings.weight (100, 8)",      "embeddings.position_embeddings.weight (40, 24)",
      "embeddings.token_type_embeddings.weight (3, 24)", "embeddings.embedding_transformation.weight (24, 24)",
      "embeddings.embedding_transformation.bias (24,)",
  };
  append(expected, no_norm("embeddings.LayerNorm", 24));
  for (int i = 0; i < 2; ++i) {
    const std::string layer = fmt::format("encoder.layer.{}.", i);
    // MobileBertLayer.__init__ registers attention, intermediate, output, bottleneck, ffn.
    // MobileBertSelfAttention: query and key from true_hidden_size, value from hidden_size
    // (use_bottleneck_attention is False). MobileBertSelfOutput: dense, LayerNorm of true_hidden_size.
    append(expected, {layer + "attention.self.query.weight (12, 12)", layer + "attention.self.query.bias (12,)",
                      layer + "attention.self.key.weight (12, 12)", layer + "attention.self.key.bias (12,)",
                      layer + "attention.self.value.weight (12, 24)", layer + "attention.self.value.bias (12,)",
                      layer + "attention.output.dense.weight (12, 12)", layer + "attention.output.dense.bias (12,)"});
    append(expected, no_norm(layer + "attention.output.LayerNorm", 12));
    // MobileBertIntermediate: dense (true_hidden_size -> intermediate_size).
    append(expected, {layer + "intermediate.dense.weight (20, 12)", layer + "intermediate.dense.bias (20,)"});
    // MobileBertOutput: dense (intermediate -> true_hidden), LayerNorm, bottleneck = OutputBottleneck
    // (dense true_hidden -> hidden, LayerNorm of hidden).
    append(expected, {layer + "output.dense.weight (12, 20)", layer + "output.dense.bias (12,)"});
    append(expected, no_norm(layer + "output.LayerNorm", 12));
    append(expected, {layer + "output.bottleneck.dense.weight (24, 12)", layer + "output.bottleneck.dense.bias (24,)"});
    append(expected, no_norm(layer + "output.bottleneck.LayerNorm", 24));
    // Bottleneck: input and, with key_query_shared_bottleneck, attention: BottleneckLayer (dense
    // hidden -> intra_bottleneck_size, LayerNorm).
    for (const char* part : {"input", "attention"}) {
      const std::string bottleneck_layer = layer + "bottleneck." + part;
      append(expected, {bottleneck_layer + ".dense.weight (12, 24)", bottleneck_layer + ".dense.bias (12,)"});
      append(expected, no_norm(bottleneck_layer + ".LayerNorm", 12));
    }
    // ffn: num_feedforward_networks - 1 FFNLayer (intermediate; output = FFNOutput: dense, LayerNorm).
    for (int f = 0; f < 2; ++f) {
      const std::string ffn = fmt::format("{}ffn.{}.", layer, f);
      append(expected, {ffn + "intermediate.dense.weight (20, 12)", ffn + "intermediate.dense.bias (20,)",
                        ffn + "output.dense.weight (12, 20)", ffn + "output.dense.bias (12,)"});
      append(expected, no_norm(ffn + "output.LayerNorm", 12));
    }
  }
  // MobileBertPooler with classifier_activation: dense (hidden, hidden).
  append(expected, {"pooler.dense.weight (24, 24)", "pooler.dense.bias (24,)"});
  return expected;
}

// The report rows of a google/mobilebert-uncased MobileBertLayer ({0}: its index).
constexpr std::string_view layer_rows = R"(
| encoder.layer.{0}.attention.self.query.weight | (128, 128) | (128, 128) | 16384 | Matrix |
| encoder.layer.{0}.attention.self.query.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.attention.self.key.weight | (128, 128) | (128, 128) | 16384 | Matrix |
| encoder.layer.{0}.attention.self.key.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.attention.self.value.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.attention.self.value.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.attention.output.dense.weight | (128, 128) | (128, 128) | 16384 | Matrix |
| encoder.layer.{0}.attention.output.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.attention.output.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.attention.output.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.intermediate.dense.weight | (512, 128) | (512, 128) | 65536 | Matrix |
| encoder.layer.{0}.intermediate.dense.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.output.dense.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.output.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.output.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.output.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.output.bottleneck.dense.weight | (512, 128) | (512, 128) | 65536 | Matrix |
| encoder.layer.{0}.output.bottleneck.dense.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.output.bottleneck.LayerNorm.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.output.bottleneck.LayerNorm.weight | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.bottleneck.input.dense.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.bottleneck.input.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.bottleneck.input.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.bottleneck.input.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.bottleneck.attention.dense.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.bottleneck.attention.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.bottleneck.attention.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.bottleneck.attention.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.0.intermediate.dense.weight | (512, 128) | (512, 128) | 65536 | Matrix |
| encoder.layer.{0}.ffn.0.intermediate.dense.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.ffn.0.output.dense.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.ffn.0.output.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.0.output.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.0.output.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.1.intermediate.dense.weight | (512, 128) | (512, 128) | 65536 | Matrix |
| encoder.layer.{0}.ffn.1.intermediate.dense.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.ffn.1.output.dense.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.ffn.1.output.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.1.output.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.1.output.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.2.intermediate.dense.weight | (512, 128) | (512, 128) | 65536 | Matrix |
| encoder.layer.{0}.ffn.2.intermediate.dense.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.{0}.ffn.2.output.dense.weight | (128, 512) | (128, 512) | 65536 | Matrix |
| encoder.layer.{0}.ffn.2.output.dense.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.2.output.LayerNorm.bias | (128,) | (128,) | 128 | Vector |
| encoder.layer.{0}.ffn.2.output.LayerNorm.weight | (128,) | (128,) | 128 | Vector |
)";

// The calls of these modules, in the order they happen.
std::vector<std::string> calls_among(const trace_result& traced, const std::vector<std::string>& names) {
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (std::find(names.begin(), names.end(), call.name) != names.end()) calls.push_back(call.name);
  return calls;
}

}  // namespace

TEST_CASE("mobilebert: a small MobileBertModel has transformers' names and shapes", "[mobilebert][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters());
  CHECK(traced.output == shape{1, 16, 24});              // last_hidden_state
  CHECK(call_output(traced, "pooler") == shape{1, 24});  // pooler_output
  // The trigram input: three embeddings side by side, 3 × 8 wide, transformed to hidden_size.
  CHECK(call_output(traced, "embeddings.embedding_transformation") == shape{1, 16, 24});
  CHECK(call_output(traced, "encoder.layer.0.attention.self.dropout") == shape{1, 2, 16, 16});
  CHECK(call_output(traced, "encoder.layer.0.output") == shape{1, 16, 24});  // back to hidden_size
}

TEST_CASE("mobilebert: calls follow MobileBertLayer.forward, not the registration order",
          "[mobilebert][transformers]") {
  const trace_result traced = trace(small);
  const std::vector<std::string> embeddings_calls = {
      "embeddings.word_embeddings",     "embeddings.embedding_transformation",
      "embeddings.position_embeddings", "embeddings.token_type_embeddings",
      "embeddings.LayerNorm",           "embeddings.dropout"};
  CHECK(calls_among(traced, embeddings_calls) == embeddings_calls);
  const std::vector<std::string> layer_calls = {"encoder.layer.1.bottleneck",   "encoder.layer.1.attention",
                                                "encoder.layer.1.ffn.0",        "encoder.layer.1.ffn.1",
                                                "encoder.layer.1.intermediate", "encoder.layer.1.output"};
  CHECK(calls_among(traced, layer_calls) == layer_calls);
}

TEST_CASE("mobilebert: the configuration's switches", "[mobilebert][transformers]") {
  SECTION("normalization_type layer_norm: nn.LayerNorm registers weight, then bias") {
    mobilebert::model net = small;
    net.config.normalization_type = mobilebert::normalization_type::layer_norm;
    const auto lines = parameter_lines(trace(net));
    CHECK(lines[5] == "embeddings.LayerNorm.weight (24,)");
    CHECK(lines[6] == "embeddings.LayerNorm.bias (24,)");
    CHECK(call_output(trace(net), "embeddings.LayerNorm") == shape{1, 16, 24});
  }
  SECTION("without bottleneck: no Bottleneck nor OutputBottleneck, every width is hidden_size") {
    mobilebert::model net = small;
    net.config.use_bottleneck = false;
    net.config.num_hidden_layers = 1;
    net.config.num_feedforward_networks = 1;
    std::vector<std::string> expected = {
        "embeddings.word_embeddings.weight (100, 8)",
        "embeddings.position_embeddings.weight (40, 24)",
        "embeddings.token_type_embeddings.weight (3, 24)",
        "embeddings.embedding_transformation.weight (24, 24)",
        "embeddings.embedding_transformation.bias (24,)",
        "embeddings.LayerNorm.bias (24,)",
        "embeddings.LayerNorm.weight (24,)",
        "encoder.layer.0.attention.self.query.weight (24, 24)",
        "encoder.layer.0.attention.self.query.bias (24,)",
        "encoder.layer.0.attention.self.key.weight (24, 24)",
        "encoder.layer.0.attention.self.key.bias (24,)",
        "encoder.layer.0.attention.self.value.weight (24, 24)",
        "encoder.layer.0.attention.self.value.bias (24,)",
        "encoder.layer.0.attention.output.dense.weight (24, 24)",
        "encoder.layer.0.attention.output.dense.bias (24,)",
        "encoder.layer.0.attention.output.LayerNorm.bias (24,)",
        "encoder.layer.0.attention.output.LayerNorm.weight (24,)",
        "encoder.layer.0.intermediate.dense.weight (20, 24)",
        "encoder.layer.0.intermediate.dense.bias (20,)",
        "encoder.layer.0.output.dense.weight (24, 20)",
        "encoder.layer.0.output.dense.bias (24,)",
        "encoder.layer.0.output.LayerNorm.bias (24,)",
        "encoder.layer.0.output.LayerNorm.weight (24,)",
        "pooler.dense.weight (24, 24)",
        "pooler.dense.bias (24,)",
    };
    const trace_result traced = trace(net);
    CHECK(parameter_lines(traced) == expected);
    // Without bottleneck the dropouts of MobileBertSelfOutput and MobileBertOutput exist and run.
    CHECK(call_output(traced, "encoder.layer.0.attention.output.dropout") == shape{1, 16, 24});
    CHECK(call_output(traced, "encoder.layer.0.output.dropout") == shape{1, 16, 24});
  }
  SECTION(
      "without trigram input and with embedding_size == hidden_size, embedding_transformation is registered but not "
      "called") {
    mobilebert::model net = small;
    net.config.trigram_input = false;
    net.config.embedding_size = 24;
    const trace_result traced = trace(net);
    CHECK(parameter_lines(traced)[3] == "embeddings.embedding_transformation.weight (24, 24)");
    CHECK(call_output(traced, "embeddings.embedding_transformation") == shape{});
  }
  SECTION("without classifier_activation the pooler has no parameters; without pooling layer there is none") {
    mobilebert::model net = small;
    net.config.classifier_activation = false;
    CHECK(trace(net).parameters.size() == trace(small).parameters.size() - 2);
    CHECK(call_output(trace(net), "pooler") == shape{1, 24});
    net.add_pooling_layer = false;
    CHECK(call_output(trace(net), "pooler") == shape{});
  }
}

TEST_CASE("mobilebert: google/mobilebert-uncased's first and last layers", "[mobilebert][transformers]") {
  const trace_result traced = trace(mobilebert::mobilebert());
  CHECK(report_rows("mobilebert", traced, "embeddings.") == lines_of(R"(
| embeddings.word_embeddings.weight | (30522, 128) | (30522, 128) | 3906816 | Matrix |
| embeddings.position_embeddings.weight | (512, 512) | (512, 512) | 262144 | Matrix |
| embeddings.token_type_embeddings.weight | (2, 512) | (2, 512) | 1024 | Matrix |
| embeddings.embedding_transformation.weight | (512, 384) | (512, 384) | 196608 | Matrix |
| embeddings.embedding_transformation.bias | (512,) | (512,) | 512 | Vector |
| embeddings.LayerNorm.bias | (512,) | (512,) | 512 | Vector |
| embeddings.LayerNorm.weight | (512,) | (512,) | 512 | Vector |
)"));
  CHECK(report_rows("mobilebert", traced, "encoder.layer.0.") == formatted_lines(layer_rows, 0));
  CHECK(report_rows("mobilebert", traced, "encoder.layer.23.") == formatted_lines(layer_rows, 23));
  CHECK(report_rows("mobilebert", traced, "encoder.layer.24.").empty());
  CHECK(report_rows("mobilebert", traced, "pooler.") == lines_of(R"(
| pooler.dense.weight | (512, 512) | (512, 512) | 262144 | Matrix |
| pooler.dense.bias | (512,) | (512,) | 512 | Vector |
)"));
  CHECK(traced.output == shape{1, 128, 512});
}

TEST_CASE("mobilebert: multiply-accumulates at sequence length 128", "[mobilebert][transformers][macs]") {
  constexpr std::int64_t tokens = 128;
  // Per token in a layer: the two bottleneck projections 512 → 128, query and key 128 → 128, value
  // 512 → 128, the attention output 128 → 128, four feed-forward networks 128 → 512 → 128, the
  // output bottleneck 128 → 512; per layer the 4 heads of 32 compute Q·Kᵀ and A·V over 128².
  constexpr std::int64_t per_token =
      2 * 512 * 128 + 2 * 128 * 128 + 512 * 128 + 128 * 128 + 4 * 2 * 128 * 512 + 128 * 512;
  constexpr std::int64_t per_layer = tokens * per_token + 2 * 4 * tokens * tokens * 32;
  // The embedding transformation 384 → 512 per token; the pooler 512 → 512 on one token.
  STATIC_REQUIRE(macs<mobilebert::mobilebert()> == tokens * 384 * 512 + 24 * per_layer + 512 * 512);
  STATIC_REQUIRE(macs<mobilebert::mobilebert()> == 2'693'005'312);
}

TEST_CASE("mobilebert: the sequence must fit the position embeddings", "[mobilebert][transformers]") {
  mobilebert::model too_long = small;
  too_long.input = {41};
  CHECK_THROWS_WITH(trace(too_long), "MobileBertModel: sequence length 41 exceeds max_position_embeddings = 40");
}

TEST_CASE("mobilebert: MobileBertForMaskedLM's head, its decoder tied to the word embeddings",
          "[mobilebert][transformers]") {
  // MobileBertForMaskedLM: mobilebert = MobileBertModel(config, add_pooling_layer=False), cls =
  // MobileBertOnlyMLMHead (predictions = MobileBertLMPredictionHead: transform = dense, act,
  // LayerNorm (always NORM2FN["layer_norm"]); dense = Linear(vocab_size, hidden_size -
  // embedding_size, bias=False); decoder = Linear(embedding_size, vocab_size, bias=False), tied to
  // the word embeddings; bias, which is decoder.bias too). A module's own parameters come first.
  constexpr mobilebert::for_masked_lm masked{.config = small_config, .input = {16}};
  const trace_result traced = trace(masked);
  std::vector<std::string> expected;
  for (const auto& line : parameter_lines(trace(small)))
    if (!line.starts_with("pooler.")) expected.push_back("mobilebert." + line);
  append(expected, lines_of(R"(
cls.predictions.bias (100,)
cls.predictions.transform.dense.weight (24, 24)
cls.predictions.transform.dense.bias (24,)
cls.predictions.transform.LayerNorm.weight (24,)
cls.predictions.transform.LayerNorm.bias (24,)
cls.predictions.dense.weight (16, 100)
)"));
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, 16, 100});
  CHECK(call_output(traced, "cls.predictions.transform.transform_act_fn") == shape{1, 16, 24});
  std::vector<std::string> decoder_states;
  for (const auto& state : traced.state_dict)
    if (state.name.starts_with("cls.predictions.decoder.")) decoder_states.push_back(state.name);
  CHECK(decoder_states == std::vector<std::string>{"cls.predictions.decoder.weight", "cls.predictions.decoder.bias"});
  // The scores, transform(x) · cat(decoder.weight.t(), dense.weight): 16 tokens × 24 × 100.
  const trace_result base = trace(mobilebert::model{.config = small_config, .add_pooling_layer = false, .input = {16}});
  CHECK(traced.mac_total - base.mac_total == 16 * 24 * 24 + 16 * 24 * 100);
}

TEST_CASE("mobilebert: MobileBertForMaskedLM of google/mobilebert-uncased", "[mobilebert][transformers]") {
  // MobileBertModel without its pooler (24,844,544 - 512 × 512 - 512), then the head: bias 30522,
  // transform.dense 512 × 512 + 512, its LayerNorm 2 × 512, dense 30522 × (512 - 128).
  constexpr mobilebert::for_masked_lm masked{};
  STATIC_REQUIRE(parameter_count<masked> == 24'844'544 - 262'656 + 30'522 + 262'656 + 1'024 + 30'522LL * 384);
  STATIC_REQUIRE(parameter_count<masked> == 36'596'538);
}

}  // namespace mobilebert_test
