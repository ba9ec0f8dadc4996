// DeepSeek-V3 and DeepSeek-V2 (architectures/transformers/deepseek.hpp) against transformers'
// modeling_deepseek_v3.py (v4.51) and modeling_deepseek_v2.py (v4.57): names and shapes of a small
// configuration written by hand from the source, the calls of the latent attention and of the mixture
// of experts, total and active parameters, multiply-accumulates, and the named models' rows; and
// that a count, which describes identical layers and experts once, agrees with a walk of every one.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/deepseek.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace deepseek_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::calls_under;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another: 3 layers, the first dense; 4 routed experts, 2 per token, and
// 2 shared; a query rank of 24, a latent of 16, heads of 8 + 4 query and key dimensions and 6 value
// dimensions; 5 tokens, so that the 10 choices do not split evenly over the experts.
constexpr deepseek::config small_config{.vocab_size = 99,
                                        .hidden_size = 32,
                                        .intermediate_size = 40,
                                        .moe_intermediate_size = 12,
                                        .num_hidden_layers = 3,
                                        .num_attention_heads = 4,
                                        .n_shared_experts = 2,
                                        .n_routed_experts = 4,
                                        .num_experts_per_tok = 2,
                                        .first_k_dense_replace = 1,
                                        .q_lora_rank = 24,
                                        .kv_lora_rank = 16,
                                        .qk_nope_head_dim = 8,
                                        .qk_rope_head_dim = 4,
                                        .v_head_dim = 6,
                                        .max_position_embeddings = 5};
constexpr deepseek::model small{.config = small_config};

// DeepseekV3Attention.__init__: q_a_proj (hidden → q_lora_rank), q_a_layernorm, q_b_proj (→ heads ×
// (nope + rope)), kv_a_proj_with_mqa (→ kv_lora_rank + rope), kv_a_layernorm, kv_b_proj (→ heads ×
// (nope + v)), o_proj (heads × v → hidden); bias=config.attention_bias (False) where it has one.
std::vector<std::string> small_attention(int i, bool low_rank_query) {
  const std::string a = fmt::format("model.layers.{}.self_attn.", i);
  std::vector<std::string> expected;
  if (low_rank_query) {
    expected = {a + "q_a_proj.weight (24, 32)", a + "q_a_layernorm.weight (24,)", a + "q_b_proj.weight (48, 24)"};
  } else {
    expected = {a + "q_proj.weight (48, 32)"};
  }
  for (const char* line : {"kv_a_proj_with_mqa.weight (20, 32)", "kv_a_layernorm.weight (16,)",
                           "kv_b_proj.weight (56, 16)", "o_proj.weight (32, 24)"})
    expected.push_back(a + line);
  return expected;
}

// DeepseekV3DecoderLayer.__init__: self_attn, mlp (DeepseekV3MLP for layer_idx < first_k_dense_replace,
// else DeepseekV3MoE: experts, gate, shared_experts), input_layernorm, post_attention_layernorm.
// DeepseekV3MLP: gate_proj, up_proj, down_proj. DeepseekV3TopkRouter: weight (n_routed_experts, hidden).
std::vector<std::string> small_parameters(bool low_rank_query) {
  std::vector<std::string> expected = {"model.embed_tokens.weight (99, 32)"};
  for (int i = 0; i < 3; ++i) {
    for (auto& line : small_attention(i, low_rank_query)) expected.push_back(line);
    const std::string mlp = fmt::format("model.layers.{}.mlp.", i);
    const auto add_mlp = [&](const std::string& prefix, int intermediate) {
      expected.push_back(fmt::format("{}gate_proj.weight ({}, 32)", prefix, intermediate));
      expected.push_back(fmt::format("{}up_proj.weight ({}, 32)", prefix, intermediate));
      expected.push_back(fmt::format("{}down_proj.weight (32, {})", prefix, intermediate));
    };
    if (i == 0) {
      add_mlp(mlp, 40);
    } else {
      for (int e = 0; e < 4; ++e) add_mlp(fmt::format("{}experts.{}.", mlp, e), 12);
      expected.push_back(mlp + "gate.weight (4, 32)");
      add_mlp(mlp + "shared_experts.", 24);
    }
    expected.push_back(fmt::format("model.layers.{}.input_layernorm.weight (32,)", i));
    expected.push_back(fmt::format("model.layers.{}.post_attention_layernorm.weight (32,)", i));
  }
  expected.push_back("model.norm.weight (32,)");
  expected.push_back("lm_head.weight (99, 32)");
  return expected;
}

}  // namespace

TEST_CASE("deepseek: a small DeepseekV3ForCausalLM has transformers' names and shapes", "[deepseek][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters(true));
  CHECK(traced.output == shape{1, 5, 99});
  STATIC_REQUIRE(valid<small>);

  deepseek::v2_model v2{.config = small_config};  // q_lora_rank None: one q_proj
  v2.config.q_lora_rank = 0;
  CHECK(parameter_lines(trace(v2)) == small_parameters(false));
}

TEST_CASE("deepseek: the model computes the rotary embedding once; the latent attention's calls",
          "[deepseek][transformers]") {
  const trace_result traced = trace(small);
  // DeepseekV3Model.forward: embed_tokens, rotary_emb (cos and sin of qk_rope_head_dim), the layers, norm.
  REQUIRE(traced.modules.size() > 3);
  CHECK(calls_under(trace(deepseek::model{.config = {.vocab_size = 99,
                                                     .hidden_size = 32,
                                                     .num_hidden_layers = 0,
                                                     .qk_rope_head_dim = 4,
                                                     .max_position_embeddings = 5}}),
                    "") == std::vector<std::string>{
                               "model DeepseekV3Model (1, 5, 32)",
                               "model.embed_tokens Embedding (1, 5, 32)",
                               "model.rotary_emb DeepseekV3RotaryEmbedding (1, 5, 4)",
                               "model.norm DeepseekV3RMSNorm (1, 5, 32)",
                               "lm_head Linear (1, 5, 99)",
                           });
  CHECK(traced.modules[2].name == "model.rotary_emb");
  CHECK(calls_under(traced, "model.layers.0.self_attn") ==
        std::vector<std::string>{
            "model.layers.0.self_attn DeepseekV3Attention (1, 5, 32)",
            "model.layers.0.self_attn.q_a_proj Linear (1, 5, 24)",
            "model.layers.0.self_attn.q_a_layernorm DeepseekV3RMSNorm (1, 5, 24)",
            "model.layers.0.self_attn.q_b_proj Linear (1, 5, 48)",
            "model.layers.0.self_attn.kv_a_proj_with_mqa Linear (1, 5, 20)",
            "model.layers.0.self_attn.kv_a_layernorm DeepseekV3RMSNorm (1, 5, 16)",
            "model.layers.0.self_attn.kv_b_proj Linear (1, 5, 56)",
            "model.layers.0.self_attn.o_proj Linear (1, 5, 32)",
        });
  // DeepSeek-V2's rotary embedding returns freqs_cis: a complex number per pair of dimensions.
  const trace_result v2 = trace(deepseek::v2_model{.config = small_config});
  CHECK(call_output(v2, "model.rotary_emb") == shape{1, 5, 2});
  CHECK(v2.modules[2].type == "DeepseekV2RotaryEmbedding");
}

TEST_CASE("deepseek: the router runs on every token, each routed expert on its tokens, the shared experts on all",
          "[deepseek][transformers]") {
  // DeepseekV3MoE.forward: gate(hidden_states), then moe(): each expert with tokens on them, then
  // shared_experts(residuals). 5 tokens × 2 choices over 4 experts: 3, 3, 2, 2 tokens.
  std::vector<std::string> expected = {"model.layers.2.mlp DeepseekV3MoE (1, 5, 32)",
                                       "model.layers.2.mlp.gate DeepseekV3TopkRouter (5, 2)"};
  for (int e = 0; e < 4; ++e) {
    const int tokens = e < 2 ? 3 : 2;
    for (const auto& [name, type, width] : {std::tuple{"", "DeepseekV3MLP", 32},
                                            {".gate_proj", "Linear", 12},
                                            {".act_fn", "SiLU", 12},
                                            {".up_proj", "Linear", 12},
                                            {".down_proj", "Linear", 32}})
      expected.push_back(fmt::format("model.layers.2.mlp.experts.{}{} {} ({}, {})", e, name, type, tokens, width));
  }
  for (const char* line : {"shared_experts DeepseekV3MLP (1, 5, 32)", "shared_experts.gate_proj Linear (1, 5, 24)",
                           "shared_experts.act_fn SiLU (1, 5, 24)", "shared_experts.up_proj Linear (1, 5, 24)",
                           "shared_experts.down_proj Linear (1, 5, 32)"})
    expected.push_back(fmt::format("model.layers.2.mlp.{}", line));
  CHECK(calls_under(trace(small), "model.layers.2.mlp") == expected);

  // One token: experts 2 and 3 have no token, are registered and not called.
  const trace_result one = trace(small, {1});
  CHECK(one.parameters.size() == trace(small).parameters.size());
  CHECK(call_output(one, "model.layers.1.mlp.experts.1") == shape{1, 32});
  CHECK(call_output(one, "model.layers.1.mlp.experts.2") == shape{});
}

TEST_CASE("deepseek: total and active parameters, multiply-accumulates", "[deepseek][transformers][macs]") {
  // A routed expert has 3 × 32 × 12 parameters; a token uses 2 of the 4 in each of the 2 MoE layers.
  constexpr std::int64_t expert = 3 * 32 * 12;
  STATIC_REQUIRE(active_parameter_count<small> == parameter_count<small> - 2 * 2 * expert);
  // Per token: the attention's projections, the dense MLP or the router, 2 routed experts and the
  // shared ones; per layer Q·Kᵀ over 12 and A·V over 6 dimensions for 4 heads; then lm_head.
  constexpr std::int64_t attention = 5LL * (32 * 24 + 24 * 48 + 32 * 20 + 16 * 56 + 24 * 32) + 4LL * 5 * 5 * (12 + 6);
  constexpr std::int64_t moe = 5LL * (32 * 4 + 2 * expert + 3 * 32 * 24);
  STATIC_REQUIRE(macs<small> == 3 * attention + 5LL * 3 * 32 * 40 + 2 * moe + 5LL * 32 * 99);

  // deepseek-v3 at its context of 163840 tokens, per token: in each of the 61 layers the latent
  // attention's projections (q_a, q_b, kv_a, kv_b, o) and 128 heads' Q·Kᵀ over 192 and A·V over 128
  // dimensions of every token; 3 dense MLPs; in 58 MoE layers the router, 8 routed experts and the
  // shared one; then lm_head.
  constexpr std::int64_t length = 163840;
  constexpr std::int64_t projections = 7168LL * 1536 + 1536LL * 24576 + 7168LL * 576 + 512LL * 32768 + 16384LL * 7168;
  constexpr std::int64_t mlp = 3LL * 7168 * 2048;
  constexpr std::int64_t per_token = 61 * (projections + 128 * length * (192 + 128)) + 3 * (3LL * 7168 * 18432) +
                                     58 * (7168LL * 256 + 8 * mlp + mlp) + 7168LL * 129280;
  STATIC_REQUIRE(macs<deepseek::deepseek_v3()> == length * per_token);

  // A count describes one dense layer, one MoE layer and one expert of each token count, and
  // multiplies; a trace walks every one: they agree.
  const trace_result traced = trace(small);
  CHECK(traced.parameter_total == parameter_count<small>);
  CHECK(traced.active_parameter_total == active_parameter_count<small>);
  CHECK(traced.mac_total == macs<small>);
  CHECK(static_cast<std::int64_t>(traced.parameters.size()) == tensor_count<small>);
}

TEST_CASE("deepseek: the named models, walked tensor by tensor, agree with their counts", "[deepseek][transformers]") {
  SECTION("deepseek-v3") {
    constexpr auto net = deepseek::deepseek_v3();
    const trace_result traced = trace(net);
    CHECK(static_cast<std::int64_t>(traced.parameters.size()) == tensor_count<net>);
    CHECK(traced.parameter_total == 671'026'404'352);
    CHECK(traced.active_parameter_total == 37'552'282'624);
    CHECK(traced.mac_total == macs<net>);
    CHECK(traced.output == shape{1, 163840, 129280});
    CHECK(report_rows("deepseek-v3", traced, "model.layers.2.mlp.") == lines_of(R"(
| model.layers.2.mlp.gate_proj.weight | (18432, 7168) | (18432, 7168) | 132120576 | Matrix |
| model.layers.2.mlp.up_proj.weight | (18432, 7168) | (18432, 7168) | 132120576 | Matrix |
| model.layers.2.mlp.down_proj.weight | (7168, 18432) | (7168, 18432) | 132120576 | Matrix |
)"));
    CHECK(report_rows("deepseek-v3", traced, "model.layers.60.self_attn.") == lines_of(R"(
| model.layers.60.self_attn.q_a_proj.weight | (1536, 7168) | (1536, 7168) | 11010048 | Matrix |
| model.layers.60.self_attn.q_a_layernorm.weight | (1536,) | (1536,) | 1536 | Vector |
| model.layers.60.self_attn.q_b_proj.weight | (24576, 1536) | (24576, 1536) | 37748736 | Matrix |
| model.layers.60.self_attn.kv_a_proj_with_mqa.weight | (576, 7168) | (576, 7168) | 4128768 | Matrix |
| model.layers.60.self_attn.kv_a_layernorm.weight | (512,) | (512,) | 512 | Vector |
| model.layers.60.self_attn.kv_b_proj.weight | (32768, 512) | (32768, 512) | 16777216 | Matrix |
| model.layers.60.self_attn.o_proj.weight | (7168, 16384) | (7168, 16384) | 117440512 | Matrix |
)"));
    CHECK(report_rows("deepseek-v3", traced, "model.layers.60.mlp.experts.255.") == lines_of(R"(
| model.layers.60.mlp.experts.255.gate_proj.weight | (2048, 7168) | (2048, 7168) | 14680064 | Matrix |
| model.layers.60.mlp.experts.255.up_proj.weight | (2048, 7168) | (2048, 7168) | 14680064 | Matrix |
| model.layers.60.mlp.experts.255.down_proj.weight | (7168, 2048) | (7168, 2048) | 14680064 | Matrix |
)"));
    CHECK(report_rows("deepseek-v3", traced, "model.layers.60.mlp.gate.") ==
          lines_of("| model.layers.60.mlp.gate.weight | (256, 7168) | (256, 7168) | 1835008 | Matrix |"));
    CHECK(report_rows("deepseek-v3", traced, "model.layers.61.").empty());  // the MTP module is not described
    // 163840 tokens × 8 choices over 256 experts: 5120 tokens each.
    CHECK(call_output(traced, "model.layers.3.mlp.experts.0") == shape{5120, 7168});
  }
  SECTION("deepseek-v2-lite") {
    constexpr auto net = deepseek::deepseek_v2_lite();
    const trace_result traced = trace(net);
    CHECK(static_cast<std::int64_t>(traced.parameters.size()) == tensor_count<net>);
    CHECK(traced.parameter_total == 15'706'484'224);
    CHECK(traced.active_parameter_total == 2'661'150'208);
    CHECK(report_rows("deepseek-v2-lite", traced, "model.layers.1.self_attn.q_proj.") ==
          lines_of("| model.layers.1.self_attn.q_proj.weight | (3072, 2048) | (3072, 2048) | 6291456 | Matrix |"));
    CHECK(report_rows("deepseek-v2-lite", traced, "model.layers.26.mlp.shared_experts.down_proj.") ==
          lines_of("| model.layers.26.mlp.shared_experts.down_proj.weight | (2048, 2816) | (2048, 2816) | 5767168 | "
                   "Matrix |"));
  }
}

TEST_CASE("deepseek: the router cannot choose more experts than there are", "[deepseek][transformers]") {
  deepseek::model greedy = small;
  greedy.config.num_experts_per_tok = 5;
  CHECK_THROWS_WITH(trace(greedy), "model.layers.1.mlp.experts (ModuleList): chooses 5 of 4 experts for each token");
}

}  // namespace deepseek_test
