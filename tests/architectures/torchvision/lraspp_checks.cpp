// The named model's totals from torchvision, for architectures/torchvision/lraspp.hpp: its layout is
// the one its published weights load into, whose total is the num_params of Debian torchvision
// 0.14.1's LRASPP_MobileNet_V3_Large_Weights.DEFAULT.meta. Checked once, by the project's own build
// (archdesc_family_checks in tests/CMakeLists.txt). Below it, the header's own top-comment example,
// compiled here so that it stays true.
#include <architectures/torchvision/lraspp.hpp>

namespace archdesc::lraspp {

static_assert(tensor_count<lraspp_mobilenet_v3_large()> == 178 &&
              parameter_count<lraspp_mobilenet_v3_large()> == 3'221'538);

}  // namespace archdesc::lraspp

// The example in the header's top comment, as written there: it must stay true.
namespace lraspp_hpp {
constexpr auto net = archdesc::lraspp::lraspp_mobilenet_v3_large();
static_assert(archdesc::parameter_count<net> == 3'221'538);
}  // namespace lraspp_hpp
