// The named models' totals from Hugging Face transformers, for architectures/transformers/mixtral.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/mixtral.hpp>

namespace archdesc::mixtral {

// One pass each: a pass of this model takes about two thirds of clang's default -fconstexpr-steps.
static_assert(tensor_count<mixtral_8x7b_v0_1()> == 995);
static_assert(parameter_count<mixtral_8x7b_v0_1()> == 46'702'792'704);
static_assert(active_parameter_count<mixtral_8x7b_v0_1()> == 12'879'925'248);

}  // namespace archdesc::mixtral

// The example in the header's top comment, as written there: it must stay true.
namespace mixtral_hpp {
constexpr auto net = archdesc::mixtral::mixtral_8x7b_v0_1();
static_assert(archdesc::parameter_count<net> == 46'702'792'704);         // every expert
static_assert(archdesc::active_parameter_count<net> == 12'879'925'248);  // 2 of 8 experts per token
constexpr auto top_1 = archdesc::mixtral::mixtral_8x7b_v0_1({.num_experts_per_tok = 1});
static_assert(top_1.num_local_experts == 8);
}  // namespace mixtral_hpp
