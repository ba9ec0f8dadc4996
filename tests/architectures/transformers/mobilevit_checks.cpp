// The named models' totals from Hugging Face transformers, for architectures/transformers/mobilevit.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/mobilevit.hpp>

namespace archdesc::mobilevit {

static_assert(tensor_count<mobilevit_small()> == 249 && parameter_count<mobilevit_small()> == 4'937'632);
static_assert(tensor_count<mobilevitv2_1_0()> == 192 && parameter_count<mobilevitv2_1_0()> == 4'388'841);

}  // namespace archdesc::mobilevit

// The example in the header's top comment, as written there: it must stay true.
namespace mobilevit_hpp {
constexpr auto net = archdesc::mobilevit::mobilevit_small();
static_assert(archdesc::parameter_count<net> == 4'937'632);
constexpr auto larger_input = archdesc::mobilevit::mobilevit_small({.config = {.image_size = 512}});
static_assert(archdesc::valid<larger_input>);
constexpr archdesc::mobilevit::model tiny{
    .config = {.hidden_sizes = {32, 48, 64}, .neck_hidden_sizes = {16, 16, 24, 32, 40, 48, 96}}};
static_assert(archdesc::valid<tiny>);
}  // namespace mobilevit_hpp
