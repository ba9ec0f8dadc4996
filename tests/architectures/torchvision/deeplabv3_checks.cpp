// The named models' totals from torchvision, for architectures/torchvision/deeplabv3.hpp, and in the
// layout their published weights load into (aux_loss=True), whose total is the num_params of Debian
// torchvision 0.14.1's DeepLabV3_*_Weights.DEFAULT.meta. Checked once, by the project's own build
// (archdesc_family_checks in tests/CMakeLists.txt). Below them, the header's own top-comment
// example, compiled here so that it stays true.
#include <architectures/torchvision/deeplabv3.hpp>

namespace archdesc::deeplabv3 {

static_assert(tensor_count<deeplabv3_resnet50()> == 182 && parameter_count<deeplabv3_resnet50()> == 39'638'869);
static_assert(tensor_count<deeplabv3_resnet101()> == 335 && parameter_count<deeplabv3_resnet101()> == 58'630'997);
static_assert(tensor_count<deeplabv3_mobilenet_v3_large()> == 193 &&
              parameter_count<deeplabv3_mobilenet_v3_large()> == 11'025'477);
// The published weights' layout.
static_assert(tensor_count<deeplabv3_resnet50({.aux_loss = true})> == 187 &&
              parameter_count<deeplabv3_resnet50({.aux_loss = true})> == 42'004'074);
static_assert(tensor_count<deeplabv3_resnet101({.aux_loss = true})> == 340 &&
              parameter_count<deeplabv3_resnet101({.aux_loss = true})> == 60'996'202);
static_assert(tensor_count<deeplabv3_mobilenet_v3_large({.aux_loss = true})> == 198 &&
              parameter_count<deeplabv3_mobilenet_v3_large({.aux_loss = true})> == 11'029'328);

}  // namespace archdesc::deeplabv3

// The example in the header's top comment, as written there: it must stay true.
namespace deeplabv3_hpp {
constexpr auto net = archdesc::deeplabv3::deeplabv3_resnet50();
static_assert(archdesc::parameter_count<net> == 39'638'869);
static_assert(archdesc::parameter_count<archdesc::deeplabv3::deeplabv3_resnet50({.aux_loss = true})> == 42'004'074);
}  // namespace deeplabv3_hpp
