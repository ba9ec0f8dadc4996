// The named models' totals from torchvision, for architectures/torchvision/swin_transformer.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/swin_transformer.hpp>

namespace archdesc::swin_transformer {

static_assert(tensor_count<swin_t()> == 173 && parameter_count<swin_t()> == 28'288'354);
static_assert(tensor_count<swin_s()> == 329 && parameter_count<swin_s()> == 49'606'258);
static_assert(tensor_count<swin_b()> == 329 && parameter_count<swin_b()> == 87'768'224);
static_assert(tensor_count<swin_v2_t()> == 209 && parameter_count<swin_v2_t()> == 28'351'570);
static_assert(tensor_count<swin_v2_s()> == 401 && parameter_count<swin_v2_s()> == 49'737'442);
static_assert(tensor_count<swin_v2_b()> == 401 && parameter_count<swin_v2_b()> == 87'930'848);

}  // namespace archdesc::swin_transformer

// The example in the header's top comment, as written there: it must stay true.
namespace swin_transformer_hpp {
constexpr auto net = archdesc::swin_transformer::swin_t();
static_assert(archdesc::parameter_count<net> == 28'288'354);
constexpr archdesc::swin_transformer::model mine{
    .embed_dim = 64, .depths = {2, 2, 2}, .num_heads = {2, 4, 8}, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace swin_transformer_hpp
