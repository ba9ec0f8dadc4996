// The named models' totals from torchvision, for architectures/torchvision/mobilenet_v2.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/mobilenet_v2.hpp>

namespace archdesc::mobilenet_v2 {

static_assert(tensor_count<mobilenet_v2()> == 158);
static_assert(parameter_count<mobilenet_v2()> == 3'504'872);

}  // namespace archdesc::mobilenet_v2

// The example in the header's top comment, as written there: it must stay true.
namespace mobilenet_v2_hpp {
constexpr auto net = archdesc::mobilenet_v2::mobilenet_v2();
static_assert(archdesc::parameter_count<net> == 3'504'872);
constexpr archdesc::mobilenet_v2::model slim{.num_classes = 10, .width_mult = 0.35};
static_assert(archdesc::valid<slim>);
}  // namespace mobilenet_v2_hpp
