// The named models' totals from Hugging Face transformers, for architectures/transformers/gpt2.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/gpt2.hpp>

namespace archdesc::gpt2 {

static_assert(tensor_count<gpt2()> == 148 && parameter_count<gpt2()> == 124'439'808);
static_assert(tensor_count<gpt2_for_sequence_classification()> == 149 &&
              parameter_count<gpt2_for_sequence_classification()> == 124'441'344);
static_assert(tensor_count<gpt3_175b()> == 1156 && parameter_count<gpt3_175b()> == 174'604'259'328);
// GPT2LMHeadModel(GPT2Config()), the gpt2 checkpoint's class: lm_head is tied to wte, so its
// parameters are GPT2Model's, the 124,439,808 ("124M") of the gpt2 model card's safetensors metadata.
static_assert(tensor_count<lm_head_model{}> == 148 && parameter_count<lm_head_model{}> == 124'439'808);

}  // namespace archdesc::gpt2

// The example in the header's top comment, as written there: it must stay true.
namespace gpt2_hpp {
constexpr auto net = archdesc::gpt2::gpt2();
static_assert(archdesc::parameter_count<net> == 124'439'808);
constexpr auto wide_vocab = archdesc::gpt2::gpt3_175b({.config = {.vocab_size = 100'000}});
static_assert(wide_vocab.config.n_embd == 12288);
constexpr archdesc::gpt2::model tiny{
    .config = {.vocab_size = 1000, .n_positions = 64, .n_embd = 64, .n_layer = 2, .n_head = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace gpt2_hpp
