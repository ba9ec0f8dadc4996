// Qwen2, Gemma 2 and Phi-3 (architectures/transformers/qwen2.hpp, gemma2.hpp, phi3.hpp) against
// transformers' modeling_qwen2.py, modeling_gemma2.py and modeling_phi3.py (v4.50), and Llama 3's
// checkpoints (llama.hpp): names and shapes of small configurations written by hand from the source,
// the order of the calls in a decoder layer, tied embeddings, multiply-accumulates, and rows of the
// named models.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/deepseek.hpp>
#include <architectures/transformers/gemma2.hpp>
#include <architectures/transformers/llama.hpp>
#include <architectures/transformers/mistral.hpp>
#include <architectures/transformers/mixtral.hpp>
#include <architectures/transformers/phi3.hpp>
#include <architectures/transformers/qwen2.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace decoders_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::calls_under;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// embed_tokens, each layer's lines ({} its index), norm, and lm_head unless tied.
std::vector<std::string> model_parameters(std::string_view layer_lines, bool lm_head) {
  std::vector<std::string> expected = {"model.embed_tokens.weight (99, 32)"};
  for (int i = 0; i < 2; ++i)
    for (auto& line : lines_of(fmt::format(fmt::runtime(layer_lines), i))) expected.push_back(line);
  expected.push_back("model.norm.weight (32,)");
  if (lm_head) expected.push_back("lm_head.weight (99, 32)");
  return expected;
}

// 4 query heads of 8 and 2 key-value heads, intermediate 37, 16 tokens.
constexpr qwen2::model small_qwen2{.config = {.vocab_size = 99,
                                              .hidden_size = 32,
                                              .intermediate_size = 37,
                                              .num_hidden_layers = 2,
                                              .num_attention_heads = 4,
                                              .num_key_value_heads = 2,
                                              .max_position_embeddings = 16}};

// 4 query heads and 2 key-value heads of head_dim 12 (not 32 / 4), intermediate 37.
constexpr gemma2::model small_gemma2{.config = {.vocab_size = 99,
                                                .hidden_size = 32,
                                                .intermediate_size = 37,
                                                .num_hidden_layers = 2,
                                                .num_attention_heads = 4,
                                                .num_key_value_heads = 2,
                                                .head_dim = 12,
                                                .max_position_embeddings = 16}};

constexpr phi3::model small_phi3{.config = {.vocab_size = 99,
                                            .hidden_size = 32,
                                            .intermediate_size = 37,
                                            .num_hidden_layers = 2,
                                            .num_attention_heads = 4,
                                            .num_key_value_heads = 2,
                                            .max_position_embeddings = 16}};

}  // namespace

TEST_CASE("qwen2: a small Qwen2ForCausalLM has transformers' names and shapes", "[qwen2][transformers]") {
  // Qwen2DecoderLayer.__init__: self_attn (Qwen2Attention: q_proj, k_proj, v_proj with bias=True,
  // o_proj with bias=False), mlp (Qwen2MLP: gate_proj, up_proj, down_proj, act_fn), input_layernorm,
  // post_attention_layernorm. Qwen2Model: embed_tokens, layers, norm, rotary_emb.
  constexpr std::string_view layer = R"(
model.layers.{0}.self_attn.q_proj.weight (32, 32)
model.layers.{0}.self_attn.q_proj.bias (32,)
model.layers.{0}.self_attn.k_proj.weight (16, 32)
model.layers.{0}.self_attn.k_proj.bias (16,)
model.layers.{0}.self_attn.v_proj.weight (16, 32)
model.layers.{0}.self_attn.v_proj.bias (16,)
model.layers.{0}.self_attn.o_proj.weight (32, 32)
model.layers.{0}.mlp.gate_proj.weight (37, 32)
model.layers.{0}.mlp.up_proj.weight (37, 32)
model.layers.{0}.mlp.down_proj.weight (32, 37)
model.layers.{0}.input_layernorm.weight (32,)
model.layers.{0}.post_attention_layernorm.weight (32,)
)";
  const trace_result traced = trace(small_qwen2);
  CHECK(parameter_lines(traced) == model_parameters(layer, true));
  CHECK(traced.output == shape{1, 16, 99});
  qwen2::model tied = small_qwen2;
  tied.config.tie_word_embeddings = true;
  CHECK(parameter_lines(trace(tied)) == model_parameters(layer, false));
  CHECK(call_output(trace(tied), "lm_head") == shape{1, 16, 99});

  // Qwen2Model.forward: embed_tokens, rotary_emb once (cos and sin of head_dim), the layers, norm.
  CHECK(traced.modules[1].name == "model.embed_tokens");
  CHECK(traced.modules[2].name + " " + traced.modules[2].type + " " + shape_text(traced.modules[2].output) ==
        "model.rotary_emb Qwen2RotaryEmbedding (1, 16, 8)");
  CHECK(calls_under(traced, "model.layers.1") == std::vector<std::string>{
                                                     "model.layers.1 Qwen2DecoderLayer (1, 16, 32)",
                                                     "model.layers.1.input_layernorm Qwen2RMSNorm (1, 16, 32)",
                                                     "model.layers.1.self_attn Qwen2Attention (1, 16, 32)",
                                                     "model.layers.1.self_attn.q_proj Linear (1, 16, 32)",
                                                     "model.layers.1.self_attn.k_proj Linear (1, 16, 16)",
                                                     "model.layers.1.self_attn.v_proj Linear (1, 16, 16)",
                                                     "model.layers.1.self_attn.o_proj Linear (1, 16, 32)",
                                                     "model.layers.1.post_attention_layernorm Qwen2RMSNorm (1, 16, 32)",
                                                     "model.layers.1.mlp Qwen2MLP (1, 16, 32)",
                                                     "model.layers.1.mlp.gate_proj Linear (1, 16, 37)",
                                                     "model.layers.1.mlp.act_fn SiLU (1, 16, 37)",
                                                     "model.layers.1.mlp.up_proj Linear (1, 16, 37)",
                                                     "model.layers.1.mlp.down_proj Linear (1, 16, 32)",
                                                 });
  // Per layer and token: Q and O 32², K and V 32 × 16, the MLP 3 × 32 × 37; Q·Kᵀ and A·V for 4
  // heads of 8; then lm_head. Biases add no multiply-accumulate.
  constexpr std::int64_t per_layer = 16LL * (2 * 32 * 32 + 2 * 32 * 16 + 3 * 32 * 37) + 2LL * 4 * 16 * 16 * 8;
  STATIC_REQUIRE(macs<small_qwen2> == 2 * per_layer + 16LL * 32 * 99);
}

TEST_CASE("gemma2: a small Gemma2ForCausalLM has transformers' names and shapes", "[gemma2][transformers]") {
  // Gemma2DecoderLayer.__init__: self_attn (q_proj, k_proj, v_proj, o_proj, sized by head_dim), mlp,
  // input_layernorm, post_attention_layernorm, pre_feedforward_layernorm, post_feedforward_layernorm.
  // Tied embeddings by default: no lm_head.weight.
  constexpr std::string_view layer = R"(
model.layers.{0}.self_attn.q_proj.weight (48, 32)
model.layers.{0}.self_attn.k_proj.weight (24, 32)
model.layers.{0}.self_attn.v_proj.weight (24, 32)
model.layers.{0}.self_attn.o_proj.weight (32, 48)
model.layers.{0}.mlp.gate_proj.weight (37, 32)
model.layers.{0}.mlp.up_proj.weight (37, 32)
model.layers.{0}.mlp.down_proj.weight (32, 37)
model.layers.{0}.input_layernorm.weight (32,)
model.layers.{0}.post_attention_layernorm.weight (32,)
model.layers.{0}.pre_feedforward_layernorm.weight (32,)
model.layers.{0}.post_feedforward_layernorm.weight (32,)
)";
  const trace_result traced = trace(small_gemma2);
  CHECK(parameter_lines(traced) == model_parameters(layer, false));
  CHECK(traced.output == shape{1, 16, 99});
  // Gemma2DecoderLayer.forward: each block between its two norms.
  CHECK(calls_under(traced, "model.layers.0") ==
        std::vector<std::string>{
            "model.layers.0 Gemma2DecoderLayer (1, 16, 32)",
            "model.layers.0.input_layernorm Gemma2RMSNorm (1, 16, 32)",
            "model.layers.0.self_attn Gemma2Attention (1, 16, 32)",
            "model.layers.0.self_attn.q_proj Linear (1, 16, 48)",
            "model.layers.0.self_attn.k_proj Linear (1, 16, 24)",
            "model.layers.0.self_attn.v_proj Linear (1, 16, 24)",
            "model.layers.0.self_attn.o_proj Linear (1, 16, 32)",
            "model.layers.0.post_attention_layernorm Gemma2RMSNorm (1, 16, 32)",
            "model.layers.0.pre_feedforward_layernorm Gemma2RMSNorm (1, 16, 32)",
            "model.layers.0.mlp Gemma2MLP (1, 16, 32)",
            "model.layers.0.mlp.gate_proj Linear (1, 16, 37)",
            "model.layers.0.mlp.act_fn PytorchGELUTanh (1, 16, 37)",
            "model.layers.0.mlp.up_proj Linear (1, 16, 37)",
            "model.layers.0.mlp.down_proj Linear (1, 16, 32)",
            "model.layers.0.post_feedforward_layernorm Gemma2RMSNorm (1, 16, 32)",
        });
  CHECK(call_output(traced, "model.rotary_emb") == shape{1, 16, 12});
  // Per layer and token: Q and O 32 × 48, K and V 32 × 24, the MLP; Q·Kᵀ and A·V for 4 heads of 12.
  constexpr std::int64_t per_layer = 16LL * (2 * 32 * 48 + 2 * 32 * 24 + 3 * 32 * 37) + 2LL * 4 * 16 * 16 * 12;
  STATIC_REQUIRE(macs<small_gemma2> == 2 * per_layer + 16LL * 32 * 99);
}

TEST_CASE("phi3: a small Phi3ForCausalLM has transformers' names and shapes", "[phi3][transformers]") {
  // Phi3Attention.__init__ registers o_proj, then qkv_proj (hidden → (4 + 2 × 2) heads × 8); Phi3MLP:
  // gate_up_proj (hidden → 2 × 37), down_proj, activation_fn; Phi3DecoderLayer: self_attn, mlp,
  // input_layernorm, post_attention_layernorm, resid_attn_dropout, resid_mlp_dropout.
  constexpr std::string_view layer = R"(
model.layers.{0}.self_attn.o_proj.weight (32, 32)
model.layers.{0}.self_attn.qkv_proj.weight (64, 32)
model.layers.{0}.mlp.gate_up_proj.weight (74, 32)
model.layers.{0}.mlp.down_proj.weight (32, 37)
model.layers.{0}.input_layernorm.weight (32,)
model.layers.{0}.post_attention_layernorm.weight (32,)
)";
  const trace_result traced = trace(small_phi3);
  CHECK(parameter_lines(traced) == model_parameters(layer, true));
  CHECK(calls_under(traced, "model.layers.1") == std::vector<std::string>{
                                                     "model.layers.1 Phi3DecoderLayer (1, 16, 32)",
                                                     "model.layers.1.input_layernorm Phi3RMSNorm (1, 16, 32)",
                                                     "model.layers.1.self_attn Phi3Attention (1, 16, 32)",
                                                     "model.layers.1.self_attn.qkv_proj Linear (1, 16, 64)",
                                                     "model.layers.1.self_attn.o_proj Linear (1, 16, 32)",
                                                     "model.layers.1.resid_attn_dropout Dropout (1, 16, 32)",
                                                     "model.layers.1.post_attention_layernorm Phi3RMSNorm (1, 16, 32)",
                                                     "model.layers.1.mlp Phi3MLP (1, 16, 32)",
                                                     "model.layers.1.mlp.gate_up_proj Linear (1, 16, 74)",
                                                     "model.layers.1.mlp.activation_fn SiLU (1, 16, 37)",
                                                     "model.layers.1.mlp.down_proj Linear (1, 16, 32)",
                                                     "model.layers.1.resid_mlp_dropout Dropout (1, 16, 32)",
                                                 });
  constexpr std::int64_t per_layer = 16LL * (32 * 64 + 32 * 32 + 32 * 74 + 37 * 32) + 2LL * 4 * 16 * 16 * 8;
  STATIC_REQUIRE(macs<small_phi3> == 2 * per_layer + 16LL * 32 * 99);
}

TEST_CASE("decoders: the named models' rows", "[qwen2][gemma2][phi3][llama][transformers]") {
  CHECK(report_rows("qwen2.5-7b", trace(qwen2::qwen2_5_7b({.config = {.max_position_embeddings = 8}})),
                    "model.layers.27.self_attn.k_proj.") == lines_of(R"(
| model.layers.27.self_attn.k_proj.weight | (512, 3584) | (512, 3584) | 1835008 | Matrix |
| model.layers.27.self_attn.k_proj.bias | (512,) | (512,) | 512 | Vector |
)"));
  const trace_result gemma = trace(gemma2::gemma_2_27b({.config = {.max_position_embeddings = 8}}));
  CHECK(report_rows("gemma-2-27b", gemma, "model.layers.45.self_attn.o_proj.") ==
        lines_of("| model.layers.45.self_attn.o_proj.weight | (4608, 4096) | (4608, 4096) | 18874368 | Matrix |"));
  CHECK(report_rows("gemma-2-27b", gemma, "lm_head.").empty());  // tied
  CHECK(report_rows("phi-3-mini-4k-instruct", trace(phi3::phi_3_mini_4k()), "model.layers.31.self_attn.") ==
        lines_of(R"(
| model.layers.31.self_attn.o_proj.weight | (3072, 3072) | (3072, 3072) | 9437184 | Matrix |
| model.layers.31.self_attn.qkv_proj.weight | (9216, 3072) | (9216, 3072) | 28311552 | Matrix |
)"));
  const trace_result llama_3 = trace(llama::llama_3_1_405b());
  CHECK(report_rows("llama-3.1-405b", llama_3, "model.layers.125.self_attn.k_proj.") ==
        lines_of("| model.layers.125.self_attn.k_proj.weight | (1024, 16384) | (1024, 16384) | 16777216 | Matrix |"));
  CHECK(report_rows("llama-3.1-405b", llama_3, "lm_head.") ==
        lines_of("| lm_head.weight | (128256, 16384) | (128256, 16384) | 2101346304 | Matrix |"));
  // Llama-3-8B at its context of 8192 tokens, per token: 32 layers of Q and O 4096², K and V 4096 ×
  // 1024, the MLP 3 × 4096 × 14336, and 2 × 32 heads × 8192 × 128; then lm_head, 4096 × 128256.
  constexpr std::int64_t per_token =
      32 * (2LL * 4096 * 4096 + 2LL * 4096 * 1024 + 3LL * 4096 * 14336 + 2LL * 32 * 8192 * 128) + 4096LL * 128256;
  STATIC_REQUIRE(macs<llama::llama_3_8b()> == 8192 * per_token);
}

TEST_CASE("decoders: the named models, walked tensor by tensor, give the totals their counts assert",
          "[qwen2][gemma2][phi3][llama][transformers]") {
  // The checks files assert these totals with counts, which describe the repeated layers once; a
  // trace walks every tensor.
  CHECK(trace(llama::llama_3_8b()).parameter_total == 8'030'261'248);
  CHECK(trace(llama::llama_3_70b()).parameter_total == 70'553'706'496);
  CHECK(trace(llama::llama_3_1_405b()).parameter_total == 405'853'388'800);
  CHECK(trace(qwen2::qwen2_5_0_5b()).parameter_total == 494'032'768);
  CHECK(trace(qwen2::qwen2_5_7b()).parameter_total == 7'615'616'512);
  CHECK(trace(qwen2::qwen2_5_72b()).parameter_total == 72'706'203'648);
  CHECK(trace(gemma2::gemma_2_2b()).parameter_total == 2'614'341'888);
  CHECK(trace(gemma2::gemma_2_9b()).parameter_total == 9'241'705'984);
  CHECK(trace(gemma2::gemma_2_27b()).parameter_total == 27'227'128'320);
  CHECK(trace(phi3::phi_3_mini_4k()).parameter_total == 3'821'079'552);
  CHECK(trace(qwen2::qwen2_5_72b()).mac_total == macs<qwen2::qwen2_5_72b()>);
}

namespace {

// A family's ForCausalLM, its base model (Qwen2Model ...) and its sequence classifier, from one
// config: the base model is the causal LM's `model`, at the root; the classifier is the same
// `model` with `score` (num_labels × hidden, no bias) instead of lm_head, and keeps the last token.
// `base` and `classifier` (of 3 labels) have causal_lm's knobs.
template <class CausalLm, class BaseModel, class Classifier>
void check_decoder_classes(const CausalLm& causal_lm, const BaseModel& base_model, const Classifier& classifier_model,
                           std::string_view base_name, std::string_view classifier_name) {
  const auto& config = causal_lm.config;
  const trace_result lm = trace(causal_lm);
  std::vector<std::string> base_lines, classifier_lines;
  for (const auto& line : parameter_lines(lm)) {
    if (line.starts_with("lm_head.")) continue;
    REQUIRE(line.starts_with("model."));
    base_lines.push_back(line.substr(6));
    classifier_lines.push_back(line);
  }
  classifier_lines.push_back(fmt::format("score.weight (3, {})", config.hidden_size));
  const trace_result base = trace(base_model);
  CHECK(BaseModel::type_name == base_name);
  CHECK(parameter_lines(base) == base_lines);
  CHECK(base.output == shape{1, config.max_position_embeddings, config.hidden_size});
  const trace_result classifier = trace(classifier_model);
  CHECK(Classifier::type_name == classifier_name);
  CHECK(parameter_lines(classifier) == classifier_lines);
  CHECK(classifier.output == shape{1, 3});
  CHECK(call_output(classifier, "score") == shape{1, config.max_position_embeddings, 3});
}

}  // namespace

TEST_CASE("decoders: the base models and sequence classifiers are the causal LMs' model, with score for lm_head",
          "[qwen2][gemma2][phi3][llama][mistral][mixtral][deepseek][transformers]") {
  // modeling_qwen2.py (and Gemma2's, Phi3's, Llama's, Mistral's, Mixtral's, DeepSeek's): XForSequenceClassification
  // registers model = XModel(config), then score = nn.Linear(hidden_size, num_labels, bias=False).
  check_decoder_classes(small_qwen2, qwen2::base_model{small_qwen2.config},
                        qwen2::for_sequence_classification{small_qwen2.config, 3}, "Qwen2Model",
                        "Qwen2ForSequenceClassification");
  check_decoder_classes(small_gemma2, gemma2::base_model{small_gemma2.config},
                        gemma2::for_sequence_classification{small_gemma2.config, 3}, "Gemma2Model",
                        "Gemma2ForSequenceClassification");
  check_decoder_classes(small_phi3, phi3::base_model{small_phi3.config},
                        phi3::for_sequence_classification{small_phi3.config, 3}, "Phi3Model",
                        "Phi3ForSequenceClassification");
  constexpr llama::config small_llama{.vocab_size = 99,
                                      .hidden_size = 32,
                                      .intermediate_size = 37,
                                      .num_hidden_layers = 2,
                                      .num_attention_heads = 4,
                                      .num_key_value_heads = 2,
                                      .max_position_embeddings = 16};
  check_decoder_classes(llama::model{small_llama}, llama::base_model{small_llama},
                        llama::for_sequence_classification{small_llama, 3}, "LlamaModel",
                        "LlamaForSequenceClassification");
  check_decoder_classes(mistral::model{small_llama}, mistral::base_model{small_llama},
                        mistral::for_sequence_classification{small_llama, 3}, "MistralModel",
                        "MistralForSequenceClassification");
  // Mixtral's classes have its experts' knobs beside the config (MixtralModel(config) all the same).
  constexpr mixtral::model small_mixtral{small_llama, 2, 3};
  check_decoder_classes(small_mixtral, mixtral::base_model{small_llama, 2, 3},
                        mixtral::for_sequence_classification{small_llama, 2, 3, 3}, "MixtralModel",
                        "MixtralForSequenceClassification");
  // DeepSeek-V3's and V2's: a dense layer and a mixture of 4 routed experts (2 per token), low-rank
  // queries for V3, one q_proj for V2.
  constexpr deepseek::config small_deepseek{.vocab_size = 99,
                                            .hidden_size = 32,
                                            .intermediate_size = 37,
                                            .moe_intermediate_size = 11,
                                            .num_hidden_layers = 2,
                                            .num_attention_heads = 4,
                                            .n_shared_experts = 1,
                                            .n_routed_experts = 4,
                                            .num_experts_per_tok = 2,
                                            .first_k_dense_replace = 1,
                                            .q_lora_rank = 12,
                                            .kv_lora_rank = 10,
                                            .qk_nope_head_dim = 6,
                                            .qk_rope_head_dim = 4,
                                            .v_head_dim = 5,
                                            .max_position_embeddings = 16};
  check_decoder_classes(deepseek::model{small_deepseek}, deepseek::base_model{small_deepseek},
                        deepseek::for_sequence_classification{small_deepseek, 3}, "DeepseekV3Model",
                        "DeepseekV3ForSequenceClassification");
  deepseek::config small_deepseek_v2 = small_deepseek;
  small_deepseek_v2.q_lora_rank = 0;
  check_decoder_classes(deepseek::v2_model{small_deepseek_v2}, deepseek::v2_base_model{small_deepseek_v2},
                        deepseek::v2_for_sequence_classification{small_deepseek_v2, 3}, "DeepseekV2Model",
                        "DeepseekV2ForSequenceClassification");
  // Published totals less lm_head (vocab_size × hidden_size): Mixtral-8x7B's 46,702,792,704 less
  // 32000 × 4096; DeepSeek-V3's 671,026,404,352 less 129280 × 7168, and its classifier adds 2 × 7168.
  STATIC_REQUIRE(parameter_count<mixtral::base_model{mixtral::mixtral_8x7b_v0_1().config}> ==
                 46'702'792'704 - 32000LL * 4096);
  STATIC_REQUIRE(parameter_count<deepseek::base_model{deepseek::deepseek_v3().config}> ==
                 671'026'404'352 - 129280LL * 7168);
  STATIC_REQUIRE(parameter_count<deepseek::for_sequence_classification{deepseek::deepseek_v3().config}> ==
                 671'026'404'352 - 129280LL * 7168 + 2 * 7168);
  // The class defaults are the config class's: MistralConfig()'s, not LlamaConfig()'s.
  STATIC_REQUIRE(mistral::base_model{}.config.intermediate_size == 14336);
  // Qwen/Qwen2.5-7B's card: 6.53B non-embedding parameters; Qwen2Model adds embed_tokens, 152064 × 3584.
  constexpr qwen2::base_model qwen2_5_7b{qwen2::qwen2_5_7b().config};
  STATIC_REQUIRE(parameter_count<qwen2_5_7b> == 6'525'621'760 + 152064LL * 3584);
}

TEST_CASE("decoders: sizes beyond int stop as counts beyond 64 bits do, never wrap", "[gemma2][transformers]") {
  // 2^20 heads of 2^20: q_proj's out_features would be 2^40, which no int holds.
  gemma2::model wide = small_gemma2;
  wide.config.num_attention_heads = 1 << 20;
  wide.config.num_key_value_heads = 1 << 20;
  wide.config.head_dim = 1 << 20;
  CHECK_THROWS_WITH(trace(wide), "archdesc: a size overflows int");
}

}  // namespace decoders_test
