// The named models' totals from torchvision, for architectures/torchvision/squeezenet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/squeezenet.hpp>

namespace archdesc::squeezenet {

static_assert(tensor_count<squeezenet1_0()> == 52 && parameter_count<squeezenet1_0()> == 1'248'424);
static_assert(tensor_count<squeezenet1_1()> == 52 && parameter_count<squeezenet1_1()> == 1'235'496);

}  // namespace archdesc::squeezenet

// The example in the header's top comment, as written there: it must stay true.
namespace squeezenet_hpp {
constexpr auto net = archdesc::squeezenet::squeezenet1_1();
static_assert(archdesc::parameter_count<net> == 1'235'496);
constexpr archdesc::squeezenet::model mine{.version = archdesc::squeezenet::version_type::v1_0, .num_classes = 37};
static_assert(archdesc::valid<mine>);
}  // namespace squeezenet_hpp
