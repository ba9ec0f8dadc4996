// The named models' totals from Hugging Face transformers, for architectures/transformers/t5.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/t5.hpp>

namespace archdesc::t5 {

static_assert(tensor_count<t5_small()> == 131 && parameter_count<t5_small()> == 60'506'624);
static_assert(tensor_count<t5_base()> == 257 && parameter_count<t5_base()> == 222'903'552);
static_assert(tensor_count<t5_large()> == 509 && parameter_count<t5_large()> == 737'668'096);
static_assert(tensor_count<t5_3b()> == 509 && parameter_count<t5_3b()> == 2'851'598'336);

}  // namespace archdesc::t5

// The example in the header's top comment, as written there: it must stay true.
namespace t5_hpp {
constexpr auto net = archdesc::t5::t5_small();
static_assert(archdesc::parameter_count<net> == 60'506'624);
constexpr auto short_input = archdesc::t5::t5_small({.input = {64}});
static_assert(archdesc::valid<short_input>);
constexpr archdesc::t5::model tiny{
    .config = {.vocab_size = 1000, .d_model = 64, .d_kv = 16, .d_ff = 128, .num_layers = 2, .num_heads = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace t5_hpp
