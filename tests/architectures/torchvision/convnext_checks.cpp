// The named models' totals from torchvision, for architectures/torchvision/convnext.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/convnext.hpp>

namespace archdesc::convnext {

static_assert(tensor_count<convnext_tiny()> == 182 && parameter_count<convnext_tiny()> == 28'589'128);
static_assert(tensor_count<convnext_small()> == 344 && parameter_count<convnext_small()> == 50'223'688);
static_assert(tensor_count<convnext_base()> == 344 && parameter_count<convnext_base()> == 88'591'464);
static_assert(tensor_count<convnext_large()> == 344 && parameter_count<convnext_large()> == 197'767'336);

}  // namespace archdesc::convnext

// The example in the header's top comment, as written there: it must stay true.
namespace convnext_hpp {
constexpr auto net = archdesc::convnext::convnext_tiny();
static_assert(archdesc::parameter_count<net> == 28'589'128);
constexpr archdesc::convnext::model mine{.block_setting = {{64, 128, 2}, {128, 0, 2}}, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace convnext_hpp
