// The named models' totals from torchvision, for architectures/torchvision/efficientnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/efficientnet.hpp>

namespace archdesc::efficientnet {

static_assert(tensor_count<efficientnet_b0()> == 213 && parameter_count<efficientnet_b0()> == 5'288'548);
static_assert(tensor_count<efficientnet_b1()> == 301 && parameter_count<efficientnet_b1()> == 7'794'184);
static_assert(tensor_count<efficientnet_b2()> == 301 && parameter_count<efficientnet_b2()> == 9'109'994);
static_assert(tensor_count<efficientnet_b3()> == 340 && parameter_count<efficientnet_b3()> == 12'233'232);
static_assert(tensor_count<efficientnet_b4()> == 418 && parameter_count<efficientnet_b4()> == 19'341'616);
static_assert(tensor_count<efficientnet_b5()> == 506 && parameter_count<efficientnet_b5()> == 30'389'784);
static_assert(tensor_count<efficientnet_b6()> == 584 && parameter_count<efficientnet_b6()> == 43'040'704);
static_assert(tensor_count<efficientnet_b7()> == 711 && parameter_count<efficientnet_b7()> == 66'347'960);
static_assert(tensor_count<efficientnet_v2_s()> == 452 && parameter_count<efficientnet_v2_s()> == 21'458'488);
static_assert(tensor_count<efficientnet_v2_m()> == 649 && parameter_count<efficientnet_v2_m()> == 54'139'356);
static_assert(tensor_count<efficientnet_v2_l()> == 897 && parameter_count<efficientnet_v2_l()> == 118'515'272);

}  // namespace archdesc::efficientnet

// The example in the header's top comment, as written there: it must stay true.
namespace efficientnet_hpp {
constexpr auto net = archdesc::efficientnet::efficientnet_b0();
static_assert(archdesc::parameter_count<net> == 5'288'548);
constexpr auto mine = archdesc::efficientnet::efficientnet_v1(0.5, 0.5, {.num_classes = 10});  // width, depth
static_assert(archdesc::valid<mine>);
}  // namespace efficientnet_hpp
