// The named models' totals from Hugging Face transformers, for architectures/transformers/openai_gpt.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/openai_gpt.hpp>

namespace archdesc::openai_gpt {

static_assert(tensor_count<openai_gpt()> == 146 && parameter_count<openai_gpt()> == 116'534'784);

}  // namespace archdesc::openai_gpt

// The example in the header's top comment, as written there: it must stay true.
namespace openai_gpt_hpp {
constexpr auto net = archdesc::openai_gpt::openai_gpt();
static_assert(archdesc::parameter_count<net> == 116'534'784);
constexpr auto shallow = archdesc::openai_gpt::openai_gpt({.config = {.n_layer = 2}});
static_assert(archdesc::valid<shallow>);
constexpr archdesc::openai_gpt::model tiny{
    .config = {.vocab_size = 1000, .n_positions = 64, .n_embd = 64, .n_layer = 2, .n_head = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace openai_gpt_hpp
