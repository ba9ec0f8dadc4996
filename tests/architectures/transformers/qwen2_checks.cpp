// The named models' totals, for architectures/transformers/qwen2.hpp: the parameter counts of the
// Qwen2.5 model cards and of Hugging Face's safetensors metadata for Qwen/Qwen2.5-0.5B (494,032,768:
// "0.49B"), Qwen2.5-7B (7,615,616,512: "7.61B") and Qwen2.5-72B (72,706,203,648: "72.7B").
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt); a wrong
// total fails the build. Below them, the header's own top-comment example, compiled here so that it
// stays true.
#include <architectures/transformers/qwen2.hpp>

namespace archdesc::qwen2 {

// Tensors: embed_tokens, norm, lm_head unless tied, and per layer 4 projections, 3 biases, 3 MLP
// matrices and 2 norms.
static_assert(tensor_count<qwen2_5_0_5b()> == 2 + 24 * 12 && parameter_count<qwen2_5_0_5b()> == 494'032'768);
static_assert(tensor_count<qwen2_5_7b()> == 3 + 28 * 12 && parameter_count<qwen2_5_7b()> == 7'615'616'512);
static_assert(tensor_count<qwen2_5_72b()> == 3 + 80 * 12 && parameter_count<qwen2_5_72b()> == 72'706'203'648);

}  // namespace archdesc::qwen2

// The example in the header's top comment, as written there: it must stay true.
namespace qwen2_hpp {
constexpr auto net = archdesc::qwen2::qwen2_5_7b();
static_assert(archdesc::parameter_count<net> == 7'615'616'512);
constexpr auto small_context = archdesc::qwen2::qwen2_5_7b({.config = {.max_position_embeddings = 4096}});
static_assert(small_context.config.num_key_value_heads == 4);
constexpr archdesc::qwen2::model tiny{.config = {.vocab_size = 1000,
                                                 .hidden_size = 64,
                                                 .intermediate_size = 176,
                                                 .num_hidden_layers = 2,
                                                 .num_attention_heads = 4,
                                                 .num_key_value_heads = 2}};
static_assert(archdesc::valid<tiny>);
}  // namespace qwen2_hpp
