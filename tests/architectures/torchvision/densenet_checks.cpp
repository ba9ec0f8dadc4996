// The named models' totals from torchvision, for architectures/torchvision/densenet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/densenet.hpp>

namespace archdesc::densenet {

static_assert(tensor_count<densenet121()> == 364 && parameter_count<densenet121()> == 7'978'856);
static_assert(tensor_count<densenet161()> == 484 && parameter_count<densenet161()> == 28'681'000);
static_assert(tensor_count<densenet169()> == 508 && parameter_count<densenet169()> == 14'149'480);
static_assert(tensor_count<densenet201()> == 604 && parameter_count<densenet201()> == 20'013'928);

}  // namespace archdesc::densenet

// The example in the header's top comment, as written there: it must stay true.
namespace densenet_hpp {
constexpr auto net = archdesc::densenet::densenet121();
static_assert(archdesc::parameter_count<net> == 7'978'856);
constexpr archdesc::densenet::model small{.growth_rate = 12, .block_config = {3, 6, 9}, .num_classes = 10};
static_assert(archdesc::valid<small>);
}  // namespace densenet_hpp
