// <archdesc/memory.hpp> against its sources' own figures: the ZeRO paper's example, Llama 2's
// key-value caches, and Korthikanti et al.'s table 2 on GPT-3 175B's shape. Each is a static_assert:
// the functions are constexpr, so a build can check that a model fits.
#include <archdesc/memory.hpp>
#include <architectures/transformers/deepseek.hpp>
#include <architectures/transformers/gpt2.hpp>
#include <architectures/transformers/llama.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

namespace memory_test {

namespace {

using archdesc::GiB;
using archdesc::precision;

// ZeRO (Rajbhandari et al., 2020), section 5: 7.5 B parameters with mixed-precision Adam on 64
// devices need 120 GB, 31.4 GB, 16.6 GB and 1.9 GB per device: baseline, stages 1, 2 and 3.
constexpr std::int64_t zero_example(int stage) {
  return archdesc::model_states_per_device(7'500'000'000, precision::fp16, archdesc::optimizer::adam,
                                           {.zero_stage = stage, .devices = 64});
}
static_assert(zero_example(0) == 120'000'000'000);
static_assert(zero_example(1) == 31'406'250'000);  // 4Ψ + 12Ψ/64
static_assert(zero_example(2) == 16'640'625'000);  // 2Ψ + 14Ψ/64
static_assert(zero_example(3) == 1'875'000'000);   // 16Ψ/64
static_assert(archdesc::model_state_bytes_per_parameter(precision::bf16, archdesc::optimizer::adam).total() == 16);
static_assert(archdesc::model_state_bytes_per_parameter(precision::fp32, archdesc::optimizer::adam).total() == 16);
static_assert(archdesc::model_state_bytes_per_parameter(precision::bf16, archdesc::optimizer::sgd).total() == 8);

// Llama 2's caches at 4096 tokens in fp16: 7B has 32 key-value heads, 70B 8 (grouped-query attention).
constexpr archdesc::workload full_context{.batch = 1, .sequence = 4096};
static_assert(archdesc::kv_cache_bytes(archdesc::llama::geometry_of(archdesc::llama::llama_2_7b().config), full_context,
                                       precision::fp16) == 2 * GiB);
static_assert(archdesc::kv_cache_bytes(archdesc::llama::geometry_of(archdesc::llama::llama_2_70b().config),
                                       full_context, precision::fp16) == 5 * GiB / 4);
// Multi-head latent attention caches its latent and rotary key (DeepSeek-V2: 512 + 64): DeepSeek-V3's
// 61 layers at 4096 tokens in bf16.
static_assert(archdesc::latent_cache_per_token(512, 64) == 576);
static_assert(archdesc::kv_cache_bytes(archdesc::deepseek::geometry_of(archdesc::deepseek::deepseek_v3().config),
                                       full_context, precision::bf16) == std::int64_t{61} * 576 * 4096 * 2);

// Korthikanti et al. 2022, table 2, on GPT-3 175B: s = 2048, h = 12288, a = 96, 96 layers.
constexpr archdesc::transformer_geometry gpt3 = archdesc::gpt2::geometry_of(archdesc::gpt2::gpt3_175b().config);
static_assert(gpt3.layers == 96 && gpt3.hidden_size == 12288 && gpt3.attention_heads == 96);
constexpr archdesc::workload gpt3_sequence{.batch = 1, .sequence = 2048};
constexpr std::int64_t sbh = std::int64_t{2048} * 12288;
constexpr std::int64_t layer(archdesc::activation_options options) {
  return archdesc::layer_activation_bytes(gpt3, gpt3_sequence, precision::bf16, options);
}
using archdesc::recompute;
static_assert(layer({}) == sbh * (34 + 5 * 96 * 2048 / 12288));  // sbh(34 + 5as/h): 5as/h = 80
static_assert(layer({.tensor_parallel = 8}) == sbh * (10 + 24 / 8 + 80 / 8));
static_assert(layer({.tensor_parallel = 8, .sequence_parallel = true}) == sbh * (34 + 80) / 8);
static_assert(layer({.tensor_parallel = 8, .recompute = recompute::selective}) == sbh * (10 + 24 / 8));
static_assert(layer({.tensor_parallel = 8, .sequence_parallel = true, .recompute = recompute::selective}) ==
              sbh * 34 / 8);
static_assert(layer({.recompute = recompute::full}) == 2 * sbh);
static_assert(archdesc::activation_bytes(gpt3, gpt3_sequence, precision::bf16) == 96 * sbh * 114);

// The fewest devices that fit: ZeRO-3 spreads all 120 GB, so 2 devices of 80 GB hold them, and 64
// devices of 1.875 GB, but no count up to 64 of one byte less.
constexpr auto zero_3_on = [](std::int64_t devices) {
  return archdesc::model_states_per_device(7'500'000'000, precision::fp16, archdesc::optimizer::adam,
                                           {.zero_stage = 3, .devices = devices});
};
static_assert(archdesc::fewest_devices(80'000'000'000, 64, zero_3_on) == 2);
static_assert(archdesc::fewest_devices(1'875'000'000, 64, zero_3_on) == 64);
static_assert(archdesc::fewest_devices(1'874'999'999, 64, zero_3_on) == 0);

// int4 packs two values a byte.
static_assert(archdesc::bytes_of(7, precision::int4) == 4 && archdesc::bytes_of(7, precision::fp8) == 7);

}  // namespace

TEST_CASE("memory figures refuse what they do not model", "[memory]") {
  CHECK_THROWS_AS(archdesc::model_state_bytes_per_parameter(precision::int8, archdesc::optimizer::adam),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      archdesc::model_states_per_device(1000, precision::bf16, archdesc::optimizer::adam, {.zero_stage = 4}),
      std::invalid_argument);
  CHECK_THROWS_AS(
      archdesc::kv_cache_bytes(gpt3, {.batch = std::int64_t{1} << 40, .sequence = 1 << 30}, precision::fp32),
      std::overflow_error);
}

}  // namespace memory_test
