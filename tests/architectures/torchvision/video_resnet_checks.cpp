// The named models' totals from torchvision, for architectures/torchvision/video_resnet.hpp: their
// layout is the one their published Kinetics-400 weights load into, whose total is the num_params
// of Debian torchvision 0.14.1's R3D_18_Weights / MC3_18_Weights / R2Plus1D_18_Weights.DEFAULT.meta.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt). Below
// them, the header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/video_resnet.hpp>

namespace archdesc::video_resnet {

static_assert(tensor_count<r3d_18()> == 62 && parameter_count<r3d_18()> == 33'371'472);
static_assert(tensor_count<mc3_18()> == 62 && parameter_count<mc3_18()> == 11'695'440);
static_assert(tensor_count<r2plus1d_18()> == 113 && parameter_count<r2plus1d_18()> == 31'505'325);

}  // namespace archdesc::video_resnet

// The example in the header's top comment, as written there: it must stay true.
namespace video_resnet_hpp {
constexpr auto net = archdesc::video_resnet::r2plus1d_18();
static_assert(archdesc::parameter_count<net> == 31'505'325);
static_assert(archdesc::output_shape<net> == archdesc::shape{1, 400});
}  // namespace video_resnet_hpp
