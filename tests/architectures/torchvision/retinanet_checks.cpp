// The named models' totals from torchvision, for architectures/torchvision/retinanet.hpp: as built
// without weights, and in the layout the published weights load into (num_params of the weights'
// metadata in torchvision 0.14). Checked once, by the project's own build. Below them, the header's
// own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/retinanet.hpp>

namespace archdesc::retinanet {

static_assert(tensor_count<retinanet_resnet50_fpn()> == 195 && parameter_count<retinanet_resnet50_fpn()> == 34'068'119);
static_assert(tensor_count<retinanet_resnet50_fpn_v2()> == 203 &&
              parameter_count<retinanet_resnet50_fpn_v2()> == 38'198'935);
// RetinaNet_ResNet50_FPN_Weights.DEFAULT.meta["num_params"]; the v2 model keeps BatchNorm2d.
static_assert(parameter_count<retinanet_resnet50_fpn({.weights_layout = true})> == 34'014'999);
static_assert(parameter_count<retinanet_resnet50_fpn_v2({.weights_layout = true})> == 38'198'935);
// 9 anchors at each location of the five levels of an 800x800 batch, 91 classes.
static_assert(output_shape<retinanet_resnet50_fpn()> == shape{1, 120'087, 91});

}  // namespace archdesc::retinanet

// The example in the header's top comment, as written there: it must stay true.
namespace retinanet_hpp {
constexpr auto net = archdesc::retinanet::retinanet_resnet50_fpn();
static_assert(archdesc::parameter_count<net> == 34'068'119);
constexpr auto published = archdesc::retinanet::retinanet_resnet50_fpn({.weights_layout = true});
static_assert(archdesc::parameter_count<published> == 34'014'999);
}  // namespace retinanet_hpp
