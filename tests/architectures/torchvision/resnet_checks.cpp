// The named models' totals from torchvision, for architectures/torchvision/resnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/resnet.hpp>

namespace archdesc::resnet {

static_assert(tensor_count<resnet18()> == 62 && parameter_count<resnet18()> == 11'689'512);
static_assert(tensor_count<resnet34()> == 110 && parameter_count<resnet34()> == 21'797'672);
static_assert(tensor_count<resnet50()> == 161 && parameter_count<resnet50()> == 25'557'032);
static_assert(tensor_count<resnet101()> == 314 && parameter_count<resnet101()> == 44'549'160);
static_assert(tensor_count<resnet152()> == 467 && parameter_count<resnet152()> == 60'192'808);
static_assert(tensor_count<resnext50_32x4d()> == 161 && parameter_count<resnext50_32x4d()> == 25'028'904);
static_assert(tensor_count<resnext101_32x8d()> == 314 && parameter_count<resnext101_32x8d()> == 88'791'336);
static_assert(tensor_count<resnext101_64x4d()> == 314 && parameter_count<resnext101_64x4d()> == 83'455'272);
static_assert(tensor_count<wide_resnet50_2()> == 161 && parameter_count<wide_resnet50_2()> == 68'883'240);
static_assert(tensor_count<wide_resnet101_2()> == 314 && parameter_count<wide_resnet101_2()> == 126'886'696);

}  // namespace archdesc::resnet

// The example in the header's top comment, as written there: it must stay true.
namespace resnet_hpp {
constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::parameter_count<net> == 25'028'904);
using enum archdesc::resnet::block_type;
constexpr archdesc::resnet::model mine{
    .block = bottleneck, .layers = {2, 2, 2, 2}, .num_classes = 37, .groups = 8, .width_per_group = 16};
static_assert(archdesc::valid<mine>);
}  // namespace resnet_hpp
