// The named models' totals from torchvision, for architectures/torchvision/fcn.hpp, and in the layout
// their published weights load into (aux_loss=True), whose total is the num_params of Debian
// torchvision 0.14.1's FCN_ResNet50_Weights / FCN_ResNet101_Weights.DEFAULT.meta. Checked once, by the
// project's own build (archdesc_family_checks in tests/CMakeLists.txt). Below them, the top-comment
// examples of fcn.hpp and backbone.hpp, compiled here so that they stay true.
#include <architectures/torchvision/fcn.hpp>

namespace archdesc::fcn {

static_assert(tensor_count<fcn_resnet50()> == 164 && parameter_count<fcn_resnet50()> == 32'957'013);
static_assert(tensor_count<fcn_resnet101()> == 317 && parameter_count<fcn_resnet101()> == 51'949'141);
// The published weights' layout.
static_assert(tensor_count<fcn_resnet50({.aux_loss = true})> == 169 &&
              parameter_count<fcn_resnet50({.aux_loss = true})> == 35'322'218);
static_assert(tensor_count<fcn_resnet101({.aux_loss = true})> == 322 &&
              parameter_count<fcn_resnet101({.aux_loss = true})> == 54'314'346);

}  // namespace archdesc::fcn

// The example in the header's top comment, as written there: it must stay true.
namespace fcn_hpp {
constexpr auto net = archdesc::fcn::fcn_resnet50();
static_assert(archdesc::parameter_count<net> == 32'957'013);
static_assert(archdesc::parameter_count<archdesc::fcn::fcn_resnet50({.aux_loss = true})> == 35'322'218);
}  // namespace fcn_hpp

// backbone.hpp's example, inside the smallest module that makes it compile.
namespace backbone_hpp {
struct dilated_features {
  static constexpr std::string_view type_name = "Features";
  archdesc::shape input{3, 224, 224};
  constexpr archdesc::shape forward(archdesc::scope& self, const archdesc::shape& x) const {
    archdesc::torchvision::feature_maps maps;
    const archdesc::torchvision::resnet_body body{
        .net = archdesc::resnet::resnet50({.replace_stride_with_dilation = {false, true, true}}),
        .returned_layers = {3, 4},
        .maps = &maps};                         // layer3 and layer4, as a segmentation model's
    self.several_outputs("backbone", body, x);  // maps[0]: layer3's output, maps[1]: layer4's
    return self.cat({maps[0], maps[1]}, 1);
  }
};
static_assert(archdesc::output_shape<dilated_features{}> == archdesc::shape{1, 1024 + 2048, 28, 28});
}  // namespace backbone_hpp
