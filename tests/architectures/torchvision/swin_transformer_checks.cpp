// The named models' totals from torchvision, for architectures/torchvision/swin_transformer.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/torchvision/swin_transformer.hpp>

namespace archdesc::swin_transformer {

static_assert(tensor_count<swin_t()> == 173 && parameter_count<swin_t()> == 28'288'354);
static_assert(tensor_count<swin_s()> == 329 && parameter_count<swin_s()> == 49'606'258);
static_assert(tensor_count<swin_b()> == 329 && parameter_count<swin_b()> == 87'768'224);
static_assert(tensor_count<swin_v2_t()> == 209 && parameter_count<swin_v2_t()> == 28'351'570);
static_assert(tensor_count<swin_v2_s()> == 401 && parameter_count<swin_v2_s()> == 49'737'442);
static_assert(tensor_count<swin_v2_b()> == 401 && parameter_count<swin_v2_b()> == 87'930'848);

}  // namespace archdesc::swin_transformer
