// The named model's totals, for architectures/transformers/phi3.hpp: the parameter count of Hugging
// Face's safetensors metadata for microsoft/Phi-3-mini-4k-instruct (3,821,079,552: "3.82B"; the
// model card's "3.8B"). Checked once, by the project's own build (archdesc_family_checks in
// tests/CMakeLists.txt); a wrong total fails the build. Below it, the header's own top-comment
// example, compiled here so that it stays true.
#include <architectures/transformers/phi3.hpp>

namespace archdesc::phi3 {

// Tensors: embed_tokens, norm, lm_head, and per layer qkv_proj, o_proj, gate_up_proj, down_proj and 2 norms.
static_assert(tensor_count<phi_3_mini_4k()> == 3 + 32 * 6 && parameter_count<phi_3_mini_4k()> == 3'821'079'552);

}  // namespace archdesc::phi3

// The example in the header's top comment, as written there: it must stay true.
namespace phi3_hpp {
constexpr auto net = archdesc::phi3::phi_3_mini_4k();
static_assert(archdesc::parameter_count<net> == 3'821'079'552);
constexpr archdesc::phi3::model tiny{.config = {.vocab_size = 1000,
                                                .hidden_size = 64,
                                                .intermediate_size = 176,
                                                .num_hidden_layers = 2,
                                                .num_attention_heads = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace phi3_hpp
