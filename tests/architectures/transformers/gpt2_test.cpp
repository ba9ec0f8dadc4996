// GPT-2 (architectures/transformers/gpt2.hpp) against transformers' modeling_gpt2.py (2023) and
// pytorch_utils.Conv1D: names and shapes of a small configuration written by hand from the source,
// report rows of the named models' first and last blocks, output shapes, multiply-accumulates, and
// GPT-3 175B's counts beyond 10^11.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/gpt2.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace gpt2_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::formatted_lines;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another, so that a swapped dimension shows; n_inner is set.
constexpr gpt2::config small_config{
    .vocab_size = 99, .n_positions = 40, .n_embd = 32, .n_layer = 2, .n_head = 4, .n_inner = 37};
constexpr gpt2::model small{.config = small_config};

// The parameters of GPT2Block i, in registration order. GPT2Block.__init__ registers ln_1, attn,
// ln_2, mlp. GPT2Attention.__init__: c_attn = Conv1D(3 * embed_dim, embed_dim), c_proj =
// Conv1D(embed_dim, embed_dim) (its "bias" and "masked_bias" are buffers). GPT2MLP.__init__: c_fc =
// Conv1D(intermediate_size, embed_dim), c_proj = Conv1D(embed_dim, intermediate_size). Conv1D(nf,
// nx) registers weight (nx, nf), then bias (nf).
std::vector<std::string> small_block(const std::string& prefix, int i) {
  const std::string block = fmt::format("{}h.{}.", prefix, i);
  return {
      block + "ln_1.weight (32,)",           block + "ln_1.bias (32,)",
      block + "attn.c_attn.weight (32, 96)", block + "attn.c_attn.bias (96,)",
      block + "attn.c_proj.weight (32, 32)", block + "attn.c_proj.bias (32,)",
      block + "ln_2.weight (32,)",           block + "ln_2.bias (32,)",
      block + "mlp.c_fc.weight (32, 37)",    block + "mlp.c_fc.bias (37,)",
      block + "mlp.c_proj.weight (37, 32)",  block + "mlp.c_proj.bias (32,)",
  };
}

std::vector<std::string> small_parameters(const std::string& prefix) {
  // GPT2Model.__init__: wte (vocab_size, n_embd), wpe (n_positions, n_embd), drop, h = ModuleList of
  // n_layer GPT2Block, ln_f.
  std::vector<std::string> expected = {prefix + "wte.weight (99, 32)", prefix + "wpe.weight (40, 32)"};
  for (int i = 0; i < 2; ++i)
    for (auto& line : small_block(prefix, i)) expected.push_back(line);
  expected.push_back(prefix + "ln_f.weight (32,)");
  expected.push_back(prefix + "ln_f.bias (32,)");
  return expected;
}

// The report rows of a GPT2Block ({0}: the model's prefix, {1}: the block index) of gpt2.
constexpr std::string_view gpt2_block_rows = R"(
| {0}h.{1}.ln_1.weight | (768,) | (768,) | 768 | Vector |
| {0}h.{1}.ln_1.bias | (768,) | (768,) | 768 | Vector |
| {0}h.{1}.attn.c_attn.weight | (768, 2304) | (768, 2304) | 1769472 | Matrix |
| {0}h.{1}.attn.c_attn.bias | (2304,) | (2304,) | 2304 | Vector |
| {0}h.{1}.attn.c_proj.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| {0}h.{1}.attn.c_proj.bias | (768,) | (768,) | 768 | Vector |
| {0}h.{1}.ln_2.weight | (768,) | (768,) | 768 | Vector |
| {0}h.{1}.ln_2.bias | (768,) | (768,) | 768 | Vector |
| {0}h.{1}.mlp.c_fc.weight | (768, 3072) | (768, 3072) | 2359296 | Matrix |
| {0}h.{1}.mlp.c_fc.bias | (3072,) | (3072,) | 3072 | Vector |
| {0}h.{1}.mlp.c_proj.weight | (3072, 768) | (3072, 768) | 2359296 | Matrix |
| {0}h.{1}.mlp.c_proj.bias | (768,) | (768,) | 768 | Vector |
)";

// And of GPT-3 175B: d_model 12288, intermediate 4 × 12288.
constexpr std::string_view gpt3_block_rows = R"(
| h.{0}.ln_1.weight | (12288,) | (12288,) | 12288 | Vector |
| h.{0}.ln_1.bias | (12288,) | (12288,) | 12288 | Vector |
| h.{0}.attn.c_attn.weight | (12288, 36864) | (12288, 36864) | 452984832 | Matrix |
| h.{0}.attn.c_attn.bias | (36864,) | (36864,) | 36864 | Vector |
| h.{0}.attn.c_proj.weight | (12288, 12288) | (12288, 12288) | 150994944 | Matrix |
| h.{0}.attn.c_proj.bias | (12288,) | (12288,) | 12288 | Vector |
| h.{0}.ln_2.weight | (12288,) | (12288,) | 12288 | Vector |
| h.{0}.ln_2.bias | (12288,) | (12288,) | 12288 | Vector |
| h.{0}.mlp.c_fc.weight | (12288, 49152) | (12288, 49152) | 603979776 | Matrix |
| h.{0}.mlp.c_fc.bias | (49152,) | (49152,) | 49152 | Vector |
| h.{0}.mlp.c_proj.weight | (49152, 12288) | (49152, 12288) | 603979776 | Matrix |
| h.{0}.mlp.c_proj.bias | (12288,) | (12288,) | 12288 | Vector |
)";

}  // namespace

TEST_CASE("gpt2: a small GPT2Model has transformers' names and shapes", "[gpt2][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters(""));
  CHECK(traced.input == shape{1, 40});                    // a whole context of n_positions tokens by default
  CHECK(traced.output == shape{1, 40, 32});               // last_hidden_state
  CHECK(call_output(traced, "wpe") == shape{1, 40, 32});  // position_ids (1, sequence_length)
  CHECK(call_output(traced, "h.1.attn.c_attn") == shape{1, 40, 96});           // query, key, value, split on dim 2
  CHECK(call_output(traced, "h.1.attn.attn_dropout") == shape{1, 4, 40, 40});  // attention weights
  CHECK(call_output(traced, "h.1.mlp.act") == shape{1, 40, 37});
  CHECK(output_shape<small, shape{7}> == shape{1, 7, 32});
}

TEST_CASE("gpt2: n_inner None is 4 * n_embd", "[gpt2][transformers]") {
  constexpr gpt2::model default_inner{
      .config = {.vocab_size = 99, .n_positions = 40, .n_embd = 32, .n_layer = 1, .n_head = 4}};
  const trace_result traced = trace(default_inner);
  CHECK(parameter_lines(traced)[10] == "h.0.mlp.c_fc.weight (32, 128)");
  CHECK(parameter_lines(traced)[12] == "h.0.mlp.c_proj.weight (128, 32)");
}

TEST_CASE("gpt2: a GPT2Block calls ln_1, attn, ln_2, mlp, and the MLP calls its activation between the Conv1Ds",
          "[gpt2][transformers]") {
  const trace_result traced = trace(small);
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name.starts_with("h.0")) calls.push_back(call.name + " " + call.type);
  CHECK(calls == std::vector<std::string>{
                     "h.0 GPT2Block", "h.0.ln_1 LayerNorm", "h.0.attn GPT2Attention", "h.0.attn.c_attn Conv1D",
                     "h.0.attn.attn_dropout Dropout", "h.0.attn.c_proj Conv1D", "h.0.attn.resid_dropout Dropout",
                     "h.0.ln_2 LayerNorm", "h.0.mlp GPT2MLP", "h.0.mlp.c_fc Conv1D", "h.0.mlp.act NewGELUActivation",
                     "h.0.mlp.c_proj Conv1D", "h.0.mlp.dropout Dropout"});
}

TEST_CASE("gpt2: GPT2LMHeadModel's lm_head is wte's weight, listed once", "[gpt2][transformers]") {
  // GPT2LMHeadModel: transformer = GPT2Model(config), lm_head = nn.Linear(n_embd, vocab_size,
  // bias=False), tied to transformer.wte (tie_word_embeddings defaults to True).
  const trace_result traced = trace(gpt2::lm_head_model{small_config});
  std::vector<std::string> expected;
  for (const auto& line : parameter_lines(trace(small))) expected.push_back("transformer." + line);
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, small_config.n_positions, small_config.vocab_size});
  CHECK(traced.state_dict.back().name == "lm_head.weight");
}

TEST_CASE("gpt2: GPT2ForSequenceClassification scores every token and keeps the last", "[gpt2][transformers]") {
  constexpr gpt2::for_sequence_classification classifier{.config = small_config, .num_classes = 5};
  const trace_result traced = trace(classifier);
  std::vector<std::string> expected = small_parameters("transformer.");
  expected.push_back("score.weight (5, 32)");  // nn.Linear(n_embd, num_labels, bias=False)
  CHECK(parameter_lines(traced) == expected);
  CHECK(call_output(traced, "transformer") == shape{1, 40, 32});
  CHECK(call_output(traced, "score") == shape{1, 40, 5});
  CHECK(traced.output == shape{1, 5});  // pooled_logits
  STATIC_REQUIRE(output_shape<classifier> == shape{1, 5});
}

TEST_CASE("gpt2: wrong configurations and inputs fail as transformers does", "[gpt2][transformers]") {
  // wpe has n_positions rows: a longer sequence indexes past them.
  CHECK(diagnose(small, shape{41}).message() == "GPT2Model: a sequence of 41 tokens is longer than n_positions = 40");
  // GPT2Attention.__init__ raises a ValueError.
  constexpr gpt2::model odd_heads{
      .config = {.vocab_size = 99, .n_positions = 40, .n_embd = 32, .n_layer = 1, .n_head = 5}};
  CHECK(diagnose(odd_heads).message() == "h.0.attn (GPT2Attention): embed_dim = 32 is not divisible by num_heads = 5");
}

TEST_CASE("gpt2: the named models' first and last blocks", "[gpt2][transformers]") {
  SECTION("gpt2: GPT2Model") {
    const trace_result traced = trace(gpt2::gpt2());
    CHECK(traced.output == shape{1, 1024, 768});
    CHECK(report_rows("gpt2", traced, "wte.") ==
          lines_of("| wte.weight | (50257, 768) | (50257, 768) | 38597376 | Matrix |"));
    CHECK(report_rows("gpt2", traced, "wpe.") ==
          lines_of("| wpe.weight | (1024, 768) | (1024, 768) | 786432 | Matrix |"));
    CHECK(report_rows("gpt2", traced, "h.0.") == formatted_lines(gpt2_block_rows, "", 0));
    CHECK(report_rows("gpt2", traced, "h.11.") == formatted_lines(gpt2_block_rows, "", 11));
    CHECK(report_rows("gpt2", traced, "h.12.").empty());
    CHECK(report_rows("gpt2", traced, "ln_f.") == lines_of(R"(
| ln_f.weight | (768,) | (768,) | 768 | Vector |
| ln_f.bias | (768,) | (768,) | 768 | Vector |
)"));
  }
  SECTION("gpt2_for_sequence_classification: gpt2 with 2 labels") {
    const trace_result traced = trace(gpt2::gpt2_for_sequence_classification());
    CHECK(traced.output == shape{1, 2});
    CHECK(report_rows("gpt2_for_sequence_classification", traced, "transformer.h.0.") ==
          formatted_lines(gpt2_block_rows, "transformer.", 0));
    CHECK(report_rows("gpt2_for_sequence_classification", traced, "transformer.h.11.") ==
          formatted_lines(gpt2_block_rows, "transformer.", 11));
    CHECK(report_rows("gpt2_for_sequence_classification", traced, "score.") ==
          lines_of("| score.weight | (2, 768) | (2, 768) | 1536 | Matrix |"));
  }
  SECTION("gpt3-175b: 96 layers, d_model 12288, 96 heads, context 2048") {
    const trace_result traced = trace(gpt2::gpt3_175b());
    CHECK(traced.output == shape{1, 2048, 12288});
    CHECK(report_rows("gpt3-175b", traced, "wte.") ==
          lines_of("| wte.weight | (50257, 12288) | (50257, 12288) | 617558016 | Matrix |"));
    CHECK(report_rows("gpt3-175b", traced, "wpe.") ==
          lines_of("| wpe.weight | (2048, 12288) | (2048, 12288) | 25165824 | Matrix |"));
    CHECK(report_rows("gpt3-175b", traced, "h.0.") == formatted_lines(gpt3_block_rows, 0));
    CHECK(report_rows("gpt3-175b", traced, "h.95.") == formatted_lines(gpt3_block_rows, 95));
    CHECK(report_rows("gpt3-175b", traced, "h.96.").empty());
  }
}

TEST_CASE("gpt2: GPT-3 175B's counts stay exact beyond 10^11", "[gpt2][transformers]") {
  constexpr auto gpt3 = gpt2::gpt3_175b();
  STATIC_REQUIRE(valid<gpt3>);
  // wte 50257 × 12288, wpe 2048 × 12288, 96 blocks of 12 d² + 13 d, ln_f 2 d.
  constexpr std::int64_t d = 12288;
  STATIC_REQUIRE(parameter_count<gpt3> == 50257 * d + 2048 * d + 96 * (12 * d * d + 13 * d) + 2 * d);
  STATIC_REQUIRE(tensor_count<gpt3> == 2 + 96 * 12 + 2);
  const trace_result traced = trace(gpt3);
  CHECK(traced.parameter_total == 174'604'259'328);
  const std::string report = markdown_report("gpt3-175b", traced);
  CHECK(report.find("**Number of parameters: [ 174.60G ]**") != std::string::npos);
  // 96 × 8 + 2 = 770 vectors and 2 + 96 × 4 = 386 matrices of 1156 tensors; the vectors hold
  // 96 × 13 d + 2 d = 15,360,000 parameters of 174,604,259,328: 0.0088 %.
  CHECK(report.find("| Vector | Matrix | \n|  --- | --- |\n| 66.61 | 33.39 | ") != std::string::npos);
  CHECK(report.find("| Vector | Matrix | \n|  --- | --- |\n| 0.01 | 99.99 | ") != std::string::npos);
}

TEST_CASE("gpt2: multiply-accumulates of a whole context", "[gpt2][transformers][macs]") {
  // Per block and token: c_attn 3 d², c_proj d², c_fc and mlp.c_proj 2 × 4 d², so 12 d²; per block
  // the heads compute Q·Kᵀ and A·V, 2 × L² × d in all. GPT2ForSequenceClassification adds the score
  // head on every token, L × d × num_labels. Embeddings, norms and activations cost nothing.
  constexpr std::int64_t L = 1024, d = 768;
  STATIC_REQUIRE(macs<gpt2::gpt2()> == 12 * (L * 12 * d * d + 2 * L * L * d));
  STATIC_REQUIRE(macs<gpt2::gpt2_for_sequence_classification()> == 12 * (L * 12 * d * d + 2 * L * L * d) + L * d * 2);
  constexpr std::int64_t L3 = 2048, d3 = 12288;
  STATIC_REQUIRE(macs<gpt2::gpt3_175b()> == 96 * (L3 * 12 * d3 * d3 + 2 * L3 * L3 * d3));
}

}  // namespace gpt2_test
