// The named models' totals from torchvision, for architectures/torchvision/squeezenet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/squeezenet.hpp>

namespace archdesc::squeezenet {

static_assert(tensor_count<squeezenet1_0()> == 52 && parameter_count<squeezenet1_0()> == 1'248'424);
static_assert(tensor_count<squeezenet1_1()> == 52 && parameter_count<squeezenet1_1()> == 1'235'496);

}  // namespace archdesc::squeezenet
