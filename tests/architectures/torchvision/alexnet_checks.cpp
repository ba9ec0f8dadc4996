// The named models' totals from torchvision, for architectures/torchvision/alexnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/alexnet.hpp>

namespace archdesc::alexnet {

static_assert(tensor_count<alexnet()> == 16 && parameter_count<alexnet()> == 61'100'840);

}  // namespace archdesc::alexnet
