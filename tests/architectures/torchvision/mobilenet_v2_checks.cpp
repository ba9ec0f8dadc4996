// The named models' totals from torchvision, for architectures/torchvision/mobilenet_v2.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/mobilenet_v2.hpp>

namespace archdesc::mobilenet_v2 {

static_assert(tensor_count<mobilenet_v2()> == 158);
static_assert(parameter_count<mobilenet_v2()> == 3'504'872);

}  // namespace archdesc::mobilenet_v2
