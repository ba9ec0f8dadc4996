// The named models' totals from torchvision, for architectures/torchvision/maxvit.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/maxvit.hpp>

namespace archdesc::maxvit {

static_assert(tensor_count<maxvit_t()> == 458 && parameter_count<maxvit_t()> == 30'919'624);

}  // namespace archdesc::maxvit

// The example in the header's top comment, as written there: it must stay true.
namespace maxvit_hpp {
constexpr auto net = archdesc::maxvit::maxvit_t();
static_assert(archdesc::parameter_count<net> == 30'919'624);
constexpr archdesc::maxvit::model small{.block_channels = {32, 64}, .block_layers = {1, 2}, .num_classes = 10};
static_assert(archdesc::valid<small>);
}  // namespace maxvit_hpp
