// The named models' totals from torchvision, for architectures/torchvision/googlenet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/googlenet.hpp>

namespace archdesc::googlenet {

static_assert(tensor_count<googlenet()> == 187 && parameter_count<googlenet()> == 13'004'888);

}  // namespace archdesc::googlenet

// The example in the header's top comment, as written there: it must stay true.
namespace googlenet_hpp {
constexpr auto net = archdesc::googlenet::googlenet();
static_assert(archdesc::parameter_count<net> == 13'004'888);
constexpr archdesc::googlenet::model small{.num_classes = 10, .aux_logits = false};
static_assert(archdesc::valid<small>);
}  // namespace googlenet_hpp
