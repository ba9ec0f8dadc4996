// The named models' totals from Hugging Face transformers, for architectures/transformers/openai_gpt.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/openai_gpt.hpp>

namespace archdesc::openai_gpt {

static_assert(tensor_count<openai_gpt()> == 146 && parameter_count<openai_gpt()> == 116'534'784);

}  // namespace archdesc::openai_gpt
