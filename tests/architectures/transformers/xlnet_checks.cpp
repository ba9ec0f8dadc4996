// The named models' totals from Hugging Face transformers, for architectures/transformers/xlnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/xlnet.hpp>

namespace archdesc::xlnet {

static_assert(tensor_count<xlnet_base_cased()> == 210 && parameter_count<xlnet_base_cased()> == 117'310'466);

}  // namespace archdesc::xlnet
