// The named models' totals from torchvision, for architectures/torchvision/mnasnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/mnasnet.hpp>

namespace archdesc::mnasnet {

static_assert(tensor_count<mnasnet0_5()> == 158 && parameter_count<mnasnet0_5()> == 2'218'512);
static_assert(tensor_count<mnasnet0_75()> == 158 && parameter_count<mnasnet0_75()> == 3'170'208);
static_assert(tensor_count<mnasnet1_0()> == 158 && parameter_count<mnasnet1_0()> == 4'383'312);
static_assert(tensor_count<mnasnet1_3()> == 158 && parameter_count<mnasnet1_3()> == 6'282'256);

}  // namespace archdesc::mnasnet
