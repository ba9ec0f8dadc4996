// The named models' totals from torchvision, for architectures/torchvision/convnext.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/convnext.hpp>

namespace archdesc::convnext {

static_assert(tensor_count<convnext_tiny()> == 182 && parameter_count<convnext_tiny()> == 28'589'128);
static_assert(tensor_count<convnext_small()> == 344 && parameter_count<convnext_small()> == 50'223'688);
static_assert(tensor_count<convnext_base()> == 344 && parameter_count<convnext_base()> == 88'591'464);
static_assert(tensor_count<convnext_large()> == 344 && parameter_count<convnext_large()> == 197'767'336);

}  // namespace archdesc::convnext
