// The named models' totals from torchvision, for architectures/torchvision/maxvit.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/maxvit.hpp>

namespace archdesc::maxvit {

static_assert(tensor_count<maxvit_t()> == 458 && parameter_count<maxvit_t()> == 30'919'624);

}  // namespace archdesc::maxvit
