// The named models' totals from torchvision, for architectures/torchvision/shufflenet_v2.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/shufflenet_v2.hpp>

namespace archdesc::shufflenet_v2 {

static_assert(tensor_count<shufflenet_v2_x0_5()> == 170 && parameter_count<shufflenet_v2_x0_5()> == 1'366'792);
static_assert(tensor_count<shufflenet_v2_x1_0()> == 170 && parameter_count<shufflenet_v2_x1_0()> == 2'278'604);
static_assert(tensor_count<shufflenet_v2_x1_5()> == 170 && parameter_count<shufflenet_v2_x1_5()> == 3'503'624);
static_assert(tensor_count<shufflenet_v2_x2_0()> == 170 && parameter_count<shufflenet_v2_x2_0()> == 7'393'996);

}  // namespace archdesc::shufflenet_v2

// The example in the header's top comment, as written there: it must stay true.
namespace shufflenet_v2_hpp {
constexpr auto net = archdesc::shufflenet_v2::shufflenet_v2_x1_0();
static_assert(archdesc::parameter_count<net> == 2'278'604);
constexpr archdesc::shufflenet_v2::model mine{.stages_repeats = {2, 4, 2},
                                              .stages_out_channels = {16, 64, 128, 256, 512}};
static_assert(archdesc::valid<mine>);
}  // namespace shufflenet_v2_hpp
