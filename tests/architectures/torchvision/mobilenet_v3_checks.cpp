// The named models' totals from torchvision, for architectures/torchvision/mobilenet_v3.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/mobilenet_v3.hpp>

namespace archdesc::mobilenet_v3 {

static_assert(tensor_count<mobilenet_v3_large()> == 174 && parameter_count<mobilenet_v3_large()> == 5'483'032);
static_assert(tensor_count<mobilenet_v3_small()> == 142 && parameter_count<mobilenet_v3_small()> == 2'542'856);

}  // namespace archdesc::mobilenet_v3
