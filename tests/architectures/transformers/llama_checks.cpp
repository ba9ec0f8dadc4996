// The named models' totals from Hugging Face transformers, for architectures/transformers/llama.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/llama.hpp>

namespace archdesc::llama {

static_assert(tensor_count<llama_2_7b()> == 291 && parameter_count<llama_2_7b()> == 6'738'415'616);
static_assert(tensor_count<llama_2_13b()> == 363 && parameter_count<llama_2_13b()> == 13'015'864'320);
static_assert(tensor_count<llama_2_70b()> == 723 && parameter_count<llama_2_70b()> == 68'976'648'192);

}  // namespace archdesc::llama
