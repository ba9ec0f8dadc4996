// The named models' totals, for architectures/transformers/gemma2.hpp: the parameter counts of
// Hugging Face's safetensors metadata for google/gemma-2-2b (2,614,341,888: "2.61B"), gemma-2-9b
// (9,241,705,984: "9.24B") and gemma-2-27b (27,227,128,320: "27.2B"). Checked once, by the project's
// own build (archdesc_family_checks in tests/CMakeLists.txt); a wrong total fails the build. Below
// them, the header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/gemma2.hpp>

namespace archdesc::gemma2 {

// Tensors: embed_tokens (tied to lm_head), norm, and per layer 4 projections, 3 MLP matrices and 4 norms.
static_assert(tensor_count<gemma_2_2b()> == 2 + 26 * 11 && parameter_count<gemma_2_2b()> == 2'614'341'888);
static_assert(tensor_count<gemma_2_9b()> == 2 + 42 * 11 && parameter_count<gemma_2_9b()> == 9'241'705'984);
static_assert(tensor_count<gemma_2_27b()> == 2 + 46 * 11 && parameter_count<gemma_2_27b()> == 27'227'128'320);

}  // namespace archdesc::gemma2

// The example in the header's top comment, as written there: it must stay true.
namespace gemma2_hpp {
constexpr auto net = archdesc::gemma2::gemma_2_9b();
static_assert(archdesc::parameter_count<net> == 9'241'705'984);
constexpr auto short_context = archdesc::gemma2::gemma_2_9b({.config = {.max_position_embeddings = 1024}});
static_assert(short_context.config.head_dim == 256);
constexpr archdesc::gemma2::model tiny{.config = {.vocab_size = 1000,
                                                  .hidden_size = 64,
                                                  .intermediate_size = 176,
                                                  .num_hidden_layers = 2,
                                                  .num_attention_heads = 4,
                                                  .num_key_value_heads = 2,
                                                  .head_dim = 32}};
static_assert(archdesc::valid<tiny>);
}  // namespace gemma2_hpp
