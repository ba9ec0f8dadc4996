// T5 (architectures/transformers/t5.hpp) against transformers' modeling_t5.py (2024) and configuration_t5.py:
// names and shapes of small configurations written by hand from the source, report rows of the
// named models' first and last blocks, output shapes and multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/t5.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace t5_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::formatted_lines;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another, so that a swapped dimension shows: inner_dim = num_heads ×
// d_kv = 24 differs from d_model = 32; fewer decoder than encoder layers.
constexpr t5::config small_config{.vocab_size = 99,
                                  .d_model = 32,
                                  .d_kv = 8,
                                  .d_ff = 37,
                                  .num_layers = 2,
                                  .num_decoder_layers = 1,
                                  .num_heads = 3,
                                  .relative_attention_num_buckets = 5};
constexpr t5::model small{.config = small_config, .input = {10}};

// T5Attention.__init__: q, k, v = Linear(d_model, inner_dim, bias=False), o = Linear(inner_dim,
// d_model, bias=False), then, if has_relative_attention_bias (T5Stack: only block 0),
// relative_attention_bias = Embedding(relative_attention_num_buckets, n_heads).
std::vector<std::string> attention(const std::string& prefix, bool relative_attention_bias) {
  std::vector<std::string> lines = {prefix + "q.weight (24, 32)", prefix + "k.weight (24, 32)",
                                    prefix + "v.weight (24, 32)", prefix + "o.weight (32, 24)"};
  if (relative_attention_bias) lines.push_back(prefix + "relative_attention_bias.weight (5, 3)");
  return lines;
}

// T5Block.__init__: layer = ModuleList [T5LayerSelfAttention (SelfAttention, layer_norm, dropout),
// T5LayerCrossAttention in a decoder (EncDecAttention, layer_norm, dropout), T5LayerFF
// (DenseReluDense, layer_norm, dropout)]. T5LayerNorm has a weight and no bias.
// T5DenseActDense: wi = Linear(d_model, d_ff), wo = Linear(d_ff, d_model), no bias;
// T5DenseGatedActDense: wi_0, wi_1, wo.
std::vector<std::string> block(const std::string& stack, int i, bool gated) {
  const std::string layer = fmt::format("{}.block.{}.layer.", stack, i);
  std::vector<std::string> lines = attention(layer + "0.SelfAttention.", i == 0);
  lines.push_back(layer + "0.layer_norm.weight (32,)");
  int ff = 1;
  if (stack == "decoder") {
    for (auto& line : attention(layer + "1.EncDecAttention.", false)) lines.push_back(line);
    lines.push_back(layer + "1.layer_norm.weight (32,)");
    ff = 2;
  }
  const std::string dense = fmt::format("{}{}.DenseReluDense.", layer, ff);
  if (gated) {
    lines.push_back(dense + "wi_0.weight (37, 32)");
    lines.push_back(dense + "wi_1.weight (37, 32)");
  } else {
    lines.push_back(dense + "wi.weight (37, 32)");
  }
  lines.push_back(dense + "wo.weight (32, 37)");
  lines.push_back(fmt::format("{}{}.layer_norm.weight (32,)", layer, ff));
  return lines;
}

// T5Model.__init__: shared = Embedding(vocab_size, d_model), encoder = T5Stack(encoder_config,
// shared), decoder = T5Stack(decoder_config, shared) with num_layers = num_decoder_layers.
// T5Stack.__init__: embed_tokens (= shared: named_parameters() lists the tensor once, under its
// first name), block = ModuleList of T5Block, final_layer_norm, dropout.
std::vector<std::string> small_parameters(bool gated) {
  std::vector<std::string> expected = {"shared.weight (99, 32)"};
  for (int i = 0; i < 2; ++i)
    for (auto& line : block("encoder", i, gated)) expected.push_back(line);
  expected.push_back("encoder.final_layer_norm.weight (32,)");
  for (auto& line : block("decoder", 0, gated)) expected.push_back(line);
  expected.push_back("decoder.final_layer_norm.weight (32,)");
  return expected;
}

// The report rows of a T5-base encoder block ({0}: the block index) and of a decoder block.
constexpr std::string_view base_encoder_block_rows = R"(
| encoder.block.{0}.layer.0.SelfAttention.q.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| encoder.block.{0}.layer.0.SelfAttention.k.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| encoder.block.{0}.layer.0.SelfAttention.v.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| encoder.block.{0}.layer.0.SelfAttention.o.weight | (768, 768) | (768, 768) | 589824 | Matrix |{1}
| encoder.block.{0}.layer.0.layer_norm.weight | (768,) | (768,) | 768 | Vector |
| encoder.block.{0}.layer.1.DenseReluDense.wi.weight | (3072, 768) | (3072, 768) | 2359296 | Matrix |
| encoder.block.{0}.layer.1.DenseReluDense.wo.weight | (768, 3072) | (768, 3072) | 2359296 | Matrix |
| encoder.block.{0}.layer.1.layer_norm.weight | (768,) | (768,) | 768 | Vector |
)";

constexpr std::string_view base_decoder_block_rows = R"(
| decoder.block.{0}.layer.0.SelfAttention.q.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.0.SelfAttention.k.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.0.SelfAttention.v.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.0.SelfAttention.o.weight | (768, 768) | (768, 768) | 589824 | Matrix |{1}
| decoder.block.{0}.layer.0.layer_norm.weight | (768,) | (768,) | 768 | Vector |
| decoder.block.{0}.layer.1.EncDecAttention.q.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.1.EncDecAttention.k.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.1.EncDecAttention.v.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.1.EncDecAttention.o.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| decoder.block.{0}.layer.1.layer_norm.weight | (768,) | (768,) | 768 | Vector |
| decoder.block.{0}.layer.2.DenseReluDense.wi.weight | (3072, 768) | (3072, 768) | 2359296 | Matrix |
| decoder.block.{0}.layer.2.DenseReluDense.wo.weight | (768, 3072) | (768, 3072) | 2359296 | Matrix |
| decoder.block.{0}.layer.2.layer_norm.weight | (768,) | (768,) | 768 | Vector |
)";

// T5-3b: d_model 1024, 32 heads of d_kv 128 (inner_dim 4096), d_ff 16384.
constexpr std::string_view t5_3b_decoder_block_rows = R"(
| decoder.block.{0}.layer.0.SelfAttention.q.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.{0}.layer.0.SelfAttention.k.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.{0}.layer.0.SelfAttention.v.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.{0}.layer.0.SelfAttention.o.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |{1}
| decoder.block.{0}.layer.0.layer_norm.weight | (1024,) | (1024,) | 1024 | Vector |
| decoder.block.{0}.layer.1.EncDecAttention.q.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.{0}.layer.1.EncDecAttention.k.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.{0}.layer.1.EncDecAttention.v.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.{0}.layer.1.EncDecAttention.o.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| decoder.block.{0}.layer.1.layer_norm.weight | (1024,) | (1024,) | 1024 | Vector |
| decoder.block.{0}.layer.2.DenseReluDense.wi.weight | (16384, 1024) | (16384, 1024) | 16777216 | Matrix |
| decoder.block.{0}.layer.2.DenseReluDense.wo.weight | (1024, 16384) | (1024, 16384) | 16777216 | Matrix |
| decoder.block.{0}.layer.2.layer_norm.weight | (1024,) | (1024,) | 1024 | Vector |
)";

// The row a block's relative_attention_bias adds after o (block 0 only).
std::string bias_row(std::string_view stack, int buckets, int heads) {
  return fmt::format(
      "\n| {0}.block.0.layer.0.SelfAttention.relative_attention_bias.weight | ({1}, {2}) | ({1}, {2}) | {3} | Matrix |",
      stack, buckets, heads, buckets * heads);
}

// A decoder stack on 4 tokens after an encoder that saw 10 (T5Model feeds both stacks sequences of
// the same length).
struct decoder_after_encoder {
  static constexpr std::string_view type_name = "Decoder";
  shape input{4};
  constexpr shape forward(scope& self, const shape& decoder_input_ids) const {
    self.declare("shared", t5::shared_embedding(small_config), decoder_input_ids);
    return self("decoder", t5::t5_stack{small_config, true, {1, 10, 32}}, decoder_input_ids);
  }
};

}  // namespace

TEST_CASE("t5: a small T5Model has transformers' names and shapes", "[t5][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters(false));
  CHECK(traced.output == shape{1, 10, 32});  // the decoder's last_hidden_state
  CHECK(call_output(traced, "encoder") == shape{1, 10, 32});
  CHECK(call_output(traced, "encoder.embed_tokens") == shape{1, 10, 32});
  CHECK(call_output(traced, "decoder.embed_tokens") == shape{1, 10, 32});
  // compute_bias: relative_attention_bias(relative_position_bucket), (query_length, key_length, n_heads)
  CHECK(call_output(traced, "encoder.block.0.layer.0.SelfAttention.relative_attention_bias") == shape{10, 10, 3});
  CHECK(call_output(traced, "decoder.block.0.layer.1.EncDecAttention.q") == shape{1, 10, 24});
  CHECK(call_output(traced, "decoder.block.0.layer.2.DenseReluDense.wi") == shape{1, 10, 37});
}

TEST_CASE("t5: feed_forward_proj gated-gelu makes T5DenseGatedActDense", "[t5][transformers]") {
  t5::model gated = small;
  gated.config.feed_forward_proj = t5::feed_forward::gated_gelu;
  const trace_result traced = trace(gated);
  CHECK(parameter_lines(traced) == small_parameters(true));
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name.starts_with("encoder.block.1.layer.1")) calls.push_back(call.name + " " + call.type);
  CHECK(calls == std::vector<std::string>{
                     "encoder.block.1.layer.1 T5LayerFF", "encoder.block.1.layer.1.layer_norm T5LayerNorm",
                     "encoder.block.1.layer.1.DenseReluDense T5DenseGatedActDense",
                     "encoder.block.1.layer.1.DenseReluDense.wi_0 Linear",
                     "encoder.block.1.layer.1.DenseReluDense.act NewGELUActivation",
                     "encoder.block.1.layer.1.DenseReluDense.wi_1 Linear",
                     "encoder.block.1.layer.1.DenseReluDense.dropout Dropout",
                     "encoder.block.1.layer.1.DenseReluDense.wo Linear", "encoder.block.1.layer.1.dropout Dropout"});
}

TEST_CASE("t5: calls in forward order, layer_norm before the attention, the bias before o", "[t5][transformers]") {
  const trace_result traced = trace(small);
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name.starts_with("encoder.block.0.layer.0")) calls.push_back(call.name);
  const std::string attention = "encoder.block.0.layer.0.SelfAttention";
  CHECK(calls == std::vector<std::string>{"encoder.block.0.layer.0", "encoder.block.0.layer.0.layer_norm", attention,
                                          attention + ".q", attention + ".k", attention + ".v",
                                          attention + ".relative_attention_bias", attention + ".o",
                                          "encoder.block.0.layer.0.dropout"});
  // A call's parameters are counted once, also for children registered before they are called.
  for (const auto& call : traced.modules)
    if (call.name == attention) CHECK(call.parameters == 4 * 24 * 32 + 5 * 3);
}

TEST_CASE("t5: cross-attention reads the encoder's output", "[t5][transformers]") {
  // K and V of EncDecAttention keep the encoder's length; Q·Kᵀ and A·V are 3 heads × 4 × 10 × 8 each.
  const trace_result traced = trace(decoder_after_encoder{});
  const std::string attention = "decoder.block.0.layer.1.EncDecAttention";
  CHECK(call_output(traced, attention + ".q") == shape{1, 4, 24});
  CHECK(call_output(traced, attention + ".k") == shape{1, 10, 24});
  CHECK(call_output(traced, attention + ".v") == shape{1, 10, 24});
  CHECK(call_output(traced, attention) == shape{1, 4, 32});
  CHECK(traced.output == shape{1, 4, 32});
  for (const auto& call : traced.modules)
    if (call.name == attention) CHECK(call.macs == 4 * 32 * 24 + 2 * 10 * 32 * 24 + 4 * 24 * 32 + 2 * 3 * 4 * 10 * 8);
}

TEST_CASE("t5: the named models' first and last blocks", "[t5][transformers]") {
  SECTION("t5-small") {
    const trace_result traced = trace(t5::t5_small());
    CHECK(traced.output == shape{1, 512, 512});
    CHECK(report_rows("t5-small", traced, "shared.") ==
          lines_of("| shared.weight | (32128, 512) | (32128, 512) | 16449536 | Matrix |"));
    CHECK(report_rows("t5-small", traced, "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.") ==
          lines_of("| encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight | (32, 8) | (32, 8) | 256 | "
                   "Matrix |"));
    CHECK(report_rows("t5-small", traced, "encoder.block.5.") == lines_of(R"(
| encoder.block.5.layer.0.SelfAttention.q.weight | (512, 512) | (512, 512) | 262144 | Matrix |
| encoder.block.5.layer.0.SelfAttention.k.weight | (512, 512) | (512, 512) | 262144 | Matrix |
| encoder.block.5.layer.0.SelfAttention.v.weight | (512, 512) | (512, 512) | 262144 | Matrix |
| encoder.block.5.layer.0.SelfAttention.o.weight | (512, 512) | (512, 512) | 262144 | Matrix |
| encoder.block.5.layer.0.layer_norm.weight | (512,) | (512,) | 512 | Vector |
| encoder.block.5.layer.1.DenseReluDense.wi.weight | (2048, 512) | (2048, 512) | 1048576 | Matrix |
| encoder.block.5.layer.1.DenseReluDense.wo.weight | (512, 2048) | (512, 2048) | 1048576 | Matrix |
| encoder.block.5.layer.1.layer_norm.weight | (512,) | (512,) | 512 | Vector |
)"));
    CHECK(report_rows("t5-small", traced, "encoder.block.6.").empty());
    CHECK(report_rows("t5-small", traced, "decoder.block.6.").empty());
    CHECK(report_rows("t5-small", traced, "decoder.final_layer_norm.") ==
          lines_of("| decoder.final_layer_norm.weight | (512,) | (512,) | 512 | Vector |"));
    CHECK(report_rows("t5-small", traced, "encoder.embed_tokens.").empty());  // the tied weight is listed once
  }
  SECTION("t5-base") {
    const trace_result traced = trace(t5::t5_base());
    CHECK(traced.output == shape{1, 512, 768});
    CHECK(report_rows("t5-base", traced, "encoder.block.0.") ==
          formatted_lines(base_encoder_block_rows, 0, bias_row("encoder", 32, 12)));
    CHECK(report_rows("t5-base", traced, "encoder.block.11.") == formatted_lines(base_encoder_block_rows, 11, ""));
    CHECK(report_rows("t5-base", traced, "decoder.block.0.") ==
          formatted_lines(base_decoder_block_rows, 0, bias_row("decoder", 32, 12)));
    CHECK(report_rows("t5-base", traced, "decoder.block.11.") == formatted_lines(base_decoder_block_rows, 11, ""));
    CHECK(report_rows("t5-base", traced, "decoder.block.12.").empty());
  }
  SECTION("t5-large") {
    const trace_result traced = trace(t5::t5_large());
    CHECK(traced.output == shape{1, 512, 1024});
    CHECK(report_rows("t5-large", traced, "decoder.block.0.layer.0.SelfAttention.") == lines_of(R"(
| decoder.block.0.layer.0.SelfAttention.q.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| decoder.block.0.layer.0.SelfAttention.k.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| decoder.block.0.layer.0.SelfAttention.v.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| decoder.block.0.layer.0.SelfAttention.o.weight | (1024, 1024) | (1024, 1024) | 1048576 | Matrix |
| decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight | (32, 16) | (32, 16) | 512 | Matrix |
)"));
    CHECK(report_rows("t5-large", traced, "decoder.block.23.layer.2.") == lines_of(R"(
| decoder.block.23.layer.2.DenseReluDense.wi.weight | (4096, 1024) | (4096, 1024) | 4194304 | Matrix |
| decoder.block.23.layer.2.DenseReluDense.wo.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| decoder.block.23.layer.2.layer_norm.weight | (1024,) | (1024,) | 1024 | Vector |
)"));
    CHECK(report_rows("t5-large", traced, "decoder.block.24.").empty());
  }
  SECTION("t5-3b") {
    const trace_result traced = trace(t5::t5_3b());
    CHECK(traced.output == shape{1, 512, 1024});
    CHECK(report_rows("t5-3b", traced, "decoder.block.0.") ==
          formatted_lines(t5_3b_decoder_block_rows, 0, bias_row("decoder", 32, 32)));
    CHECK(report_rows("t5-3b", traced, "decoder.block.23.") == formatted_lines(t5_3b_decoder_block_rows, 23, ""));
    CHECK(report_rows("t5-3b", traced, "decoder.block.24.").empty());
  }
}

TEST_CASE("t5: multiply-accumulates at 512 tokens in and out", "[t5][transformers][macs]") {
  // Per layer and token: q, k, v, o are 4 × d_model × inner_dim, the feed-forward 2 × d_model ×
  // d_ff; per layer the heads compute Q·Kᵀ and A·V, 2 × heads × L² × d_kv. A decoder layer adds
  // cross-attention of the same size (both sequences are L long). Embeddings and norms cost nothing.
  constexpr std::int64_t L = 512;
  constexpr auto per_layer = [](std::int64_t d_model, std::int64_t inner, std::int64_t heads, std::int64_t d_kv,
                                std::int64_t d_ff) {
    const std::int64_t attention = L * 4 * d_model * inner + 2 * heads * L * L * d_kv;
    return std::pair{attention + L * 2 * d_model * d_ff, 2 * attention + L * 2 * d_model * d_ff};
  };
  constexpr auto small_layer = per_layer(512, 512, 8, 64, 2048);
  STATIC_REQUIRE(macs<t5::t5_small()> == 6 * small_layer.first + 6 * small_layer.second);
  constexpr auto large_layer = per_layer(1024, 4096, 32, 128, 16384);
  STATIC_REQUIRE(macs<t5::t5_3b()> == 24 * large_layer.first + 24 * large_layer.second);
}

TEST_CASE(
    "t5: T5ForConditionalGeneration adds lm_head, tied to shared or not; T5EncoderModel is shared and the encoder",
    "[t5][transformers]") {
  // T5ForConditionalGeneration: shared, encoder, decoder as T5Model's, then lm_head =
  // nn.Linear(d_model, vocab_size, bias=False), tied to shared with tie_word_embeddings.
  const std::vector<std::string> model_lines = parameter_lines(trace(small));
  const trace_result tied = trace(t5::for_conditional_generation{.config = small_config, .input = {10}});
  CHECK(parameter_lines(tied) == model_lines);
  CHECK(tied.output == shape{1, 10, 99});
  CHECK(tied.state_dict.back().name == "lm_head.weight");
  const trace_result untied =
      trace(t5::for_conditional_generation{.config = small_config, .tie_word_embeddings = false, .input = {10}});
  std::vector<std::string> untied_lines = model_lines;
  untied_lines.push_back("lm_head.weight (99, 32)");
  CHECK(parameter_lines(untied) == untied_lines);
  // T5EncoderModel: shared, then encoder = T5Stack(encoder_config, shared).
  const trace_result encoder = trace(t5::encoder_model{.config = small_config, .input = {10}});
  std::vector<std::string> encoder_lines;
  for (const auto& line : model_lines)
    if (!line.starts_with("decoder.")) encoder_lines.push_back(line);
  CHECK(parameter_lines(encoder) == encoder_lines);
  CHECK(encoder.output == shape{1, 10, 32});
  // t5-small: 60,506,624 (T5Model's, lm_head tied); its encoder alone, 35,330,816: shared 32128 ×
  // 512, 6 blocks of q, k, v, o (4 × 512 × 512), wi and wo (2 × 512 × 2048) and 2 norms of 512,
  // relative_attention_bias 32 × 8, final_layer_norm 512.
  STATIC_REQUIRE(parameter_count<t5::for_conditional_generation{}> == 60'506'624);
  STATIC_REQUIRE(parameter_count<t5::encoder_model{}> ==
                 32128 * 512 + 6 * (4 * 512 * 512 + 2 * 512 * 2048 + 2 * 512) + 32 * 8 + 512);
  STATIC_REQUIRE(parameter_count<t5::encoder_model{}> == 35'330'816);
}

}  // namespace t5_test
