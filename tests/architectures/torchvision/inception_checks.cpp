// The named models' totals from torchvision, for architectures/torchvision/inception.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/inception.hpp>

namespace archdesc::inception {

static_assert(tensor_count<inception_v3()> == 292 && parameter_count<inception_v3()> == 27'161'264);

}  // namespace archdesc::inception
