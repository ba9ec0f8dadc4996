// The named models' totals from Hugging Face transformers, for architectures/transformers/xlnet.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/xlnet.hpp>

namespace archdesc::xlnet {

static_assert(tensor_count<xlnet_base_cased()> == 210 && parameter_count<xlnet_base_cased()> == 117'310'466);

}  // namespace archdesc::xlnet

// The example in the header's top comment, as written there: it must stay true.
namespace xlnet_hpp {
constexpr auto net = archdesc::xlnet::xlnet_base_cased();  // XLNetForSequenceClassification, 2 labels
static_assert(archdesc::parameter_count<net> == 117'310'466);
constexpr auto three_labels = archdesc::xlnet::xlnet_base_cased({.num_classes = 3});
static_assert(three_labels.config.d_model == 768);
constexpr archdesc::xlnet::model tiny{
    .config = {.vocab_size = 1000, .d_model = 64, .n_layer = 2, .n_head = 4, .d_inner = 128}};
static_assert(archdesc::valid<tiny>);
}  // namespace xlnet_hpp
