// The named models' totals from Hugging Face transformers, for architectures/transformers/bert.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/bert.hpp>

namespace archdesc::bert {

static_assert(tensor_count<bert()> == 199 && parameter_count<bert()> == 109'482'240);
static_assert(tensor_count<bert_base_uncased()> == 201 && parameter_count<bert_base_uncased()> == 109'483'778);
static_assert(tensor_count<bert_base_cased()> == 201 && parameter_count<bert_base_cased()> == 108'311'810);
static_assert(tensor_count<bert_large_uncased()> == 393 && parameter_count<bert_large_uncased()> == 335'143'938);

}  // namespace archdesc::bert
