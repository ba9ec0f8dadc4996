// The named models' totals from Hugging Face transformers, for architectures/transformers/mixtral.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/mixtral.hpp>

namespace archdesc::mixtral {

// One pass each: a pass of this model takes about two thirds of clang's default -fconstexpr-steps.
static_assert(tensor_count<mixtral_8x7b_v0_1()> == 995);
static_assert(parameter_count<mixtral_8x7b_v0_1()> == 46'702'792'704);
static_assert(active_parameter_count<mixtral_8x7b_v0_1()> == 12'879'925'248);

}  // namespace archdesc::mixtral
