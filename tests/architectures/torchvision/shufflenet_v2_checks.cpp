// The named models' totals from torchvision, for architectures/torchvision/shufflenet_v2.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/shufflenet_v2.hpp>

namespace archdesc::shufflenet_v2 {

static_assert(tensor_count<shufflenet_v2_x0_5()> == 170 && parameter_count<shufflenet_v2_x0_5()> == 1'366'792);
static_assert(tensor_count<shufflenet_v2_x1_0()> == 170 && parameter_count<shufflenet_v2_x1_0()> == 2'278'604);
static_assert(tensor_count<shufflenet_v2_x1_5()> == 170 && parameter_count<shufflenet_v2_x1_5()> == 3'503'624);
static_assert(tensor_count<shufflenet_v2_x2_0()> == 170 && parameter_count<shufflenet_v2_x2_0()> == 7'393'996);

}  // namespace archdesc::shufflenet_v2
