// The named models' totals from torchvision, for architectures/torchvision/inception.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/inception.hpp>

namespace archdesc::inception {

static_assert(tensor_count<inception_v3()> == 292 && parameter_count<inception_v3()> == 27'161'264);

}  // namespace archdesc::inception

// The example in the header's top comment, as written there: it must stay true.
namespace inception_hpp {
constexpr auto net = archdesc::inception::inception_v3();
static_assert(archdesc::parameter_count<net> == 27'161'264);
constexpr archdesc::inception::model small{.num_classes = 10, .aux_logits = false, .input = {3, 75, 75}};
static_assert(archdesc::valid<small>);
}  // namespace inception_hpp
