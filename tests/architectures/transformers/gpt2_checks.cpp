// The named models' totals from Hugging Face transformers, for architectures/transformers/gpt2.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build.
#include <architectures/transformers/gpt2.hpp>

namespace archdesc::gpt2 {

static_assert(tensor_count<gpt2()> == 148 && parameter_count<gpt2()> == 124'439'808);
static_assert(tensor_count<gpt2_for_sequence_classification()> == 149 &&
              parameter_count<gpt2_for_sequence_classification()> == 124'441'344);
static_assert(tensor_count<gpt3_175b()> == 1156 && parameter_count<gpt3_175b()> == 174'604'259'328);

}  // namespace archdesc::gpt2
