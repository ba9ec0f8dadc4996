// The named models' totals from Hugging Face transformers, for architectures/transformers/llama.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/llama.hpp>

namespace archdesc::llama {

static_assert(tensor_count<llama_2_7b()> == 291 && parameter_count<llama_2_7b()> == 6'738'415'616);
static_assert(tensor_count<llama_2_13b()> == 363 && parameter_count<llama_2_13b()> == 13'015'864'320);
static_assert(tensor_count<llama_2_70b()> == 723 && parameter_count<llama_2_70b()> == 68'976'648'192);
// Meta's model cards (huggingface.co/meta-llama): 8,030,261,248, 70,553,706,496 and 405,853,388,800
// parameters; 2 + 9 per layer tensors, as Llama 2's.
static_assert(tensor_count<llama_3_8b()> == 291 && parameter_count<llama_3_8b()> == 8'030'261'248);
static_assert(tensor_count<llama_3_70b()> == 723 && parameter_count<llama_3_70b()> == 70'553'706'496);
static_assert(tensor_count<llama_3_1_405b()> == 1137 && parameter_count<llama_3_1_405b()> == 405'853'388'800);

}  // namespace archdesc::llama

// The example in the header's top comment, as written there: it must stay true.
namespace llama_hpp {
constexpr auto net = archdesc::llama::llama_2_7b();
static_assert(archdesc::parameter_count<net> == 6'738'415'616);
constexpr auto tied = archdesc::llama::llama_2_7b({.config = {.tie_word_embeddings = true}});
static_assert(tied.config.max_position_embeddings == 4096);  // llama_2_7b sets it: another value does not compile
constexpr archdesc::llama::model tiny{.config = {.vocab_size = 1000,
                                                 .hidden_size = 64,
                                                 .intermediate_size = 176,
                                                 .num_hidden_layers = 2,
                                                 .num_attention_heads = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace llama_hpp
