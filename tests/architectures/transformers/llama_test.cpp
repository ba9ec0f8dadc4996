// LLaMA and Mistral (architectures/transformers/llama.hpp, mistral.hpp) against transformers' modeling_llama.py
// and modeling_mistral.py (v4.38, early 2024): names and shapes of a small configuration written by
// hand from the source, the order of the calls in a decoder layer, tied embeddings, report rows of
// the named models' first and last layers, output shapes and multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/llama.hpp>
#include <architectures/transformers/mistral.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace llama_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::calls_under;
using archdesc::test::formatted_lines;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another, so that a swapped dimension shows: head_dim 8, 2 key-value
// heads for 4 query heads.
constexpr llama::config small_config{.vocab_size = 99,
                                     .hidden_size = 32,
                                     .intermediate_size = 37,
                                     .num_hidden_layers = 2,
                                     .num_attention_heads = 4,
                                     .num_key_value_heads = 2,
                                     .max_position_embeddings = 16};
constexpr llama::model small{.config = small_config};

// The parameters of decoder layer i, in registration order. LlamaDecoderLayer.__init__ registers
// self_attn, mlp, input_layernorm, post_attention_layernorm. LlamaAttention.__init__: q_proj
// (hidden, heads × head_dim), k_proj and v_proj (hidden, key_value_heads × head_dim), o_proj
// (hidden, hidden), all with bias=config.attention_bias, then rotary_emb (buffers only).
// LlamaMLP.__init__: gate_proj, up_proj (hidden, intermediate), down_proj (intermediate, hidden),
// bias=False, then act_fn. LlamaRMSNorm: weight (hidden,).
std::vector<std::string> small_layer(int i, bool attention_bias) {
  const std::string layer = fmt::format("model.layers.{}.", i);
  std::vector<std::string> expected;
  for (const auto& [projection, out] : {std::pair{"q_proj", 32}, {"k_proj", 16}, {"v_proj", 16}, {"o_proj", 32}}) {
    expected.push_back(fmt::format("{}self_attn.{}.weight ({}, 32)", layer, projection, out));
    if (attention_bias) expected.push_back(fmt::format("{}self_attn.{}.bias ({},)", layer, projection, out));
  }
  for (const char* line :
       {"mlp.gate_proj.weight (37, 32)", "mlp.up_proj.weight (37, 32)", "mlp.down_proj.weight (32, 37)",
        "input_layernorm.weight (32,)", "post_attention_layernorm.weight (32,)"})
    expected.push_back(layer + line);
  return expected;
}

// LlamaForCausalLM.__init__: model (LlamaModel: embed_tokens, layers, norm), then lm_head
// (hidden, vocab_size, bias=False).
std::vector<std::string> small_parameters(bool attention_bias, bool lm_head) {
  std::vector<std::string> expected = {"model.embed_tokens.weight (99, 32)"};
  for (int i = 0; i < 2; ++i)
    for (auto& line : small_layer(i, attention_bias)) expected.push_back(line);
  expected.push_back("model.norm.weight (32,)");
  if (lm_head) expected.push_back("lm_head.weight (99, 32)");
  return expected;
}

// The report rows of a decoder layer ({0}: its index) of Llama-2-7B and -13B (multi-head
// attention), with {1} the hidden size, {2} the intermediate size, {3} hidden², {4} hidden ×
// intermediate.
constexpr std::string_view multi_head_layer_rows = R"(
| model.layers.{0}.self_attn.q_proj.weight | ({1}, {1}) | ({1}, {1}) | {3} | Matrix |
| model.layers.{0}.self_attn.k_proj.weight | ({1}, {1}) | ({1}, {1}) | {3} | Matrix |
| model.layers.{0}.self_attn.v_proj.weight | ({1}, {1}) | ({1}, {1}) | {3} | Matrix |
| model.layers.{0}.self_attn.o_proj.weight | ({1}, {1}) | ({1}, {1}) | {3} | Matrix |
| model.layers.{0}.mlp.gate_proj.weight | ({2}, {1}) | ({2}, {1}) | {4} | Matrix |
| model.layers.{0}.mlp.up_proj.weight | ({2}, {1}) | ({2}, {1}) | {4} | Matrix |
| model.layers.{0}.mlp.down_proj.weight | ({1}, {2}) | ({1}, {2}) | {4} | Matrix |
| model.layers.{0}.input_layernorm.weight | ({1},) | ({1},) | {1} | Vector |
| model.layers.{0}.post_attention_layernorm.weight | ({1},) | ({1},) | {1} | Vector |
)";

// Llama-2-70B: 64 heads of 128 and 8 key-value heads, so k_proj and v_proj are (1024, 8192).
constexpr std::string_view llama_2_70b_layer_rows = R"(
| model.layers.{0}.self_attn.q_proj.weight | (8192, 8192) | (8192, 8192) | 67108864 | Matrix |
| model.layers.{0}.self_attn.k_proj.weight | (1024, 8192) | (1024, 8192) | 8388608 | Matrix |
| model.layers.{0}.self_attn.v_proj.weight | (1024, 8192) | (1024, 8192) | 8388608 | Matrix |
| model.layers.{0}.self_attn.o_proj.weight | (8192, 8192) | (8192, 8192) | 67108864 | Matrix |
| model.layers.{0}.mlp.gate_proj.weight | (28672, 8192) | (28672, 8192) | 234881024 | Matrix |
| model.layers.{0}.mlp.up_proj.weight | (28672, 8192) | (28672, 8192) | 234881024 | Matrix |
| model.layers.{0}.mlp.down_proj.weight | (8192, 28672) | (8192, 28672) | 234881024 | Matrix |
| model.layers.{0}.input_layernorm.weight | (8192,) | (8192,) | 8192 | Vector |
| model.layers.{0}.post_attention_layernorm.weight | (8192,) | (8192,) | 8192 | Vector |
)";

// Mistral-7B-v0.1: 32 heads of 128 and 8 key-value heads, intermediate 14336.
constexpr std::string_view mistral_7b_layer_rows = R"(
| model.layers.{0}.self_attn.q_proj.weight | (4096, 4096) | (4096, 4096) | 16777216 | Matrix |
| model.layers.{0}.self_attn.k_proj.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| model.layers.{0}.self_attn.v_proj.weight | (1024, 4096) | (1024, 4096) | 4194304 | Matrix |
| model.layers.{0}.self_attn.o_proj.weight | (4096, 4096) | (4096, 4096) | 16777216 | Matrix |
| model.layers.{0}.mlp.gate_proj.weight | (14336, 4096) | (14336, 4096) | 58720256 | Matrix |
| model.layers.{0}.mlp.up_proj.weight | (14336, 4096) | (14336, 4096) | 58720256 | Matrix |
| model.layers.{0}.mlp.down_proj.weight | (4096, 14336) | (4096, 14336) | 58720256 | Matrix |
| model.layers.{0}.input_layernorm.weight | (4096,) | (4096,) | 4096 | Vector |
| model.layers.{0}.post_attention_layernorm.weight | (4096,) | (4096,) | 4096 | Vector |
)";

std::vector<std::string> multi_head_rows(int layer, std::int64_t hidden, std::int64_t intermediate) {
  return formatted_lines(multi_head_layer_rows, layer, hidden, intermediate, hidden * hidden, hidden * intermediate);
}

// The embedding, final norm and lm_head rows of a 32000-token model of that hidden size.
std::vector<std::string> ends_rows(std::int64_t hidden) {
  return formatted_lines(R"(
| model.embed_tokens.weight | (32000, {0}) | (32000, {0}) | {1} | Matrix |
| model.norm.weight | ({0},) | ({0},) | {0} | Vector |
| lm_head.weight | (32000, {0}) | (32000, {0}) | {1} | Matrix |
)",
                         hidden, 32000 * hidden);
}

}  // namespace

TEST_CASE("llama: a small LlamaForCausalLM has transformers' names and shapes", "[llama][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters(false, true));
  CHECK(traced.input == shape{1, 16});                      // max_position_embeddings tokens by default
  CHECK(traced.output == shape{1, 16, 99});                 // logits
  CHECK(call_output(traced, "model") == shape{1, 16, 32});  // last_hidden_state
  STATIC_REQUIRE(valid<small>);
  STATIC_REQUIRE(output_shape<small, shape{5}> == shape{1, 5, 99});

  llama::model with_bias = small;
  with_bias.config.attention_bias = true;
  CHECK(parameter_lines(trace(with_bias)) == small_parameters(true, true));

  llama::model multi_head = small;  // num_key_value_heads None: as many as the query heads
  multi_head.config.num_key_value_heads = 0;
  CHECK(parameter_lines(trace(multi_head))[2] == "model.layers.0.self_attn.k_proj.weight (32, 32)");
}

TEST_CASE("llama: a decoder layer calls each norm before its block, as LlamaDecoderLayer.forward does",
          "[llama][transformers]") {
  // LlamaAttention.forward: q_proj, k_proj, v_proj, then rotary_emb(value_states) gives cos and sin
  // of (batch, seq_len, head_dim), then o_proj. LlamaMLP.forward: down_proj(act_fn(gate_proj(x)) * up_proj(x)).
  CHECK(calls_under(trace(small), "model.layers.1") ==
        std::vector<std::string>{
            "model.layers.1 LlamaDecoderLayer (1, 16, 32)",
            "model.layers.1.input_layernorm LlamaRMSNorm (1, 16, 32)",
            "model.layers.1.self_attn LlamaAttention (1, 16, 32)",
            "model.layers.1.self_attn.q_proj Linear (1, 16, 32)",
            "model.layers.1.self_attn.k_proj Linear (1, 16, 16)",
            "model.layers.1.self_attn.v_proj Linear (1, 16, 16)",
            "model.layers.1.self_attn.rotary_emb LlamaRotaryEmbedding (1, 16, 8)",
            "model.layers.1.self_attn.o_proj Linear (1, 16, 32)",
            "model.layers.1.post_attention_layernorm LlamaRMSNorm (1, 16, 32)",
            "model.layers.1.mlp LlamaMLP (1, 16, 32)",
            "model.layers.1.mlp.gate_proj Linear (1, 16, 37)",
            "model.layers.1.mlp.act_fn SiLU (1, 16, 37)",
            "model.layers.1.mlp.up_proj Linear (1, 16, 37)",
            "model.layers.1.mlp.down_proj Linear (1, 16, 32)",
        });
  CHECK(calls_under(trace(small), "model.norm") == std::vector<std::string>{"model.norm LlamaRMSNorm (1, 16, 32)"});
}

TEST_CASE("llama: tied word embeddings list embed_tokens once and still call lm_head", "[llama][transformers]") {
  llama::model tied = small;
  tied.config.tie_word_embeddings = true;
  const trace_result traced = trace(tied);
  CHECK(parameter_lines(traced) == small_parameters(false, false));
  CHECK(call_output(traced, "lm_head") == shape{1, 16, 99});
  CHECK(traced.output == shape{1, 16, 99});
  CHECK(traced.parameter_total == trace(small).parameter_total - 99 * 32);
  CHECK(traced.mac_total == trace(small).mac_total);  // the logits cost the same
}

TEST_CASE("llama: multiply-accumulates per token", "[llama][transformers][macs]") {
  // A small model at 16 tokens: per layer and token Q and O are 32² each, K and V 32 × 16 each, the
  // MLP 3 × 32 × 37; per layer the 4 query heads compute Q·Kᵀ and A·V, 2 × 4 × 16² × 8 (with
  // grouped-query attention too); then lm_head, 32 × 99 per token.
  constexpr std::int64_t small_layer_macs = 16LL * (2 * 32 * 32 + 2 * 32 * 16 + 3 * 32 * 37) + 2LL * 4 * 16 * 16 * 8;
  STATIC_REQUIRE(macs<small> == 2 * small_layer_macs + 16LL * 32 * 99);
  // Llama-2-7B at its context of 4096 tokens: 32 layers of 4 × 4096² + 3 × 4096 × 11008 per token and
  // 2 × 32 heads × 4096² × 128 per layer, then lm_head: 4096 × 32000 per token.
  constexpr std::int64_t length = 4096;
  constexpr std::int64_t layer_7b =
      length * (4LL * 4096 * 4096 + 3LL * 4096 * 11008) + 2LL * 32 * length * length * 128;
  STATIC_REQUIRE(macs<llama::llama_2_7b()> == 32 * layer_7b + length * 4096 * 32000);
  STATIC_REQUIRE(macs<llama::llama_2_7b()> / length == 7'680'819'200);  // per token at 4096
}

TEST_CASE("llama: transformers' checks", "[llama][transformers]") {
  llama::model odd_heads = small;
  odd_heads.config.num_attention_heads = 5;
  CHECK_THROWS_WITH(trace(odd_heads),
                    "model.layers.0.self_attn (LlamaAttention): hidden_size must be divisible by num_heads (got "
                    "`hidden_size`: 32 and `num_heads`: 5).");
  llama::model odd_groups = small;
  odd_groups.config.num_key_value_heads = 3;
  CHECK_THROWS_WITH(
      trace(odd_groups),
      "model.layers.0.self_attn (LlamaAttention): num_heads = 4 is not a multiple of num_key_value_heads = 3");
}

TEST_CASE("llama: the named models' first and last layers", "[llama][transformers]") {
  SECTION("llama-2-7b") {
    const trace_result traced = trace(llama::llama_2_7b());
    CHECK(traced.output == shape{1, 4096, 32000});
    CHECK(report_rows("llama-2-7b", traced, "model.layers.0.") == multi_head_rows(0, 4096, 11008));
    CHECK(report_rows("llama-2-7b", traced, "model.layers.31.") == multi_head_rows(31, 4096, 11008));
    CHECK(report_rows("llama-2-7b", traced, "model.layers.32.").empty());
    std::vector<std::string> ends = report_rows("llama-2-7b", traced, "model.embed_tokens.");
    for (const char* prefix : {"model.norm.", "lm_head."})
      for (auto& row : report_rows("llama-2-7b", traced, prefix)) ends.push_back(row);
    CHECK(ends == ends_rows(4096));
  }
  SECTION("llama-2-13b") {
    const trace_result traced = trace(llama::llama_2_13b());
    CHECK(traced.output == shape{1, 4096, 32000});
    CHECK(report_rows("llama-2-13b", traced, "model.layers.0.") == multi_head_rows(0, 5120, 13824));
    CHECK(report_rows("llama-2-13b", traced, "model.layers.39.") == multi_head_rows(39, 5120, 13824));
    CHECK(report_rows("llama-2-13b", traced, "model.layers.40.").empty());
    CHECK(report_rows("llama-2-13b", traced, "lm_head.") == std::vector{ends_rows(5120)[2]});
  }
  SECTION("llama-2-70b: grouped-query attention") {
    const trace_result traced = trace(llama::llama_2_70b());
    CHECK(traced.output == shape{1, 4096, 32000});
    CHECK(report_rows("llama-2-70b", traced, "model.layers.0.") == formatted_lines(llama_2_70b_layer_rows, 0));
    CHECK(report_rows("llama-2-70b", traced, "model.layers.79.") == formatted_lines(llama_2_70b_layer_rows, 79));
    CHECK(report_rows("llama-2-70b", traced, "model.layers.80.").empty());
    CHECK(report_rows("llama-2-70b", traced, "model.embed_tokens.") == std::vector{ends_rows(8192)[0]});
    CHECK(report_rows("llama-2-70b", traced, "lm_head.") == std::vector{ends_rows(8192)[2]});
    CHECK(markdown_report("llama-2-70b", traced).find("**Number of parameters: [ 68.98G ]**") != std::string::npos);
  }
}

TEST_CASE("mistral: Llama's layout under Mistral's class names", "[mistral][transformers]") {
  // MistralForCausalLM, MistralModel, MistralDecoderLayer, MistralAttention and MistralMLP register
  // the same attributes as their Llama counterparts; the projections have no bias.
  constexpr mistral::model small_mistral{.config = small_config};
  const trace_result traced = trace(small_mistral);
  CHECK(parameter_lines(traced) == small_parameters(false, true));
  CHECK(traced.output == shape{1, 16, 99});
  const std::vector<std::string> layer = calls_under(traced, "model.layers.0");
  REQUIRE(layer.size() == 14);
  CHECK(layer[0] == "model.layers.0 MistralDecoderLayer (1, 16, 32)");
  CHECK(layer[1] == "model.layers.0.input_layernorm MistralRMSNorm (1, 16, 32)");
  CHECK(layer[2] == "model.layers.0.self_attn MistralAttention (1, 16, 32)");
  CHECK(layer[6] == "model.layers.0.self_attn.rotary_emb MistralRotaryEmbedding (1, 16, 8)");
  CHECK(layer[9] == "model.layers.0.mlp MistralMLP (1, 16, 32)");
  CHECK(call_output(traced, "model") == shape{1, 16, 32});

  mistral::model with_bias = small_mistral;
  with_bias.config.attention_bias = true;
  CHECK_THROWS_WITH(trace(with_bias), "MistralForCausalLM: MistralConfig has no attention_bias");
}

TEST_CASE("mistral: mistral-7b-v0.1's first and last layers", "[mistral][transformers]") {
  const trace_result traced = trace(mistral::mistral_7b_v0_1());
  CHECK(traced.output == shape{1, 32768, 32000});  // its context: max_position_embeddings 32768
  CHECK(report_rows("mistral-7b-v0.1", traced, "model.layers.0.") == formatted_lines(mistral_7b_layer_rows, 0));
  CHECK(report_rows("mistral-7b-v0.1", traced, "model.layers.31.") == formatted_lines(mistral_7b_layer_rows, 31));
  CHECK(report_rows("mistral-7b-v0.1", traced, "model.layers.32.").empty());
  CHECK(report_rows("mistral-7b-v0.1", traced, "lm_head.") == std::vector{ends_rows(4096)[2]});
  STATIC_REQUIRE(active_parameter_count<mistral::mistral_7b_v0_1()> == parameter_count<mistral::mistral_7b_v0_1()>);
}

}  // namespace llama_test
