// XLNet (architectures/transformers/xlnet.hpp) against transformers' modeling_xlnet.py: names and shapes of a
// small configuration written by hand from the source, report rows of xlnet-base-cased's first
// and last layers, output shapes and multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/xlnet.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace xlnet_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::formatted_lines;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

// Sizes that differ from one another: d_model 24 = 2 heads of 12, d_inner 20.
constexpr xlnet::config small_config{.vocab_size = 100, .d_model = 24, .n_layer = 2, .n_head = 2, .d_inner = 20};
constexpr xlnet::for_sequence_classification small{.config = small_config, .num_classes = 3, .input = {16}};

std::vector<std::string> small_parameters() {
  // XLNetModel.__init__: word_embedding, mask_emb (an nn.Parameter of XLNetModel itself, so listed
  // first), layer = nn.ModuleList of n_layer XLNetLayer.
  std::vector<std::string> expected = {"transformer.mask_emb (1, 1, 24)",
                                       "transformer.word_embedding.weight (100, 24)"};
  for (int i = 0; i < 2; ++i) {
    const std::string layer = fmt::format("transformer.layer.{}.", i);
    // XLNetRelativeAttention: q, k, v, o, r of (d_model, n_head, d_head); r_r_bias, r_s_bias,
    // r_w_bias of (n_head, d_head); seg_embed (2, n_head, d_head); then layer_norm.
    // XLNetFeedForward: layer_norm, layer_1 (d_model -> d_inner), layer_2 (d_inner -> d_model).
    const std::vector<std::string> rows = {
        layer + "rel_attn.q (24, 2, 12)",         layer + "rel_attn.k (24, 2, 12)",
        layer + "rel_attn.v (24, 2, 12)",         layer + "rel_attn.o (24, 2, 12)",
        layer + "rel_attn.r (24, 2, 12)",         layer + "rel_attn.r_r_bias (2, 12)",
        layer + "rel_attn.r_s_bias (2, 12)",      layer + "rel_attn.r_w_bias (2, 12)",
        layer + "rel_attn.seg_embed (2, 2, 12)",  layer + "rel_attn.layer_norm.weight (24,)",
        layer + "rel_attn.layer_norm.bias (24,)", layer + "ff.layer_norm.weight (24,)",
        layer + "ff.layer_norm.bias (24,)",       layer + "ff.layer_1.weight (20, 24)",
        layer + "ff.layer_1.bias (20,)",          layer + "ff.layer_2.weight (24, 20)",
        layer + "ff.layer_2.bias (24,)",
    };
    expected.insert(expected.end(), rows.begin(), rows.end());
  }
  // SequenceSummary with summary_use_proj: summary Linear(d_model, d_model); then logits_proj.
  for (const char* line : {"sequence_summary.summary.weight (24, 24)", "sequence_summary.summary.bias (24,)",
                           "logits_proj.weight (3, 24)", "logits_proj.bias (3,)"})
    expected.emplace_back(line);
  return expected;
}

// The report rows of an xlnet-base-cased XLNetLayer ({0}: its index).
constexpr std::string_view layer_rows = R"(
| transformer.layer.{0}.rel_attn.q | (768, 12, 64) | (768, 12, 64) | 589824 | Tensor rank 3 |
| transformer.layer.{0}.rel_attn.k | (768, 12, 64) | (768, 12, 64) | 589824 | Tensor rank 3 |
| transformer.layer.{0}.rel_attn.v | (768, 12, 64) | (768, 12, 64) | 589824 | Tensor rank 3 |
| transformer.layer.{0}.rel_attn.o | (768, 12, 64) | (768, 12, 64) | 589824 | Tensor rank 3 |
| transformer.layer.{0}.rel_attn.r | (768, 12, 64) | (768, 12, 64) | 589824 | Tensor rank 3 |
| transformer.layer.{0}.rel_attn.r_r_bias | (12, 64) | (12, 64) | 768 | Matrix |
| transformer.layer.{0}.rel_attn.r_s_bias | (12, 64) | (12, 64) | 768 | Matrix |
| transformer.layer.{0}.rel_attn.r_w_bias | (12, 64) | (12, 64) | 768 | Matrix |
| transformer.layer.{0}.rel_attn.seg_embed | (2, 12, 64) | (2, 12, 64) | 1536 | Tensor rank 3 |
| transformer.layer.{0}.rel_attn.layer_norm.weight | (768,) | (768,) | 768 | Vector |
| transformer.layer.{0}.rel_attn.layer_norm.bias | (768,) | (768,) | 768 | Vector |
| transformer.layer.{0}.ff.layer_norm.weight | (768,) | (768,) | 768 | Vector |
| transformer.layer.{0}.ff.layer_norm.bias | (768,) | (768,) | 768 | Vector |
| transformer.layer.{0}.ff.layer_1.weight | (3072, 768) | (3072, 768) | 2359296 | Matrix |
| transformer.layer.{0}.ff.layer_1.bias | (3072,) | (3072,) | 3072 | Vector |
| transformer.layer.{0}.ff.layer_2.weight | (768, 3072) | (768, 3072) | 2359296 | Matrix |
| transformer.layer.{0}.ff.layer_2.bias | (768,) | (768,) | 768 | Vector |
)";

}  // namespace

TEST_CASE("xlnet: a small XLNetForSequenceClassification has transformers' names and shapes", "[xlnet][transformers]") {
  const trace_result traced = trace(small);
  CHECK(parameter_lines(traced) == small_parameters());
  CHECK(traced.output == shape{1, 3});
  CHECK(call_output(traced, "transformer") == shape{1, 16, 24});  // last_hidden_state, batch first again
  // Inside XLNetModel the hidden states are (length, batch, d_model).
  CHECK(call_output(traced, "transformer.word_embedding") == shape{16, 1, 24});
  CHECK(call_output(traced, "transformer.layer.1") == shape{16, 1, 24});
  CHECK(call_output(traced, "transformer.layer.0.rel_attn.layer_norm") == shape{16, 1, 24});
  CHECK(call_output(traced, "sequence_summary") == shape{1, 24});  // the last token, projected
}

TEST_CASE("xlnet: XLNetModel's dropout runs on the embeddings, the positional encoding and the output",
          "[xlnet][transformers]") {
  const trace_result traced = trace(xlnet::model{.config = small_config, .input = {16}});
  std::vector<shape> dropouts;
  for (const auto& call : traced.modules)
    if (call.name == "dropout") dropouts.push_back(call.output);
  // relative_positional_encoding with attn_type "bi": klen + qlen positions.
  CHECK(dropouts == std::vector<shape>{{16, 1, 24}, {32, 1, 24}, {16, 1, 24}});
  CHECK(traced.output == shape{1, 16, 24});

  xlnet::model uni{.config = small_config, .input = {16}};
  uni.config.attn_type = xlnet::attention_type::uni;  // klen + 1 positions
  CHECK(call_output(trace(uni), "layer.0.rel_attn") == shape{16, 1, 24});
  CHECK(trace(uni).mac_total < trace(xlnet::model{.config = small_config, .input = {16}}).mac_total);
}

TEST_CASE("xlnet: XLNetFeedForward applies the layer_norm it registers first last", "[xlnet][transformers]") {
  const trace_result traced = trace(small);
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name.starts_with("transformer.layer.0.ff.")) calls.push_back(call.name.substr(23));
  CHECK(calls ==
        std::vector<std::string>{"layer_1", "activation_function", "dropout", "layer_2", "dropout", "layer_norm"});
}

TEST_CASE("xlnet: SequenceSummary's projection follows summary_use_proj and summary_proj_to_labels",
          "[xlnet][transformers]") {
  xlnet::for_sequence_classification net = small;
  net.config.summary_use_proj = false;
  CHECK(trace(net).parameters.size() == trace(small).parameters.size() - 2);
  CHECK(trace(net).output == shape{1, 3});
  net.config.summary_use_proj = true;
  net.config.summary_proj_to_labels = true;  // summary projects to num_labels, which logits_proj does not take
  CHECK_THROWS_WITH(trace(net), "logits_proj (Linear): expects 24 input features, receives (1, 3)");
}

TEST_CASE("xlnet: xlnet-base-cased's first and last layers", "[xlnet][transformers]") {
  const trace_result traced = trace(xlnet::xlnet_base_cased());
  CHECK(report_rows("xlnet-base-cased", traced, "transformer.mask_emb") ==
        lines_of("| transformer.mask_emb | (1, 1, 768) | (768,) | 768 | Vector |"));
  CHECK(report_rows("xlnet-base-cased", traced, "transformer.word_embedding") ==
        lines_of("| transformer.word_embedding.weight | (32000, 768) | (32000, 768) | 24576000 | Matrix |"));
  CHECK(report_rows("xlnet-base-cased", traced, "transformer.layer.0.") == formatted_lines(layer_rows, 0));
  CHECK(report_rows("xlnet-base-cased", traced, "transformer.layer.11.") == formatted_lines(layer_rows, 11));
  CHECK(report_rows("xlnet-base-cased", traced, "transformer.layer.12.").empty());
  CHECK(report_rows("xlnet-base-cased", traced, "sequence_summary.") == lines_of(R"(
| sequence_summary.summary.weight | (768, 768) | (768, 768) | 589824 | Matrix |
| sequence_summary.summary.bias | (768,) | (768,) | 768 | Vector |
)"));
  CHECK(report_rows("xlnet-base-cased", traced, "logits_proj.") == lines_of(R"(
| logits_proj.weight | (2, 768) | (2, 768) | 1536 | Matrix |
| logits_proj.bias | (2,) | (2,) | 2 | Vector |
)"));
  CHECK(traced.output == shape{1, 2});
}

TEST_CASE("xlnet: multiply-accumulates at sequence length 128", "[xlnet][transformers][macs]") {
  // Per layer: the heads q, k, v and the output o, 4 × 768² per token; k_head_r, 768² for each of the
  // 256 relative positions; the feed-forward 2 × 768 × 3072 per token; Q·Kᵀ and A·V over 128² and
  // the positional scores over 128 × 256, 64 per head and 12 heads. Then the summary (768²) and
  // logits_proj (768 × 2) on the last token.
  constexpr std::int64_t per_layer =
      128LL * (4 * 768 * 768 + 2 * 768 * 3072) + 256LL * 768 * 768 + 2LL * 12 * 128 * 128 * 64 + 12LL * 128 * 256 * 64;
  STATIC_REQUIRE(macs<xlnet::xlnet_base_cased()> == 12 * per_layer + 768 * 768 + 768 * 2);
  STATIC_REQUIRE(macs<xlnet::xlnet_base_cased()> == 13'288'146'432);
}

TEST_CASE("xlnet: XLNetConfig's check of the heads", "[xlnet][transformers]") {
  xlnet::for_sequence_classification net = small;
  net.config.n_head = 5;
  CHECK_THROWS_WITH(trace(net), "transformer (XLNetModel): 'd_model % n_head' (4) should be equal to 0");
}

TEST_CASE("xlnet: XLNetLMHeadModel's lm_loss has word_embedding's weight and its own bias", "[xlnet][transformers]") {
  // XLNetLMHeadModel: transformer = XLNetModel(config), lm_loss = nn.Linear(d_model, vocab_size,
  // bias=True), whose weight is tied to transformer.word_embedding (_tied_weights_keys).
  constexpr xlnet::lm_head_model lm{.config = small_config, .input = {16}};
  const trace_result traced = trace(lm);
  std::vector<std::string> expected;
  for (const auto& line : parameter_lines(trace(xlnet::model{.config = small_config, .input = {16}})))
    expected.push_back("transformer." + line);
  expected.push_back("lm_loss.bias (100,)");
  CHECK(parameter_lines(traced) == expected);
  CHECK(traced.output == shape{1, 16, 100});
  CHECK(call_output(traced, "lm_loss") == shape{1, 16, 100});
  std::vector<std::string> head_states;
  for (const auto& state : traced.state_dict)
    if (state.name.starts_with("lm_loss.")) head_states.push_back(state.name);
  // Both, the module's own parameter first: PyTorch's state_dict() has weight first (one
  // _parameters dict), a difference of order only (scope::tied_parameter).
  CHECK(head_states == std::vector<std::string>{"lm_loss.bias", "lm_loss.weight"});
  // xlnet-base-cased: XLNetModel's 116,718,336 and lm_loss.bias, 32000.
  constexpr xlnet::lm_head_model base_cased{.config = xlnet::xlnet_base_cased().config};
  STATIC_REQUIRE(parameter_count<base_cased> == 116'718'336 + 32'000);
}

}  // namespace xlnet_test
