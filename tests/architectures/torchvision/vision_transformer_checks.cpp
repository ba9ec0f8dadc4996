// The named models' totals from torchvision, for architectures/torchvision/vision_transformer.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/vision_transformer.hpp>

namespace archdesc::vision_transformer {

static_assert(tensor_count<vit_b_16()> == 152 && parameter_count<vit_b_16()> == 86'567'656);
static_assert(tensor_count<vit_b_32()> == 152 && parameter_count<vit_b_32()> == 88'224'232);
static_assert(tensor_count<vit_l_16()> == 296 && parameter_count<vit_l_16()> == 304'326'632);
static_assert(tensor_count<vit_l_32()> == 296 && parameter_count<vit_l_32()> == 306'535'400);
static_assert(tensor_count<vit_h_14()> == 392 && parameter_count<vit_h_14()> == 632'045'800);

}  // namespace archdesc::vision_transformer

// The example in the header's top comment, as written there: it must stay true.
namespace vision_transformer_hpp {
constexpr auto net = archdesc::vision_transformer::vit_b_16();
static_assert(archdesc::parameter_count<net> == 86'567'656);
constexpr archdesc::vision_transformer::model small{.image_size = 64,
                                                    .patch_size = 16,
                                                    .num_layers = 2,
                                                    .num_heads = 4,
                                                    .hidden_dim = 64,
                                                    .mlp_dim = 128,
                                                    .num_classes = 10};
static_assert(archdesc::valid<small>);
}  // namespace vision_transformer_hpp
