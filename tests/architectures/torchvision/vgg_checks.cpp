// The named models' totals from torchvision, for architectures/torchvision/vgg.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/vgg.hpp>

namespace archdesc::vgg {

static_assert(tensor_count<vgg11()> == 22 && parameter_count<vgg11()> == 132'863'336);
static_assert(tensor_count<vgg11_bn()> == 38 && parameter_count<vgg11_bn()> == 132'868'840);
static_assert(tensor_count<vgg13()> == 26 && parameter_count<vgg13()> == 133'047'848);
static_assert(tensor_count<vgg13_bn()> == 46 && parameter_count<vgg13_bn()> == 133'053'736);
static_assert(tensor_count<vgg16()> == 32 && parameter_count<vgg16()> == 138'357'544);
static_assert(tensor_count<vgg16_bn()> == 58 && parameter_count<vgg16_bn()> == 138'365'992);
static_assert(tensor_count<vgg19()> == 38 && parameter_count<vgg19()> == 143'667'240);
static_assert(tensor_count<vgg19_bn()> == 70 && parameter_count<vgg19_bn()> == 143'678'248);

}  // namespace archdesc::vgg

// The example in the header's top comment, as written there: it must stay true.
namespace vgg_hpp {
constexpr auto net = archdesc::vgg::vgg16_bn();
static_assert(archdesc::parameter_count<net> == 138'365'992);
constexpr archdesc::vgg::model mine{
    .cfg = {64, archdesc::vgg::M, 512, archdesc::vgg::M}, .batch_norm = true, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace vgg_hpp
