// The named models' totals from Hugging Face transformers, for architectures/transformers/mobilevit.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/mobilevit.hpp>

namespace archdesc::mobilevit {

static_assert(tensor_count<mobilevit_small()> == 249 && parameter_count<mobilevit_small()> == 4'937'632);
static_assert(tensor_count<mobilevitv2_1_0()> == 192 && parameter_count<mobilevitv2_1_0()> == 4'388'841);

}  // namespace archdesc::mobilevit
