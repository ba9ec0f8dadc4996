// The named models' totals from torchvision, for architectures/torchvision/regnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/regnet.hpp>

namespace archdesc::regnet {

static_assert(tensor_count<regnet_y_400mf()> == 225 && parameter_count<regnet_y_400mf()> == 4'344'144);
static_assert(tensor_count<regnet_y_800mf()> == 199 && parameter_count<regnet_y_800mf()> == 6'432'512);
static_assert(tensor_count<regnet_y_1_6gf()> == 368 && parameter_count<regnet_y_1_6gf()> == 11'202'430);
static_assert(tensor_count<regnet_y_3_2gf()> == 290 && parameter_count<regnet_y_3_2gf()> == 19'436'338);
static_assert(tensor_count<regnet_y_8gf()> == 238 && parameter_count<regnet_y_8gf()> == 39'381'472);
static_assert(tensor_count<regnet_y_16gf()> == 251 && parameter_count<regnet_y_16gf()> == 83'590'140);
static_assert(tensor_count<regnet_y_32gf()> == 277 && parameter_count<regnet_y_32gf()> == 145'046'770);
static_assert(tensor_count<regnet_y_128gf()> == 368 && parameter_count<regnet_y_128gf()> == 644'812'894);
static_assert(tensor_count<regnet_x_400mf()> == 215 && parameter_count<regnet_x_400mf()> == 5'495'976);
static_assert(tensor_count<regnet_x_800mf()> == 161 && parameter_count<regnet_x_800mf()> == 7'259'656);
static_assert(tensor_count<regnet_x_1_6gf()> == 179 && parameter_count<regnet_x_1_6gf()> == 9'190'136);
static_assert(tensor_count<regnet_x_3_2gf()> == 242 && parameter_count<regnet_x_3_2gf()> == 15'296'552);
static_assert(tensor_count<regnet_x_8gf()> == 224 && parameter_count<regnet_x_8gf()> == 39'572'648);
static_assert(tensor_count<regnet_x_16gf()> == 215 && parameter_count<regnet_x_16gf()> == 54'278'536);
static_assert(tensor_count<regnet_x_32gf()> == 224 && parameter_count<regnet_x_32gf()> == 107'811'560);

}  // namespace archdesc::regnet

// The example in the header's top comment, as written there: it must stay true.
namespace regnet_hpp {
constexpr auto net = archdesc::regnet::regnet_y_400mf();
static_assert(archdesc::parameter_count<net> == 4'344'144);
constexpr archdesc::regnet::model mine{
    .block_params = {.depth = 10, .w_0 = 32, .w_a = 20.5, .w_m = 2.3, .group_width = 8}, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace regnet_hpp
