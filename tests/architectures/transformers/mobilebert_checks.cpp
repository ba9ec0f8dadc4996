// The named models' totals from Hugging Face transformers, for architectures/transformers/mobilebert.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/mobilebert.hpp>

namespace archdesc::mobilebert {

static_assert(tensor_count<mobilebert()> == 1113 && parameter_count<mobilebert()> == 24'844'544);

}  // namespace archdesc::mobilebert
