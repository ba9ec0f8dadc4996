// The named model's totals from torchvision, for architectures/torchvision/s3d.hpp: its layout is the
// one its published Kinetics-400 weights load into, whose total is the num_params of Debian
// torchvision 0.14.1's S3D_Weights.DEFAULT.meta. Checked once, by the project's own build
// (archdesc_family_checks in tests/CMakeLists.txt). Below it, the header's own top-comment example,
// compiled here so that it stays true.
#include <architectures/torchvision/s3d.hpp>

namespace archdesc::s3d {

static_assert(tensor_count<s3d()> == 233 && parameter_count<s3d()> == 8'320'048);

}  // namespace archdesc::s3d

// The example in the header's top comment, as written there: it must stay true.
namespace s3d_hpp {
constexpr auto net = archdesc::s3d::s3d();
static_assert(archdesc::parameter_count<net> == 8'320'048);
static_assert(archdesc::output_shape<net> == archdesc::shape{1, 400});
}  // namespace s3d_hpp
