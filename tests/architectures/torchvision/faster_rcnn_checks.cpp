// The named models' totals from torchvision, for architectures/torchvision/faster_rcnn.hpp: as built
// without weights (BatchNorm2d in the backbone), and in the layout the published weights load into,
// whose total is the num_params of the weights' metadata in torchvision 0.14
// (FasterRCNN_ResNet50_FPN_Weights.DEFAULT.meta["num_params"] and so on). Checked once, by the
// project's own build (archdesc_family_checks in tests/CMakeLists.txt). Below them, the header's own
// top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/faster_rcnn.hpp>

namespace archdesc::faster_rcnn {

static_assert(tensor_count<fasterrcnn_resnet50_fpn()> == 189 &&
              parameter_count<fasterrcnn_resnet50_fpn()> == 41'808'406);
static_assert(tensor_count<fasterrcnn_resnet50_fpn_v2()> == 209 &&
              parameter_count<fasterrcnn_resnet50_fpn_v2()> == 43'712'278);
static_assert(tensor_count<fasterrcnn_mobilenet_v3_large_fpn()> == 192 &&
              parameter_count<fasterrcnn_mobilenet_v3_large_fpn()> == 19'410'754);
static_assert(tensor_count<fasterrcnn_mobilenet_v3_large_320_fpn()> == 192 &&
              parameter_count<fasterrcnn_mobilenet_v3_large_320_fpn()> == 19'410'754);
static_assert(tensor_count<maskrcnn_resnet50_fpn()> == 201 && parameter_count<maskrcnn_resnet50_fpn()> == 44'454'513);
static_assert(tensor_count<maskrcnn_resnet50_fpn_v2()> == 225 &&
              parameter_count<maskrcnn_resnet50_fpn_v2()> == 46'359'409);
static_assert(tensor_count<keypointrcnn_resnet50_fpn()> == 207 &&
              parameter_count<keypointrcnn_resnet50_fpn()> == 59'190'378);

// The published weights' layout: num_params of each builder's DEFAULT weights. The v2 models keep
// BatchNorm2d with weights, so their totals do not change.
static_assert(parameter_count<fasterrcnn_resnet50_fpn({.weights_layout = true})> == 41'755'286);
static_assert(parameter_count<fasterrcnn_resnet50_fpn_v2({.weights_layout = true})> == 43'712'278);
static_assert(parameter_count<fasterrcnn_mobilenet_v3_large_fpn({.weights_layout = true})> == 19'386'354);
static_assert(parameter_count<fasterrcnn_mobilenet_v3_large_320_fpn({.weights_layout = true})> == 19'386'354);
static_assert(parameter_count<maskrcnn_resnet50_fpn({.weights_layout = true})> == 44'401'393);
static_assert(parameter_count<maskrcnn_resnet50_fpn_v2({.weights_layout = true})> == 46'359'409);
static_assert(parameter_count<keypointrcnn_resnet50_fpn({.weights_layout = true})> == 59'137'258);

// The transform: the short side to min_size unless the long side would pass max_size, then padded
// to a multiple of 32 (a 400x1200 image becomes 444x1333, padded to 448x1344), as torchvision's
// GeneralizedRCNNTransform makes it.
static_assert(detection::rcnn_transform{}.batch({1, 3, 400, 1200}) == shape{1, 3, 448, 1344});

}  // namespace archdesc::faster_rcnn

// The example in the header's top comment, as written there: it must stay true.
namespace faster_rcnn_hpp {
constexpr auto net = archdesc::faster_rcnn::fasterrcnn_resnet50_fpn();
static_assert(archdesc::parameter_count<net> == 41'808'406);
// the layout its published weights load into: FrozenBatchNorm2d in the backbone
constexpr auto published = archdesc::faster_rcnn::fasterrcnn_resnet50_fpn({.weights_layout = true});
static_assert(archdesc::parameter_count<published> == 41'755'286);
}  // namespace faster_rcnn_hpp

// The example in detection_ops.hpp's top comment (the blocks this header's models share).
namespace detection_ops_hpp {
constexpr archdesc::detection::rcnn_transform transform{.min_size = 800, .max_size = 1333};
static_assert(transform.batch({1, 3, 480, 640}) == archdesc::shape{1, 3, 800, 1088});
}  // namespace detection_ops_hpp
