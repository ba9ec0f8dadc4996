// The named models' totals from Hugging Face transformers, for architectures/transformers/mistral.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/mistral.hpp>

namespace archdesc::mistral {

static_assert(tensor_count<mistral_7b_v0_1()> == 291 && parameter_count<mistral_7b_v0_1()> == 7'241'732'096);

}  // namespace archdesc::mistral
