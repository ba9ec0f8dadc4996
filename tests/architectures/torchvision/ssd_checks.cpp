// The named model's totals from torchvision, for architectures/torchvision/ssd.hpp. Its backbone has
// no batch norm, so the published weights' layout is the one built without weights:
// SSD300_VGG16_Weights.DEFAULT.meta["num_params"] in torchvision 0.14 is the same total. Checked
// once, by the project's own build. Below them, the header's own top-comment example.
#include <architectures/torchvision/ssd.hpp>

namespace archdesc::ssd {

static_assert(tensor_count<ssd300_vgg16()> == 71 && parameter_count<ssd300_vgg16()> == 35'641'826);
// 8732 default boxes: 4, 6, 6, 6, 4 and 4 at each location of maps of 38, 19, 10, 5, 3 and 1.
static_assert(output_shape<ssd300_vgg16({.num_classes = 21})> == shape{1, 8732, 21});

}  // namespace archdesc::ssd

// The example in the header's top comment, as written there: it must stay true.
namespace ssd_hpp {
constexpr auto net = archdesc::ssd::ssd300_vgg16();
static_assert(archdesc::parameter_count<net> == 35'641'826);
static_assert(archdesc::output_shape<net> == archdesc::shape{1, 8732, 91});
}  // namespace ssd_hpp
