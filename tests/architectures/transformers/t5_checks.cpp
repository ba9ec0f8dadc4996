// The named models' totals from Hugging Face transformers, for architectures/transformers/t5.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/t5.hpp>

namespace archdesc::t5 {

static_assert(tensor_count<t5_small()> == 131 && parameter_count<t5_small()> == 60'506'624);
static_assert(tensor_count<t5_base()> == 257 && parameter_count<t5_base()> == 222'903'552);
static_assert(tensor_count<t5_large()> == 509 && parameter_count<t5_large()> == 737'668'096);
static_assert(tensor_count<t5_3b()> == 509 && parameter_count<t5_3b()> == 2'851'598'336);

}  // namespace archdesc::t5
