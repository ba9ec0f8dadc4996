// The named models' totals from torchvision, for architectures/torchvision/mvit.hpp: their layouts
// are the ones their published Kinetics-400 weights load into, whose totals are the num_params of
// Debian torchvision 0.14.1's MViT_V1_B_Weights and MViT_V2_S_Weights.KINETICS400_V1.meta (their
// multiply-accumulates against torchvision's published GFLOPS: macs_test.cpp). Checked once, by the
// project's own build (archdesc_family_checks in tests/CMakeLists.txt). Below them, the header's own
// top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/mvit.hpp>

namespace archdesc::mvit {

static_assert(tensor_count<mvit_v1_b()> == 313 && parameter_count<mvit_v1_b()> == 36'610'672);
static_assert(tensor_count<mvit_v2_s()> == 397 && parameter_count<mvit_v2_s()> == 34'537'744);

}  // namespace archdesc::mvit

// The example in the header's top comment, as written there: it must stay true.
namespace mvit_hpp {
constexpr auto net = archdesc::mvit::mvit_v2_s();
static_assert(archdesc::parameter_count<net> == 34'537'744);
static_assert(archdesc::output_shape<net> == archdesc::shape{1, 400});
}  // namespace mvit_hpp
