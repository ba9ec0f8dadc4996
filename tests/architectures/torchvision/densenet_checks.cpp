// The named models' totals from torchvision, for architectures/torchvision/densenet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/densenet.hpp>

namespace archdesc::densenet {

static_assert(tensor_count<densenet121()> == 364 && parameter_count<densenet121()> == 7'978'856);
static_assert(tensor_count<densenet161()> == 484 && parameter_count<densenet161()> == 28'681'000);
static_assert(tensor_count<densenet169()> == 508 && parameter_count<densenet169()> == 14'149'480);
static_assert(tensor_count<densenet201()> == 604 && parameter_count<densenet201()> == 20'013'928);

}  // namespace archdesc::densenet
