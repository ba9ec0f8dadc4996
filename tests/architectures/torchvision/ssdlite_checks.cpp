// The named model's totals from torchvision, for architectures/torchvision/ssdlite.hpp. Built with or
// without weights its layout is the same (BatchNorm2d, the reduced tail):
// SSDLite320_MobileNet_V3_Large_Weights.DEFAULT.meta["num_params"] in torchvision 0.14 is the same
// total. Checked once, by the project's own build. Below them, the header's own top-comment example.
#include <architectures/torchvision/ssdlite.hpp>

namespace archdesc::ssdlite {

static_assert(tensor_count<ssdlite320_mobilenet_v3_large()> == 266 &&
              parameter_count<ssdlite320_mobilenet_v3_large()> == 3'440'060);
// 6 default boxes at each location of maps of 20, 10, 5, 3, 2 and 1.
static_assert(output_shape<ssdlite320_mobilenet_v3_large()> == shape{1, 3234, 91});

}  // namespace archdesc::ssdlite

// The example in the header's top comment, as written there: it must stay true.
namespace ssdlite_hpp {
constexpr auto net = archdesc::ssdlite::ssdlite320_mobilenet_v3_large();
static_assert(archdesc::parameter_count<net> == 3'440'060);
}  // namespace ssdlite_hpp
