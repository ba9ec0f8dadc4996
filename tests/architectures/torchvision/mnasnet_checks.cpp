// The named models' totals from torchvision, for architectures/torchvision/mnasnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/mnasnet.hpp>

namespace archdesc::mnasnet {

static_assert(tensor_count<mnasnet0_5()> == 158 && parameter_count<mnasnet0_5()> == 2'218'512);
static_assert(tensor_count<mnasnet0_75()> == 158 && parameter_count<mnasnet0_75()> == 3'170'208);
static_assert(tensor_count<mnasnet1_0()> == 158 && parameter_count<mnasnet1_0()> == 4'383'312);
static_assert(tensor_count<mnasnet1_3()> == 158 && parameter_count<mnasnet1_3()> == 6'282'256);

}  // namespace archdesc::mnasnet

// The example in the header's top comment, as written there: it must stay true.
namespace mnasnet_hpp {
constexpr auto net = archdesc::mnasnet::mnasnet1_0();
static_assert(archdesc::parameter_count<net> == 4'383'312);
constexpr archdesc::mnasnet::model slim{.alpha = 0.35, .num_classes = 10};
static_assert(archdesc::valid<slim>);
}  // namespace mnasnet_hpp
