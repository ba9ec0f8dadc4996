// The variants the goldens were made for (tools/goldens/make_goldens.py), and the list of every model
// with goldens.
#include "test_data.hpp"

#include <archdesc/trace.hpp>
#include <architectures/torchvision/alexnet.hpp>
#include <architectures/torchvision/convnext.hpp>
#include <architectures/torchvision/deeplabv3.hpp>
#include <architectures/torchvision/densenet.hpp>
#include <architectures/torchvision/efficientnet.hpp>
#include <architectures/torchvision/fcn.hpp>
#include <architectures/torchvision/googlenet.hpp>
#include <architectures/torchvision/inception.hpp>
#include <architectures/torchvision/lraspp.hpp>
#include <architectures/torchvision/maxvit.hpp>
#include <architectures/torchvision/mnasnet.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/mvit.hpp>
#include <architectures/torchvision/regnet.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/torchvision/shufflenet_v2.hpp>
#include <architectures/torchvision/squeezenet.hpp>
#include <architectures/torchvision/swin_transformer.hpp>
#include <architectures/torchvision/vgg.hpp>
#include <architectures/torchvision/vision_transformer.hpp>

// Compiled once, in tools/builtins/builtin_models.cpp (about 6 s of g++ time saved per build).
namespace archdesc {
extern template trace_result trace(const alexnet::model&, const shape&);
extern template trace_result trace(const convnext::model&, const shape&);
extern template trace_result trace(const deeplabv3::model&, const shape&);
extern template trace_result trace(const densenet::model&, const shape&);
extern template trace_result trace(const efficientnet::model&, const shape&);
extern template trace_result trace(const fcn::model&, const shape&);
extern template trace_result trace(const googlenet::model&, const shape&);
extern template trace_result trace(const inception::model&, const shape&);
extern template trace_result trace(const lraspp::model&, const shape&);
extern template trace_result trace(const maxvit::model&, const shape&);
extern template trace_result trace(const mnasnet::model&, const shape&);
extern template trace_result trace(const mobilenet_v2::model&, const shape&);
extern template trace_result trace(const mobilenet_v3::model&, const shape&);
extern template trace_result trace(const mvit::model&, const shape&);
extern template trace_result trace(const regnet::model&, const shape&);
extern template trace_result trace(const resnet::model&, const shape&);
extern template trace_result trace(const shufflenet_v2::model&, const shape&);
extern template trace_result trace(const squeezenet::model&, const shape&);
extern template trace_result trace(const swin_transformer::model&, const shape&);
extern template trace_result trace(const vgg::model&, const shape&);
extern template trace_result trace(const vision_transformer::model&, const shape&);
}  // namespace archdesc

namespace archdesc::test {
namespace {

template <descriptor D>
variant make_variant(std::string name, const D& net) {
  return {std::move(name), [net] { return archdesc::trace(net); }};
}

}  // namespace

std::vector<variant> variants() {
  using resnet::block_type;
  return {
      // resnet
      make_variant("resnext_2222_g8w16_c37", resnet::model{.block = block_type::bottleneck,
                                                           .layers = {2, 2, 2, 2},
                                                           .num_classes = 37,
                                                           .groups = 8,
                                                           .width_per_group = 16}),
      make_variant("resnet_basic_1111_c10",
                   resnet::model{.block = block_type::basic, .layers = {1, 1, 1, 1}, .num_classes = 10}),
      make_variant("resnet50_dilated", resnet::model{.replace_stride_with_dilation = {false, true, true}}),
      // regnet
      make_variant(
          "regnet_y_custom_c10",
          regnet::model{
              .block_params = {.depth = 12, .w_0 = 24, .w_a = 15.3, .w_m = 2.2, .group_width = 8, .se_ratio = 0.5},
              .num_classes = 10,
              .stem_width = 16}),
      make_variant(
          "regnet_x_bm0_75_g64_c37",
          regnet::model{
              .block_params =
                  {.depth = 9, .w_0 = 40, .w_a = 30.0, .w_m = 2.5, .group_width = 64, .bottleneck_multiplier = 0.75},
              .num_classes = 37}),
      // convnext
      make_variant("convnext_custom_c10",
                   convnext::model{.block_setting = {{64, 128, 2}, {128, 256, 2}, {256, 0, 2}}, .num_classes = 10}),
      make_variant(
          "convnext_pico_s160_c37",
          convnext::model{.block_setting = {{32, 64, 1}, {64, 96, 1}}, .num_classes = 37, .input = {3, 160, 160}}),
      make_variant("resnet50_s320",
                   [] {
                     auto net = resnet::resnet50();
                     net.input = {3, 320, 320};
                     return net;
                   }()),
      make_variant("vit_b_16_s384", vision_transformer::vit_b_16({.image_size = 384})),
      // mobilenet_v2
      make_variant("mobilenet_v2_w0_75", mobilenet_v2::model{.width_mult = 0.75}),
      make_variant("mobilenet_v2_w0_35_c10", mobilenet_v2::model{.num_classes = 10, .width_mult = 0.35}),
      make_variant(
          "mobilenet_v2_custom",
          mobilenet_v2::model{.width_mult = 1.3,
                              .inverted_residual_setting = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {4, 64, 2, 2}},
                              .round_nearest = 4}),
      // efficientnet
      make_variant("efficientnet_b0_c10", efficientnet::efficientnet_b0({.num_classes = 10})),
      make_variant("efficientnet_w0_5_d0_5_c37", efficientnet::efficientnet_v1(0.5, 0.5, {.num_classes = 37})),
      make_variant(
          "efficientnet_custom",
          efficientnet::model{.inverted_residual_setting = {efficientnet::fused_mb_conv_config(1, 3, 1, 16, 16, 1),
                                                            efficientnet::fused_mb_conv_config(4, 3, 2, 16, 32, 2),
                                                            efficientnet::mb_conv_config(4, 3, 2, 26, 64, 2, 1.25, 1.5),
                                                            efficientnet::mb_conv_config(6, 5, 1, 80, 96, 1)},
                              .num_classes = 10,
                              .last_channel = 640}),
      // mnasnet
      make_variant("mnasnet0_35", mnasnet::model{.alpha = 0.35}),
      make_variant("mnasnet1_0_c10", mnasnet::model{.alpha = 1.0, .num_classes = 10}),
      // shufflenet_v2
      make_variant("shufflenet_v2_custom_c10",
                   shufflenet_v2::model{
                       .stages_repeats = {2, 3, 1}, .stages_out_channels = {16, 64, 128, 256, 512}, .num_classes = 10}),
      make_variant("shufflenet_v2_x1_0_c37", shufflenet_v2::model{.num_classes = 37}),
      // mobilenet_v3
      make_variant("mobilenet_v3_large_w0_75_reduced",
                   mobilenet_v3::mobilenet_v3_large({.width_mult = 0.75, .reduced_tail = true})),
      make_variant("mobilenet_v3_small_c10_dilated",
                   mobilenet_v3::mobilenet_v3_small({.dilated = true, .num_classes = 10})),
      make_variant("mobilenet_v3_custom",
                   [] {
                     using enum mobilenet_v3::nonlinearity;
                     return mobilenet_v3::model{.inverted_residual_setting = {{16, 3, 16, 16, true, RE, 2, 1, 1.0},
                                                                              {16, 5, 64, 32, false, HS, 2, 1, 1.0},
                                                                              {32, 3, 96, 32, true, HS, 1, 2, 1.0}},
                                                .last_channel = 512,
                                                .num_classes = 100};
                   }()),
      // vgg
      make_variant("vgg_custom_bn_c10", vgg::model{.cfg = {64, vgg::M, 128, 128, vgg::M, 256, vgg::M, 512, 512, vgg::M},
                                                   .batch_norm = true,
                                                   .num_classes = 10}),
      make_variant("vgg13_c37_s96", vgg::model{.cfg = vgg::cfgs::B, .num_classes = 37, .input = {3, 96, 96}}),
      // alexnet
      make_variant("alexnet_c10", alexnet::model{.num_classes = 10}),
      make_variant("alexnet_c100_s128", alexnet::model{.num_classes = 100, .input = {3, 128, 128}}),
      // densenet
      make_variant(
          "densenet_k12_369_c10",
          densenet::model{
              .growth_rate = 12, .block_config = {3, 6, 9}, .num_init_features = 24, .bn_size = 2, .num_classes = 10}),
      make_variant("densenet_k48_2222_c37_s160", densenet::model{.growth_rate = 48,
                                                                 .block_config = {2, 2, 2, 2},
                                                                 .num_init_features = 96,
                                                                 .num_classes = 37,
                                                                 .input = {3, 160, 160}}),
      // googlenet
      make_variant("googlenet_noaux_c10", googlenet::model{.num_classes = 10, .aux_logits = false}),
      make_variant("googlenet_c37_s160", googlenet::model{.num_classes = 37, .input = {3, 160, 160}}),
      // inception
      make_variant("inception_v3_noaux_c10", inception::model{.num_classes = 10, .aux_logits = false}),
      make_variant("inception_v3_noaux_s75", inception::model{.aux_logits = false, .input = {3, 75, 75}}),
      make_variant("inception_v3_c37_s342", inception::model{.num_classes = 37, .input = {3, 342, 342}}),
      // squeezenet
      make_variant("squeezenet1_1_c10",
                   squeezenet::model{.version = squeezenet::version_type::v1_1, .num_classes = 10}),
      make_variant("squeezenet1_0_c37",
                   squeezenet::model{.version = squeezenet::version_type::v1_0, .num_classes = 37}),
      // vision_transformer
      make_variant("vit_small_c10", vision_transformer::model{.image_size = 64,
                                                              .patch_size = 16,
                                                              .num_layers = 2,
                                                              .num_heads = 4,
                                                              .hidden_dim = 64,
                                                              .mlp_dim = 128,
                                                              .num_classes = 10}),
      make_variant("vit_repr48_c5", vision_transformer::model{.image_size = 96,
                                                              .patch_size = 32,
                                                              .num_layers = 3,
                                                              .num_heads = 2,
                                                              .hidden_dim = 32,
                                                              .mlp_dim = 64,
                                                              .num_classes = 5,
                                                              .representation_size = 48}),
      make_variant("vit_conv_stem",
                   vision_transformer::model{.image_size = 64,
                                             .patch_size = 16,
                                             .num_layers = 1,
                                             .num_heads = 4,
                                             .hidden_dim = 64,
                                             .mlp_dim = 128,
                                             .num_classes = 10,
                                             .conv_stem_configs = {{16, 3, 2}, {32, 3, 2}, {64, 3, 2}, {128, 3, 2}}}),
      // swin_transformer
      make_variant(
          "swin_small_c10",
          swin_transformer::model{.embed_dim = 48, .depths = {2, 2, 2}, .num_heads = {2, 4, 8}, .num_classes = 10}),
      make_variant(
          "swin_v2_odd_s200",
          swin_transformer::model{.embed_dim = 32,
                                  .depths = {1, 1, 3, 1},
                                  .num_heads = {1, 2, 4, 8},
                                  .window_size = {6, 5},
                                  .mlp_ratio = 2.5,
                                  .num_classes = 37,
                                  .block = swin_transformer::block_type::swin_transformer_block_v2,
                                  .downsample_layer = swin_transformer::downsample_layer_type::patch_merging_v2,
                                  .input = {3, 200, 200}}),
      // maxvit
      make_variant("maxvit_small_c10", maxvit::model{.stem_channels = 32,
                                                     .block_channels = {32, 64},
                                                     .block_layers = {1, 2},
                                                     .head_dim = 16,
                                                     .num_classes = 10}),
      make_variant("maxvit_p4_s128_silu", maxvit::model{.input_size = 128,
                                                        .stem_channels = 16,
                                                        .partition_size = 4,
                                                        .block_channels = {16, 32, 64},
                                                        .block_layers = {2, 1, 1},
                                                        .head_dim = 8,
                                                        .stochastic_depth_prob = 0.0,
                                                        .activation_layer = &silu,
                                                        .squeeze_ratio = 0.5,
                                                        .expansion_ratio = 2,
                                                        .mlp_ratio = 2,
                                                        .num_classes = 37}),
      // segmentation, in the layout of the published weights (with the auxiliary classifier)
      make_variant("deeplabv3_resnet50_aux", deeplabv3::deeplabv3_resnet50({.aux_loss = true})),
      make_variant("deeplabv3_resnet101_aux", deeplabv3::deeplabv3_resnet101({.aux_loss = true})),
      make_variant("deeplabv3_mobilenet_v3_large_aux", deeplabv3::deeplabv3_mobilenet_v3_large({.aux_loss = true})),
      make_variant("fcn_resnet50_aux", fcn::fcn_resnet50({.aux_loss = true})),
      make_variant("fcn_resnet101_aux", fcn::fcn_resnet101({.aux_loss = true})),
      // a (1,) bias squeezes to a scalar: "Tensor rank 0"
      make_variant("lraspp_mobilenet_v3_large_c1", lraspp::lraspp_mobilenet_v3_large({.num_classes = 1})),
      // mvit: pooled sizes other than the constructor's, rows without q or k/v pooling, a temporal stride
      make_variant("mvit_v2_custom_c10",
                   mvit::model{.spatial_size = {100, 84},
                               .temporal_size = 8,
                               .block_setting = {{1, 48, 48, {3, 3, 3}, {3, 3, 3}, {1, 1, 1}, {1, 4, 4}},
                                                 {2, 48, 96, {1, 3, 3}, {1, 1, 1}, {1, 2, 2}, {1, 1, 1}},
                                                 {2, 96, 96, {}, {3, 3, 3}, {}, {1, 2, 2}},
                                                 {4, 96, 192, {3, 3, 3}, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}}},
                               .residual_pool = true,
                               .rel_pos_embed = true,
                               .proj_after_attn = true,
                               .attention_dropout = 0.1,
                               .num_classes = 10}),
      make_variant("mvit_v1_custom_c5",
                   mvit::model{.spatial_size = {64, 64},
                               .temporal_size = 4,
                               .block_setting = {{1, 32, 64, {}, {3, 3, 3}, {}, {1, 2, 2}},
                                                 {2, 64, 64, {3, 3, 3}, {3, 3, 3}, {1, 2, 2}, {1, 1, 1}}},
                               .residual_with_cls_embed = false,
                               .num_classes = 5,
                               .patch_embed_kernel = {1, 4, 4},
                               .patch_embed_stride = {1, 4, 4},
                               .patch_embed_padding = {0, 0, 0}}),
  };
}

std::vector<variant> all_models() {
  std::vector<variant> models = variants();
  for (const auto& builtin : tool::builtin_models())
    if (builtin.reference == tool::reference::torchvision)
      models.push_back({std::string(builtin.name), [&builtin] { return builtin.trace(); }});
  return models;
}

}  // namespace archdesc::test
