// The named models' totals from torchvision, for architectures/torchvision/mobilenet_v3.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/mobilenet_v3.hpp>

namespace archdesc::mobilenet_v3 {

static_assert(tensor_count<mobilenet_v3_large()> == 174 && parameter_count<mobilenet_v3_large()> == 5'483'032);
static_assert(tensor_count<mobilenet_v3_small()> == 142 && parameter_count<mobilenet_v3_small()> == 2'542'856);

}  // namespace archdesc::mobilenet_v3

// The example in the header's top comment, as written there: it must stay true.
namespace mobilenet_v3_hpp {
constexpr auto net = archdesc::mobilenet_v3::mobilenet_v3_large();
static_assert(archdesc::parameter_count<net> == 5'483'032);
constexpr auto slim = archdesc::mobilenet_v3::mobilenet_v3_small({.width_mult = 0.75, .num_classes = 10});
static_assert(archdesc::valid<slim>);
}  // namespace mobilenet_v3_hpp
