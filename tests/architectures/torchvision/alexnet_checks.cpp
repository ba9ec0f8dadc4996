// The named models' totals from torchvision, for architectures/torchvision/alexnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/alexnet.hpp>

namespace archdesc::alexnet {

static_assert(tensor_count<alexnet()> == 16 && parameter_count<alexnet()> == 61'100'840);

}  // namespace archdesc::alexnet

// The example in the header's top comment, as written there: it must stay true.
namespace alexnet_hpp {
constexpr auto net = archdesc::alexnet::alexnet();
static_assert(archdesc::parameter_count<net> == 61'100'840);
constexpr archdesc::alexnet::model small{.num_classes = 10, .input = {3, 128, 128}};
static_assert(archdesc::valid<small>);
}  // namespace alexnet_hpp
