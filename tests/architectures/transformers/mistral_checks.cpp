// The named models' totals from Hugging Face transformers, for architectures/transformers/mistral.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/mistral.hpp>

namespace archdesc::mistral {

static_assert(tensor_count<mistral_7b_v0_1()> == 291 && parameter_count<mistral_7b_v0_1()> == 7'241'732'096);

}  // namespace archdesc::mistral

// The example in the header's top comment, as written there: it must stay true.
namespace mistral_hpp {
constexpr auto net = archdesc::mistral::mistral_7b_v0_1();
static_assert(archdesc::parameter_count<net> == 7'241'732'096);
constexpr auto big_vocab = archdesc::mistral::mistral_7b_v0_1({.config = {.vocab_size = 32768}});
static_assert(big_vocab.config.intermediate_size == 14336);
constexpr archdesc::mistral::model tiny{.config = {.vocab_size = 1000,
                                                   .hidden_size = 64,
                                                   .intermediate_size = 224,
                                                   .num_hidden_layers = 2,
                                                   .num_attention_heads = 4,
                                                   .num_key_value_heads = 1}};
static_assert(archdesc::valid<tiny>);
}  // namespace mistral_hpp
