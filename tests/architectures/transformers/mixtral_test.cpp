// Mixtral (architectures/transformers/mixtral.hpp) against transformers' modeling_mixtral.py (v4.38, early
// 2024): names and shapes of a small configuration written by hand from the source, the calls of
// the sparse mixture of experts, total and active parameters, report rows of mixtral-8x7b-v0.1's
// first and last layers, output shapes and multiply-accumulates of the active experts only.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/mixtral.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mixtral_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::calls_under;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another: 4 experts, 2 per token, and 5 tokens, so that the 10 choices
// do not split evenly.
constexpr mixtral::model small{.config = {.vocab_size = 99,
                                          .hidden_size = 32,
                                          .intermediate_size = 37,
                                          .num_hidden_layers = 2,
                                          .num_attention_heads = 4,
                                          .num_key_value_heads = 2,
                                          .max_position_embeddings = 5},
                               .num_experts_per_tok = 2,
                               .num_local_experts = 4};

// The parameters of decoder layer i, in registration order. MixtralDecoderLayer.__init__ registers
// self_attn (MixtralAttention: q_proj, k_proj, v_proj, o_proj, bias=False, and rotary_emb),
// block_sparse_moe, input_layernorm, post_attention_layernorm. MixtralSparseMoeBlock.__init__: gate
// = Linear(hidden, num_local_experts, bias=False), experts = ModuleList of num_local_experts
// MixtralBlockSparseTop2MLP: w1 (hidden → ffn), w2 (ffn → hidden), w3 (hidden → ffn), bias=False,
// then act_fn.
std::vector<std::string> small_layer(int i) {
  const std::string layer = fmt::format("model.layers.{}.", i);
  std::vector<std::string> expected = {
      layer + "self_attn.q_proj.weight (32, 32)",     layer + "self_attn.k_proj.weight (16, 32)",
      layer + "self_attn.v_proj.weight (16, 32)",     layer + "self_attn.o_proj.weight (32, 32)",
      layer + "block_sparse_moe.gate.weight (4, 32)",
  };
  for (int e = 0; e < 4; ++e) {
    const std::string expert = fmt::format("{}block_sparse_moe.experts.{}.", layer, e);
    expected.push_back(expert + "w1.weight (37, 32)");
    expected.push_back(expert + "w2.weight (32, 37)");
    expected.push_back(expert + "w3.weight (37, 32)");
  }
  expected.push_back(layer + "input_layernorm.weight (32,)");
  expected.push_back(layer + "post_attention_layernorm.weight (32,)");
  return expected;
}

// mixtral-8x7b-v0.1's decoder layer {0}: 32 heads of 128, 8 key-value heads, 8 experts of 14336.
std::vector<std::string> mixtral_8x7b_layer_rows(int i) {
  std::string text = fmt::format(R"(
| model.layers.{0}.self_attn.q_proj.weight | (4096, 4096) | (4096, 4096) | 16777216 | Matrix |
| model.layers.{0}.self_attn.k_proj.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| model.layers.{0}.self_attn.v_proj.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| model.layers.{0}.self_attn.o_proj.weight | (4096, 4096) | (4096, 4096) | 16777216 | Matrix |
| model.layers.{0}.block_sparse_moe.gate.weight | (8, 4096) | (8, 4096) | 32768 | Matrix |
)",
                                 i);
  for (int e = 0; e < 8; ++e)
    text += fmt::format(R"(
| model.layers.{0}.block_sparse_moe.experts.{1}.w1.weight | (14336, 4096) | (14336, 4096) | 58720256 | Matrix |
| model.layers.{0}.block_sparse_moe.experts.{1}.w2.weight | (4096, 14336) | (4096, 14336) | 58720256 | Matrix |
| model.layers.{0}.block_sparse_moe.experts.{1}.w3.weight | (14336, 4096) | (14336, 4096) | 58720256 | Matrix |
)",
                        i, e);
  text += fmt::format(R"(
| model.layers.{0}.input_layernorm.weight | (4096,) | (4096,) | 4096 | Vector |
| model.layers.{0}.post_attention_layernorm.weight | (4096,) | (4096,) | 4096 | Vector |
)",
                      i);
  return lines_of(text);
}

}  // namespace

TEST_CASE("mixtral: a small MixtralForCausalLM has transformers' names and shapes", "[mixtral][transformers]") {
  const trace_result traced = trace(small);
  // MixtralForCausalLM: model (MixtralModel: embed_tokens, layers, norm), lm_head.
  std::vector<std::string> expected = {"model.embed_tokens.weight (99, 32)"};
  for (int i = 0; i < 2; ++i)
    for (auto& line : small_layer(i)) expected.push_back(line);
  expected.push_back("model.norm.weight (32,)");
  expected.push_back("lm_head.weight (99, 32)");
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, 5, 99});
  STATIC_REQUIRE(valid<small>);
}

TEST_CASE("mixtral: the router's gate runs on every token, each expert on the tokens routed to it",
          "[mixtral][transformers]") {
  // MixtralSparseMoeBlock.forward: hidden_states.view(-1, hidden_dim), router_logits = gate(...),
  // then each expert with tokens runs on them: w2(act_fn(w1(x)) * w3(x)). 5 tokens × 2 choices over
  // 4 experts: 3, 3, 2, 2 tokens.
  CHECK(calls_under(trace(small), "model.layers.1.block_sparse_moe") ==
        std::vector<std::string>{
            "model.layers.1.block_sparse_moe MixtralSparseMoeBlock (1, 5, 32)",
            "model.layers.1.block_sparse_moe.gate Linear (5, 4)",
            "model.layers.1.block_sparse_moe.experts.0 MixtralBlockSparseTop2MLP (3, 32)",
            "model.layers.1.block_sparse_moe.experts.0.w1 Linear (3, 37)",
            "model.layers.1.block_sparse_moe.experts.0.act_fn SiLU (3, 37)",
            "model.layers.1.block_sparse_moe.experts.0.w3 Linear (3, 37)",
            "model.layers.1.block_sparse_moe.experts.0.w2 Linear (3, 32)",
            "model.layers.1.block_sparse_moe.experts.1 MixtralBlockSparseTop2MLP (3, 32)",
            "model.layers.1.block_sparse_moe.experts.1.w1 Linear (3, 37)",
            "model.layers.1.block_sparse_moe.experts.1.act_fn SiLU (3, 37)",
            "model.layers.1.block_sparse_moe.experts.1.w3 Linear (3, 37)",
            "model.layers.1.block_sparse_moe.experts.1.w2 Linear (3, 32)",
            "model.layers.1.block_sparse_moe.experts.2 MixtralBlockSparseTop2MLP (2, 32)",
            "model.layers.1.block_sparse_moe.experts.2.w1 Linear (2, 37)",
            "model.layers.1.block_sparse_moe.experts.2.act_fn SiLU (2, 37)",
            "model.layers.1.block_sparse_moe.experts.2.w3 Linear (2, 37)",
            "model.layers.1.block_sparse_moe.experts.2.w2 Linear (2, 32)",
            "model.layers.1.block_sparse_moe.experts.3 MixtralBlockSparseTop2MLP (2, 32)",
            "model.layers.1.block_sparse_moe.experts.3.w1 Linear (2, 37)",
            "model.layers.1.block_sparse_moe.experts.3.act_fn SiLU (2, 37)",
            "model.layers.1.block_sparse_moe.experts.3.w3 Linear (2, 37)",
            "model.layers.1.block_sparse_moe.experts.3.w2 Linear (2, 32)",
        });
  const std::vector<std::string> layer = calls_under(trace(small), "model.layers.0");
  REQUIRE(layer.size() == 9 + 22);
  CHECK(layer[0] == "model.layers.0 MixtralDecoderLayer (1, 5, 32)");
  CHECK(layer[1] == "model.layers.0.input_layernorm MixtralRMSNorm (1, 5, 32)");
  CHECK(layer[2] == "model.layers.0.self_attn MixtralAttention (1, 5, 32)");
  CHECK(layer[6] == "model.layers.0.self_attn.rotary_emb MixtralRotaryEmbedding (1, 5, 8)");
  CHECK(layer[8] == "model.layers.0.post_attention_layernorm MixtralRMSNorm (1, 5, 32)");
  CHECK(layer[9] == "model.layers.0.block_sparse_moe MixtralSparseMoeBlock (1, 5, 32)");
}

TEST_CASE("mixtral: an expert no token chooses is registered but not called", "[mixtral][transformers]") {
  // One token chooses 2 of 4 experts: experts 2 and 3 have no token, and the expert_hit loop skips them.
  const trace_result traced = trace(small, {1});
  CHECK(traced.parameters.size() == trace(small).parameters.size());
  CHECK(call_output(traced, "model.layers.0.block_sparse_moe.experts.1") == shape{1, 32});
  CHECK(call_output(traced, "model.layers.0.block_sparse_moe.experts.2") == shape{});
  CHECK(call_output(traced, "model.layers.0.block_sparse_moe.experts.3.w1") == shape{});
}

TEST_CASE("mixtral: total and active parameters, multiply-accumulates of the active experts",
          "[mixtral][transformers][macs]") {
  // An expert has 3 × 32 × 37 parameters; a token uses 2 of the 4 in each of the 2 layers.
  constexpr std::int64_t expert = 3 * 32 * 37;
  STATIC_REQUIRE(active_parameter_count<small> == parameter_count<small> - 2 * 2 * expert);
  // Per layer: Q and O 32² per token, K and V 32 × 16, the gate 32 × 4, 2 experts per token, and
  // Q·Kᵀ and A·V for 4 heads: 2 × 4 × 5² × 8; then lm_head, 32 × 99 per token.
  constexpr std::int64_t layer = 5LL * (2 * 32 * 32 + 2 * 32 * 16 + 32 * 4 + 2 * expert) + 2LL * 4 * 5 * 5 * 8;
  STATIC_REQUIRE(macs<small> == 2 * layer + 5LL * 32 * 99);

  // mixtral-8x7b-v0.1: 46.7 B parameters, 12.9 B of them used per token (2 of 8 experts): the 6
  // unused experts of each of the 32 layers have 3 × 4096 × 14336 parameters each. (One pass of this
  // model per constant expression: clang's default -fconstexpr-steps allows one, not two.)
  constexpr auto net = mixtral::mixtral_8x7b_v0_1();
  STATIC_REQUIRE(parameter_count<net> == 46'702'792'704);
  STATIC_REQUIRE(active_parameter_count<net> == 12'879'925'248);
  STATIC_REQUIRE(46'702'792'704 - 12'879'925'248 == 32LL * 6 * 3 * 4096 * 14336);
  // At its context of 32768 tokens, per token: per layer Q and O 4096², K and V 4096 × 1024, the
  // gate 4096 × 8, two experts of 3 × 4096 × 14336, and 2 × 32 heads × 32768 × 128 for Q·Kᵀ and A·V;
  // then lm_head, 4096 × 32000.
  constexpr std::int64_t per_token_layer =
      2LL * 4096 * 4096 + 2LL * 4096 * 1024 + 4096LL * 8 + 2LL * 3 * 4096 * 14336 + 2LL * 32 * 32768 * 128;
  STATIC_REQUIRE(macs<net> == 32768LL * (32 * per_token_layer + 4096LL * 32000));
}

TEST_CASE("mixtral: the router cannot choose more experts than there are", "[mixtral][transformers]") {
  mixtral::model greedy = small;
  greedy.num_experts_per_tok = 5;
  CHECK_THROWS_WITH(trace(greedy),
                    "model.layers.0.block_sparse_moe.experts (ModuleList): chooses 5 of 4 experts for each token");
}

TEST_CASE("mixtral: mixtral-8x7b-v0.1's first and last layers", "[mixtral][transformers]") {
  const trace_result traced = trace(mixtral::mixtral_8x7b_v0_1());
  CHECK(traced.output == shape{1, 32768, 32000});
  CHECK(report_rows("mixtral-8x7b-v0.1", traced, "model.layers.0.") == mixtral_8x7b_layer_rows(0));
  CHECK(report_rows("mixtral-8x7b-v0.1", traced, "model.layers.31.") == mixtral_8x7b_layer_rows(31));
  CHECK(report_rows("mixtral-8x7b-v0.1", traced, "model.layers.32.").empty());
  CHECK(report_rows("mixtral-8x7b-v0.1", traced, "lm_head.") ==
        lines_of("| lm_head.weight | (32000, 4096) | (32000, 4096) | 131072000 | Matrix |"));
  // 32768 tokens × 2 choices over 8 experts: 8192 tokens each.
  CHECK(call_output(traced, "model.layers.31.block_sparse_moe.experts.7") == shape{8192, 4096});
}

}  // namespace mixtral_test
