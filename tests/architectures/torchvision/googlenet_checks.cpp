// The named models' totals from torchvision, for architectures/torchvision/googlenet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/googlenet.hpp>

namespace archdesc::googlenet {

static_assert(tensor_count<googlenet()> == 187 && parameter_count<googlenet()> == 13'004'888);

}  // namespace archdesc::googlenet
