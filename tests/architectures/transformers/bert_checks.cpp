// The named models' totals from Hugging Face transformers, for architectures/transformers/bert.hpp.
// Checked once, by the project's own build (archdesc_family_checks in tests/CMakeLists.txt),
// rather than on every include of the header; a wrong total fails the build. Below them, the
// header's own top-comment example, compiled here so that it stays true.
#include <architectures/transformers/bert.hpp>

namespace archdesc::bert {

static_assert(tensor_count<bert()> == 199 && parameter_count<bert()> == 109'482'240);
static_assert(tensor_count<bert_base_uncased()> == 201 && parameter_count<bert_base_uncased()> == 109'483'778);
static_assert(tensor_count<bert_base_cased()> == 201 && parameter_count<bert_base_cased()> == 108'311'810);
static_assert(tensor_count<bert_large_uncased()> == 393 && parameter_count<bert_large_uncased()> == 335'143'938);
// BertForMaskedLM(BertConfig()), bert-base-uncased's class: 109,514,298 (the figure transformers'
// model.num_parameters() gives for bert-base-uncased, as often quoted): BertModel without its pooler
// (197 tensors), the prediction head's bias, dense and LayerNorm; the decoder is tied.
static_assert(tensor_count<for_masked_lm{}> == 197 + 5 && parameter_count<for_masked_lm{}> == 109'514'298);

}  // namespace archdesc::bert

// The example in the header's top comment, as written there: it must stay true.
namespace bert_hpp {
constexpr auto net = archdesc::bert::bert_base_uncased();  // BertForSequenceClassification, 2 labels
static_assert(archdesc::parameter_count<net> == 109'483'778);
constexpr auto three_labels =
    archdesc::bert::bert_large_uncased({.num_classes = 3});  // the builder's sizes, your knobs
static_assert(three_labels.config.hidden_size == 1024 && three_labels.num_classes == 3);
constexpr archdesc::bert::model tiny{.config = {.vocab_size = 1000,
                                                .hidden_size = 64,
                                                .num_hidden_layers = 2,
                                                .num_attention_heads = 4,
                                                .intermediate_size = 128}};
static_assert(archdesc::valid<tiny>);
}  // namespace bert_hpp
