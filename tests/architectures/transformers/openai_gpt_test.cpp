// OpenAI GPT (architectures/transformers/openai_gpt.hpp) against transformers' modeling_openai.py and
// pytorch_utils.Conv1D: names and shapes of a small configuration written by hand from the source,
// report rows of the named model's first and last blocks, output shapes and multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/openai_gpt.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace openai_gpt_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::formatted_lines;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another, so that a swapped dimension shows.
constexpr openai_gpt::model small{
    .config = {.vocab_size = 99, .n_positions = 40, .n_embd = 32, .n_layer = 2, .n_head = 4}};

// OpenAIGPTModel.__init__: tokens_embed (vocab_size, n_embd), positions_embed (n_positions, n_embd),
// drop, h = ModuleList of n_layer Block (position_ids is a buffer). Block.__init__ registers attn,
// ln_1, mlp, ln_2. Attention: c_attn = Conv1D(n_state * 3, nx), c_proj = Conv1D(n_state, nx) ("bias"
// is a buffer); MLP(4 * nx): c_fc = Conv1D(n_state, nx), c_proj = Conv1D(nx, n_state). Conv1D(nf,
// nx) registers weight (nx, nf), then bias (nf).
std::vector<std::string> small_parameters() {
  std::vector<std::string> expected = {"tokens_embed.weight (99, 32)", "positions_embed.weight (40, 32)"};
  for (int i = 0; i < 2; ++i) {
    const std::string block = fmt::format("h.{}.", i);
    for (const char* line : {"attn.c_attn.weight (32, 96)", "attn.c_attn.bias (96,)", "attn.c_proj.weight (32, 32)",
                             "attn.c_proj.bias (32,)", "ln_1.weight (32,)", "ln_1.bias (32,)",
                             "mlp.c_fc.weight (32, 128)", "mlp.c_fc.bias (128,)", "mlp.c_proj.weight (128, 32)",
                             "mlp.c_proj.bias (32,)", "ln_2.weight (32,)", "ln_2.bias (32,)"})
      expected.push_back(block + line);
  }
  return expected;  // no final LayerNorm
}

// The report rows of a Block of openai-gpt ({0}: the block index).
constexpr std::string_view block_rows = R"(
| h.{0}.attn.c_attn.weight | (768, 2304) | (768, 2304) | 1769472 | Matrix |
| h.{0}.attn.c_attn.bias | (2304,) | (2304,) | 2304 | Vector |
| h.{0}.attn.c_proj.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| h.{0}.attn.c_proj.bias | (768,) | (768,) | 768 | Vector |
| h.{0}.ln_1.weight | (768,) | (768,) | 768 | Vector |
| h.{0}.ln_1.bias | (768,) | (768,) | 768 | Vector |
| h.{0}.mlp.c_fc.weight | (768, 3072) | (768, 3072) | 2359296 | Matrix |
| h.{0}.mlp.c_fc.bias | (3072,) | (3072,) | 3072 | Vector |
| h.{0}.mlp.c_proj.weight | (3072, 768) | (3072, 768) | 2359296 | Matrix |
| h.{0}.mlp.c_proj.bias | (768,) | (768,) | 768 | Vector |
| h.{0}.ln_2.weight | (768,) | (768,) | 768 | Vector |
| h.{0}.ln_2.bias | (768,) | (768,) | 768 | Vector |
)";

}  // namespace

TEST_CASE("openai_gpt: a small OpenAIGPTModel has transformers' names and shapes", "[openai_gpt][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters());
  CHECK(traced.input == shape{1, 40});       // a whole context of n_positions tokens by default
  CHECK(traced.output == shape{1, 40, 32});  // last_hidden_state
  CHECK(call_output(traced, "positions_embed") == shape{1, 40, 32});
  CHECK(call_output(traced, "h.1.attn.attn_dropout") == shape{1, 4, 40, 40});  // attention weights
  CHECK(output_shape<small, shape{7}> == shape{1, 7, 32});
  CHECK(diagnose(small, shape{41}).message() ==
        "OpenAIGPTModel: a sequence of 41 tokens is longer than n_positions = 40");
}

TEST_CASE("openai_gpt: a Block normalizes after each residual add", "[openai_gpt][transformers]") {
  // Block.forward: a = attn(x); n = ln_1(x + a); m = mlp(n); h = ln_2(n + m).
  const trace_result traced = trace(small);
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)  // the children of h.1
    if (call.name.starts_with("h.1.") && call.name.find('.', 4) == std::string::npos)
      calls.push_back(call.name + " " + call.type);
  CHECK(calls ==
        std::vector<std::string>{"h.1.attn Attention", "h.1.ln_1 LayerNorm", "h.1.mlp MLP", "h.1.ln_2 LayerNorm"});
  CHECK(call_output(traced, "h.1.mlp.act") == shape{1, 40, 128});
  for (const auto& call : traced.modules)
    if (call.name == "h.1.mlp.act") CHECK(call.type == "NewGELUActivation");  // ACT_FNS["gelu"] is gelu_new
}

TEST_CASE("openai_gpt: gpt, the openai-gpt checkpoint", "[openai_gpt][transformers]") {
  const trace_result traced = trace(openai_gpt::openai_gpt());
  CHECK(traced.output == shape{1, 512, 768});
  CHECK(report_rows("gpt", traced, "tokens_embed.") ==
        lines_of("| tokens_embed.weight | (40478, 768) | (40478, 768) | 31087104 | Matrix |"));
  CHECK(report_rows("gpt", traced, "positions_embed.") ==
        lines_of("| positions_embed.weight | (512, 768) | (512, 768) | 393216 | Matrix |"));
  CHECK(report_rows("gpt", traced, "h.0.") == formatted_lines(block_rows, 0));
  CHECK(report_rows("gpt", traced, "h.11.") == formatted_lines(block_rows, 11));
  CHECK(report_rows("gpt", traced, "h.12.").empty());
}

TEST_CASE("openai_gpt: multiply-accumulates of a whole context", "[openai_gpt][transformers][macs]") {
  // Per block and token: c_attn 3 d², c_proj d², c_fc and mlp.c_proj 2 × 4 d²; per block the heads
  // compute Q·Kᵀ and A·V, 2 × L² × d in all.
  constexpr std::int64_t L = 512, d = 768;
  STATIC_REQUIRE(macs<openai_gpt::openai_gpt()> == 12 * (L * 12 * d * d + 2 * L * L * d));
}

TEST_CASE("openai_gpt: OpenAIGPTLMHeadModel's lm_head is tokens_embed's weight, listed once",
          "[openai_gpt][transformers]") {
  // OpenAIGPTLMHeadModel: transformer = OpenAIGPTModel(config), lm_head = nn.Linear(n_embd,
  // vocab_size, bias=False), tied to transformer.tokens_embed (_tied_weights_keys).
  const trace_result traced = trace(openai_gpt::lm_head_model{small.config});
  std::vector<std::string> expected;
  for (const auto& line : small_parameters()) expected.push_back("transformer." + line);
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, 40, 99});
  CHECK(traced.state_dict.back().name == "lm_head.weight");
  // openai-gpt: OpenAIGPTModel's 116,534,784, lm_head adding none.
  STATIC_REQUIRE(parameter_count<openai_gpt::lm_head_model{}> == 116'534'784);
}

}  // namespace openai_gpt_test
