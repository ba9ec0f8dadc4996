// The named model's totals from torchvision, for architectures/torchvision/fcos.hpp: as built without
// weights, and in the layout the published weights load into (FCOS_ResNet50_FPN_Weights.DEFAULT
// .meta["num_params"] in torchvision 0.14). Checked once, by the project's own build. Below them,
// the header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/fcos.hpp>

namespace archdesc::fcos {

static_assert(tensor_count<fcos_resnet50_fpn()> == 213 && parameter_count<fcos_resnet50_fpn()> == 32'322'720);
static_assert(parameter_count<fcos_resnet50_fpn({.weights_layout = true})> == 32'269'600);
// head.regression_head.bbox_ctrness.bias, shape (1,): the one tensor of rank 0, one parameter.
static_assert(totals_by_form<fcos_resnet50_fpn()>.tensors[0] == 1 &&
              totals_by_form<fcos_resnet50_fpn()>.parameters[0] == 1);

}  // namespace archdesc::fcos

// The example in the header's top comment, as written there: it must stay true.
namespace fcos_hpp {
constexpr auto net = archdesc::fcos::fcos_resnet50_fpn();
static_assert(archdesc::parameter_count<net> == 32'322'720);
constexpr auto published = archdesc::fcos::fcos_resnet50_fpn({.weights_layout = true});
static_assert(archdesc::parameter_count<published> == 32'269'600);
}  // namespace fcos_hpp
