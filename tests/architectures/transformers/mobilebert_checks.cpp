// The named models' totals from Hugging Face transformers, for architectures/transformers/mobilebert.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/mobilebert.hpp>

namespace archdesc::mobilebert {

static_assert(tensor_count<mobilebert()> == 1113 && parameter_count<mobilebert()> == 24'844'544);

}  // namespace archdesc::mobilebert

// The example in the header's top comment, as written there: it must stay true.
namespace mobilebert_hpp {
constexpr auto net = archdesc::mobilebert::mobilebert();
static_assert(archdesc::parameter_count<net> == 24'844'544);
constexpr auto short_input = archdesc::mobilebert::mobilebert({.input = {64}});
static_assert(short_input.config.num_hidden_layers == 24);
constexpr archdesc::mobilebert::model tiny{.config = {.num_hidden_layers = 2, .num_feedforward_networks = 2}};
static_assert(archdesc::valid<tiny>);
}  // namespace mobilebert_hpp
