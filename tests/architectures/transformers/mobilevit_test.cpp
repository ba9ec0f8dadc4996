// MobileViT and MobileViTV2 (architectures/transformers/mobilevit.hpp) against transformers' modeling_mobilevit.py
// and modeling_mobilevitv2.py (2024): names and shapes of small configurations written by hand from
// the source, the patches the transformers see, report rows of the named models' first and last
// blocks, output shapes and the attention's multiply-accumulates.
#include "transformers_testing.hpp"

#include <archdesc/trace.hpp>
#include <architectures/transformers/mobilevit.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace mobilevit_test {

using namespace archdesc;
using archdesc::test::call_output;
using archdesc::test::lines_of;
using archdesc::test::parameter_lines;
using archdesc::test::report_rows;

namespace {

using lines = std::vector<std::string>;

void append(lines& to, const lines& more) { to.insert(to.end(), more.begin(), more.end()); }

// MobileViTConvLayer.__init__ registers convolution (Conv2d, bias as given), then normalization
// (BatchNorm2d: weight, bias) if use_normalization; the activation has no parameters.
lines conv_layer(const std::string& prefix, int out, int in_per_group, int kernel, bool normalization,
                 bool bias = false) {
  lines l = {fmt::format("{}.convolution.weight ({}, {}, {}, {})", prefix, out, in_per_group, kernel, kernel)};
  if (bias) l.push_back(fmt::format("{}.convolution.bias ({},)", prefix, out));
  if (normalization) {
    l.push_back(fmt::format("{}.normalization.weight ({},)", prefix, out));
    l.push_back(fmt::format("{}.normalization.bias ({},)", prefix, out));
  }
  return l;
}

// MobileViTInvertedResidual: expand_1x1 (1×1, in → expanded), conv_3x3 (depthwise), reduce_1x1
// (1×1, expanded → out), each with BatchNorm2d. expanded = make_divisible(round(in × expand_ratio), 8).
lines inverted_residual(const std::string& prefix, int in, int out, int expanded) {
  lines l = conv_layer(prefix + ".expand_1x1", expanded, in, 1, true);
  append(l, conv_layer(prefix + ".conv_3x3", expanded, 1, 3, true));
  append(l, conv_layer(prefix + ".reduce_1x1", out, expanded, 1, true));
  return l;
}

lines layer_norm_rows(const std::string& prefix, int size) {
  return {fmt::format("{}.weight ({},)", prefix, size), fmt::format("{}.bias ({},)", prefix, size)};
}

lines linear_rows(const std::string& prefix, int out, int in) {
  return {fmt::format("{}.weight ({}, {})", prefix, out, in), fmt::format("{}.bias ({},)", prefix, out)};
}

// MobileViTTransformerLayer registers attention (MobileViTAttention: attention = query, key, value
// with qkv_bias; output = dense), intermediate (dense), output (dense), layernorm_before,
// layernorm_after.
lines v1_transformer_layer(const std::string& prefix, int hidden, int intermediate) {
  lines l;
  for (const char* projection : {"query", "key", "value"})
    append(l, linear_rows(fmt::format("{}.attention.attention.{}", prefix, projection), hidden, hidden));
  append(l, linear_rows(prefix + ".attention.output.dense", hidden, hidden));
  append(l, linear_rows(prefix + ".intermediate.dense", intermediate, hidden));
  append(l, linear_rows(prefix + ".output.dense", hidden, intermediate));
  append(l, layer_norm_rows(prefix + ".layernorm_before", hidden));
  append(l, layer_norm_rows(prefix + ".layernorm_after", hidden));
  return l;
}

// MobileViTLayer (stride 2) registers downsampling_layer, conv_kxk (k×k, BatchNorm2d), conv_1x1
// (1×1 to hidden_size, no norm), transformer (layer = ModuleList), layernorm, conv_projection
// (1×1 back, BatchNorm2d), fusion (k×k on the concatenation of 2 × channels, BatchNorm2d).
lines v1_layer(const std::string& prefix, int in, int out, int expanded, int hidden, int stages) {
  lines l = inverted_residual(prefix + ".downsampling_layer", in, out, expanded);
  append(l, conv_layer(prefix + ".conv_kxk", out, out, 3, true));
  append(l, conv_layer(prefix + ".conv_1x1", hidden, out, 1, false));
  for (int i = 0; i < stages; ++i)
    append(l, v1_transformer_layer(fmt::format("{}.transformer.layer.{}", prefix, i), hidden, 2 * hidden));
  append(l, layer_norm_rows(prefix + ".layernorm", hidden));
  append(l, conv_layer(prefix + ".conv_projection", out, hidden, 1, true));
  append(l, conv_layer(prefix + ".fusion", out, 2 * out, 3, true));
  return l;
}

// Neck sizes 8, 16, 24, 32, 40, 48, 96; hidden sizes 16, 24, 32; 2 heads; expand_ratio 2, so an
// inverted residual of in channels expands to make_divisible(2 × in, 8).
constexpr mobilevit::model small_v1{.config = {.image_size = 64,
                                               .hidden_sizes = {16, 24, 32},
                                               .neck_hidden_sizes = {8, 16, 24, 32, 40, 48, 96},
                                               .num_attention_heads = 2,
                                               .expand_ratio = 2.0}};

lines small_v1_parameters() {
  // MobileViTModel: conv_stem (3×3, stride 2), encoder (layer = ModuleList of 5), conv_1x1_exp.
  lines l = conv_layer("conv_stem", 8, 3, 3, true);
  // MobileViTEncoder: layer_1 and layer_2 are MobileViTMobileNetLayers of 1 and 3 inverted
  // residuals, layer_3 to layer_5 MobileViTLayers of 2, 4 and 3 transformer layers.
  append(l, inverted_residual("encoder.layer.0.layer.0", 8, 16, 16));
  append(l, inverted_residual("encoder.layer.1.layer.0", 16, 24, 32));
  append(l, inverted_residual("encoder.layer.1.layer.1", 24, 24, 48));
  append(l, inverted_residual("encoder.layer.1.layer.2", 24, 24, 48));
  append(l, v1_layer("encoder.layer.2", 24, 32, 48, 16, 2));
  append(l, v1_layer("encoder.layer.3", 32, 40, 64, 24, 4));
  append(l, v1_layer("encoder.layer.4", 40, 48, 80, 32, 3));
  append(l, conv_layer("conv_1x1_exp", 96, 48, 1, true));
  return l;
}

// MobileViTV2TransformerLayer registers layernorm_before (GroupNorm), attention
// (MobileViTV2LinearSelfAttention: qkv_proj, 1×1 to 1 + 2 × embed_dim with bias; out_proj),
// dropout1, layernorm_after, ffn (conv1 and conv2, 1×1 with bias).
lines v2_transformer_layer(const std::string& prefix, int embed, int ffn) {
  lines l = layer_norm_rows(prefix + ".layernorm_before", embed);
  append(l, conv_layer(prefix + ".attention.qkv_proj", 1 + 2 * embed, embed, 1, false, true));
  append(l, conv_layer(prefix + ".attention.out_proj", embed, embed, 1, false, true));
  append(l, layer_norm_rows(prefix + ".layernorm_after", embed));
  append(l, conv_layer(prefix + ".ffn.conv1", ffn, embed, 1, false, true));
  append(l, conv_layer(prefix + ".ffn.conv2", embed, ffn, 1, false, true));
  return l;
}

// MobileViTV2Layer registers downsampling_layer, conv_kxk (depthwise, BatchNorm2d), conv_1x1 (to
// attn_unit_dim, no norm), transformer, layernorm (GroupNorm), conv_projection (BatchNorm2d). The
// FFN is ffn_multiplier × attn_unit_dim, a multiple of 16.
lines v2_layer(const std::string& prefix, int in, int out, int expanded, int attn, int blocks) {
  lines l = inverted_residual(prefix + ".downsampling_layer", in, out, expanded);
  append(l, conv_layer(prefix + ".conv_kxk", out, 1, 3, true));
  append(l, conv_layer(prefix + ".conv_1x1", attn, out, 1, false));
  for (int i = 0; i < blocks; ++i)
    append(l, v2_transformer_layer(fmt::format("{}.transformer.layer.{}", prefix, i), attn, 2 * attn));
  append(l, layer_norm_rows(prefix + ".layernorm", attn));
  append(l, conv_layer(prefix + ".conv_projection", out, attn, 1, true));
  return l;
}

// width_multiplier 0.5: stem make_divisible(clip(16, 16, 64), 8, 16) = 16, then 32 (divisor 16),
// 64, 128, 192, 256; attention units 64, 96, 128; one attention block per layer.
constexpr mobilevit::v2_model small_v2{
    .config = {.image_size = 64, .n_attn_blocks = {1, 1, 1}, .width_multiplier = 0.5}};

lines small_v2_parameters() {
  lines l = conv_layer("conv_stem", 16, 3, 3, true);
  append(l, inverted_residual("encoder.layer.0.layer.0", 16, 32, 32));
  append(l, inverted_residual("encoder.layer.1.layer.0", 32, 64, 64));
  append(l, inverted_residual("encoder.layer.1.layer.1", 64, 64, 128));
  append(l, v2_layer("encoder.layer.2", 64, 128, 128, 64, 1));
  append(l, v2_layer("encoder.layer.3", 128, 192, 256, 96, 1));
  append(l, v2_layer("encoder.layer.4", 192, 256, 384, 128, 1));
  return l;
}

}  // namespace

TEST_CASE("mobilevit: a small MobileViTModel has transformers' names and shapes", "[mobilevit][transformers]") {
  const trace_result traced = trace(small_v1);
  CHECK(parameter_lines(traced) == small_v1_parameters());
  CHECK(traced.input == shape{1, 3, 64, 64});
  CHECK(traced.output == shape{1, 96, 2, 2});  // last_hidden_state
  STATIC_REQUIRE(valid<small_v1>);

  mobilevit::model without_expansion = small_v1;
  without_expansion.expand_output = false;
  lines expected = small_v1_parameters();
  expected.resize(expected.size() - 3);  // no conv_1x1_exp
  CHECK(parameter_lines(trace(without_expansion)) == expected);
  CHECK(trace(without_expansion).output == shape{1, 48, 2, 2});
}

TEST_CASE("mobilevit: the transformers see (batch × patch_area, num_patches, hidden_size)",
          "[mobilevit][transformers]") {
  // unfolding resizes the feature map up to whole 2×2 patches: at 72 pixels layer_3 works on 9×9,
  // so on 5 × 5 patches, and folding resizes back.
  const trace_result traced = trace(small_v1, {3, 72, 72});
  CHECK(call_output(traced, "encoder.layer.2.conv_1x1") == shape{1, 16, 9, 9});
  CHECK(call_output(traced, "encoder.layer.2.transformer") == shape{4, 25, 16});
  CHECK(call_output(traced, "encoder.layer.2.transformer.layer.1.attention.attention.dropout") == shape{4, 2, 25, 25});
  CHECK(call_output(traced, "encoder.layer.2.fusion") == shape{1, 32, 9, 9});
  CHECK(call_output(traced, "encoder.layer.4.transformer") == shape{4, 4, 32});
  CHECK(traced.output == shape{1, 96, 3, 3});

  // The calls of a transformer layer: layernorm_before, attention, layernorm_after, intermediate, output.
  const std::string layer = "encoder.layer.2.transformer.layer.0";
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name == layer ||
        (call.name.starts_with(layer + ".") && call.name.find('.', layer.size() + 1) == std::string::npos))
      calls.push_back(call.name + " " + call.type);
  CHECK(calls == std::vector<std::string>{
                     "encoder.layer.2.transformer.layer.0 MobileViTTransformerLayer",
                     "encoder.layer.2.transformer.layer.0.layernorm_before LayerNorm",
                     "encoder.layer.2.transformer.layer.0.attention MobileViTAttention",
                     "encoder.layer.2.transformer.layer.0.layernorm_after LayerNorm",
                     "encoder.layer.2.transformer.layer.0.intermediate MobileViTIntermediate",
                     "encoder.layer.2.transformer.layer.0.output MobileViTOutput",
                 });
}

TEST_CASE("mobilevit: attention multiply-accumulates", "[mobilevit][transformers][macs]") {
  // MobileViTSelfAttention at 64 pixels in layer_3, on 8 × 8 features: 4 patch positions × 4 × 4
  // patches of 16 features: Q, K and V are 4 × 16 × 16²; Q·Kᵀ and A·V 2 × 4 × 2 heads × 16² × 8.
  const trace_result traced = trace(small_v1);
  const auto self_attention = std::find_if(traced.modules.begin(), traced.modules.end(), [](const module_info& m) {
    return m.name == "encoder.layer.2.transformer.layer.0.attention.attention";
  });
  REQUIRE(self_attention != traced.modules.end());
  CHECK(self_attention->macs == 3LL * 4 * 16 * 16 * 16 + 2LL * 4 * 2 * 16 * 16 * 8);
  // MobileViTV2LinearSelfAttention has no matrix product: its two 1×1 convolutions are all.
  const trace_result traced_v2 = trace(small_v2);
  const auto linear_attention =
      std::find_if(traced_v2.modules.begin(), traced_v2.modules.end(),
                   [](const module_info& m) { return m.name == "encoder.layer.2.transformer.layer.0.attention"; });
  REQUIRE(linear_attention != traced_v2.modules.end());
  // 64 features on 4 patch positions × 4 × 4 patches: qkv_proj to 129, out_proj to 64.
  CHECK(linear_attention->macs == 4LL * 16 * 64 * 129 + 4LL * 16 * 64 * 64);
}

TEST_CASE("mobilevit: a small MobileViTV2Model has transformers' names and shapes", "[mobilevit][transformers]") {
  const trace_result traced = trace(small_v2);
  CHECK(parameter_lines(traced) == small_v2_parameters());
  CHECK(traced.output == shape{1, 256, 2, 2});
  // F.unfold: (batch_size, attn_unit_dim, patch_area, num_patches)
  CHECK(call_output(traced, "encoder.layer.2.transformer") == shape{1, 64, 4, 16});
  CHECK(call_output(traced, "encoder.layer.2.transformer.layer.0.attention.qkv_proj") == shape{1, 129, 4, 16});
  STATIC_REQUIRE(valid<small_v2>);
}

TEST_CASE("mobilevit: transformers' checks", "[mobilevit][transformers]") {
  mobilevit::model odd_heads = small_v1;
  odd_heads.config.num_attention_heads = 3;
  CHECK_THROWS_WITH(
      trace(odd_heads),
      "encoder.layer.2.transformer.layer.0.attention.attention (MobileViTSelfAttention): The hidden size 16 is not a "
      "multiple of the number of attention heads 3.");
}

TEST_CASE("mobilevit: output_stride trades the last strides for dilation", "[mobilevit][transformers]") {
  // output_stride 16: layer_5's downsampling keeps its resolution (stride 1, dilation 2 // 2 = 1).
  mobilevit::model stride_16 = small_v1;
  stride_16.config.output_stride = 16;
  CHECK(trace(stride_16).output == shape{1, 96, 4, 4});
  CHECK(parameter_lines(trace(stride_16)) == small_v1_parameters());
  mobilevit::v2_model stride_8 = small_v2;
  stride_8.config.output_stride = 8;
  CHECK(trace(stride_8).output == shape{1, 256, 8, 8});
}

TEST_CASE("mobilevit: the named models' first and last blocks", "[mobilevit][transformers]") {
  SECTION("mobilevit: apple/mobilevit-small") {
    const trace_result traced = trace(mobilevit::mobilevit_small());
    CHECK(traced.output == shape{1, 640, 8, 8});
    CHECK(report_rows("mobilevit", traced, "conv_stem.") == lines_of(R"(
| conv_stem.convolution.weight | (16, 3, 3, 3) | (16, 3, 3, 3) | 432 | Tensor rank 4 |
| conv_stem.normalization.weight | (16,) | (16,) | 16 | Vector |
| conv_stem.normalization.bias | (16,) | (16,) | 16 | Vector |
)"));
    CHECK(report_rows("mobilevit", traced, "encoder.layer.0.") == lines_of(R"(
| encoder.layer.0.layer.0.expand_1x1.convolution.weight | (64, 16, 1, 1) | (64, 16) | 1024 | Matrix |
| encoder.layer.0.layer.0.expand_1x1.normalization.weight | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.expand_1x1.normalization.bias | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.conv_3x3.convolution.weight | (64, 1, 3, 3) | (64, 3, 3) | 576 | Tensor rank 3 |
| encoder.layer.0.layer.0.conv_3x3.normalization.weight | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.conv_3x3.normalization.bias | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.reduce_1x1.convolution.weight | (32, 64, 1, 1) | (32, 64) | 2048 | Matrix |
| encoder.layer.0.layer.0.reduce_1x1.normalization.weight | (32,) | (32,) | 32 | Vector |
| encoder.layer.0.layer.0.reduce_1x1.normalization.bias | (32,) | (32,) | 32 | Vector |
)"));
    CHECK(report_rows("mobilevit", traced, "encoder.layer.4.transformer.layer.2.") == lines_of(R"(
| encoder.layer.4.transformer.layer.2.attention.attention.query.weight | (240, 240) | (240, 240) | 57600 | Matrix |
| encoder.layer.4.transformer.layer.2.attention.attention.query.bias | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.attention.attention.key.weight | (240, 240) | (240, 240) | 57600 | Matrix |
| encoder.layer.4.transformer.layer.2.attention.attention.key.bias | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.attention.attention.value.weight | (240, 240) | (240, 240) | 57600 | Matrix |
| encoder.layer.4.transformer.layer.2.attention.attention.value.bias | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.attention.output.dense.weight | (240, 240) | (240, 240) | 57600 | Matrix |
| encoder.layer.4.transformer.layer.2.attention.output.dense.bias | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.intermediate.dense.weight | (480, 240) | (480, 240) | 115200 | Matrix |
| encoder.layer.4.transformer.layer.2.intermediate.dense.bias | (480,) | (480,) | 480 | Vector |
| encoder.layer.4.transformer.layer.2.output.dense.weight | (240, 480) | (240, 480) | 115200 | Matrix |
| encoder.layer.4.transformer.layer.2.output.dense.bias | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_before.weight | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_before.bias | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_after.weight | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_after.bias | (240,) | (240,) | 240 | Vector |
)"));
    CHECK(report_rows("mobilevit", traced, "encoder.layer.4.transformer.layer.3.").empty());
    CHECK(report_rows("mobilevit", traced, "encoder.layer.4.layernorm.") == lines_of(R"(
| encoder.layer.4.layernorm.weight | (240,) | (240,) | 240 | Vector |
| encoder.layer.4.layernorm.bias | (240,) | (240,) | 240 | Vector |
)"));
    CHECK(report_rows("mobilevit", traced, "encoder.layer.4.conv_projection.") == lines_of(R"(
| encoder.layer.4.conv_projection.convolution.weight | (160, 240, 1, 1) | (160, 240) | 38400 | Matrix |
| encoder.layer.4.conv_projection.normalization.weight | (160,) | (160,) | 160 | Vector |
| encoder.layer.4.conv_projection.normalization.bias | (160,) | (160,) | 160 | Vector |
)"));
    CHECK(report_rows("mobilevit", traced, "encoder.layer.4.fusion.") == lines_of(R"(
| encoder.layer.4.fusion.convolution.weight | (160, 320, 3, 3) | (160, 320, 3, 3) | 460800 | Tensor rank 4 |
| encoder.layer.4.fusion.normalization.weight | (160,) | (160,) | 160 | Vector |
| encoder.layer.4.fusion.normalization.bias | (160,) | (160,) | 160 | Vector |
)"));
    CHECK(report_rows("mobilevit", traced, "conv_1x1_exp.") == lines_of(R"(
| conv_1x1_exp.convolution.weight | (640, 160, 1, 1) | (640, 160) | 102400 | Matrix |
| conv_1x1_exp.normalization.weight | (640,) | (640,) | 640 | Vector |
| conv_1x1_exp.normalization.bias | (640,) | (640,) | 640 | Vector |
)"));
  }
  SECTION("mobilevitv2: apple/mobilevitv2-1.0-imagenet1k-256") {
    const trace_result traced = trace(mobilevit::mobilevitv2_1_0());
    CHECK(traced.output == shape{1, 512, 8, 8});
    CHECK(report_rows("mobilevitv2", traced, "conv_stem.") == lines_of(R"(
| conv_stem.convolution.weight | (32, 3, 3, 3) | (32, 3, 3, 3) | 864 | Tensor rank 4 |
| conv_stem.normalization.weight | (32,) | (32,) | 32 | Vector |
| conv_stem.normalization.bias | (32,) | (32,) | 32 | Vector |
)"));
    CHECK(report_rows("mobilevitv2", traced, "encoder.layer.0.") == lines_of(R"(
| encoder.layer.0.layer.0.expand_1x1.convolution.weight | (64, 32, 1, 1) | (64, 32) | 2048 | Matrix |
| encoder.layer.0.layer.0.expand_1x1.normalization.weight | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.expand_1x1.normalization.bias | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.conv_3x3.convolution.weight | (64, 1, 3, 3) | (64, 3, 3) | 576 | Tensor rank 3 |
| encoder.layer.0.layer.0.conv_3x3.normalization.weight | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.conv_3x3.normalization.bias | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.reduce_1x1.convolution.weight | (64, 64, 1, 1) | (64, 64) | 4096 | Matrix |
| encoder.layer.0.layer.0.reduce_1x1.normalization.weight | (64,) | (64,) | 64 | Vector |
| encoder.layer.0.layer.0.reduce_1x1.normalization.bias | (64,) | (64,) | 64 | Vector |
)"));
    CHECK(report_rows("mobilevitv2", traced, "encoder.layer.4.transformer.layer.2.") == lines_of(R"(
| encoder.layer.4.transformer.layer.2.layernorm_before.weight | (256,) | (256,) | 256 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_before.bias | (256,) | (256,) | 256 | Vector |
| encoder.layer.4.transformer.layer.2.attention.qkv_proj.convolution.weight | (513, 256, 1, 1) | (513, 256) | 131328 | Matrix |
| encoder.layer.4.transformer.layer.2.attention.qkv_proj.convolution.bias | (513,) | (513,) | 513 | Vector |
| encoder.layer.4.transformer.layer.2.attention.out_proj.convolution.weight | (256, 256, 1, 1) | (256, 256) | 65536 | Matrix |
| encoder.layer.4.transformer.layer.2.attention.out_proj.convolution.bias | (256,) | (256,) | 256 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_after.weight | (256,) | (256,) | 256 | Vector |
| encoder.layer.4.transformer.layer.2.layernorm_after.bias | (256,) | (256,) | 256 | Vector |
| encoder.layer.4.transformer.layer.2.ffn.conv1.convolution.weight | (512, 256, 1, 1) | (512, 256) | 131072 | Matrix |
| encoder.layer.4.transformer.layer.2.ffn.conv1.convolution.bias | (512,) | (512,) | 512 | Vector |
| encoder.layer.4.transformer.layer.2.ffn.conv2.convolution.weight | (256, 512, 1, 1) | (256, 512) | 131072 | Matrix |
| encoder.layer.4.transformer.layer.2.ffn.conv2.convolution.bias | (256,) | (256,) | 256 | Vector |
)"));
    CHECK(report_rows("mobilevitv2", traced, "encoder.layer.4.transformer.layer.3.").empty());
    CHECK(report_rows("mobilevitv2", traced, "encoder.layer.4.layernorm.") == lines_of(R"(
| encoder.layer.4.layernorm.weight | (256,) | (256,) | 256 | Vector |
| encoder.layer.4.layernorm.bias | (256,) | (256,) | 256 | Vector |
)"));
    CHECK(report_rows("mobilevitv2", traced, "encoder.layer.4.conv_projection.") == lines_of(R"(
| encoder.layer.4.conv_projection.convolution.weight | (512, 256, 1, 1) | (512, 256) | 131072 | Matrix |
| encoder.layer.4.conv_projection.normalization.weight | (512,) | (512,) | 512 | Vector |
| encoder.layer.4.conv_projection.normalization.bias | (512,) | (512,) | 512 | Vector |
)"));
  }
}

}  // namespace mobilevit_test
