// The variants the goldens were made for (tools/goldens/make_goldens.py), and the list of every model
// with goldens. Each variant is a built-in with knobs changed, as `archdesc report BASE --set ...` makes
// it: the registry (tools/builtins) compiles every family's trace once, so this file includes no family.
#include "test_data.hpp"

#include <memory>
#include <stdexcept>

namespace archdesc::test {
namespace {

struct variant_knobs {
  const char* name;
  const char* base;
  std::vector<std::string> sets;
};

variant make_variant(const variant_knobs& knobs) {
  const auto* base = tool::find_builtin(knobs.base);
  if (base == nullptr) throw std::invalid_argument(std::string("no built-in ") + knobs.base);
  std::shared_ptr<const tool::configured_model> net = [&] {
    auto configured = base->configure();
    for (const auto& assignment : knobs.sets) {
      const auto [knob, value] = parse_knob_assignment(assignment);
      configured->set(knob, value);
    }
    return configured;
  }();
  return {knobs.name, [net] { return net->trace(net->default_input()); }};
}

}  // namespace

std::vector<variant> variants() {
  const variant_knobs all[] = {
      {"resnext_2222_g8w16_c37", "resnet50", {"layers=[2,2,2,2]", "num_classes=37", "groups=8", "width_per_group=16"}},
      {"resnet_basic_1111_c10", "resnet50", {"block=basic", "layers=[1,1,1,1]", "num_classes=10"}},
      {"resnet50_dilated", "resnet50", {"replace_stride_with_dilation=[false,true,true]"}},
      {"regnet_y_custom_c10",
       "regnet_y_400mf",
       {"block_params.depth=12", "block_params.w_0=24", "block_params.w_a=15.3", "block_params.w_m=2.2",
        "block_params.se_ratio=0.5", "num_classes=10", "stem_width=16"}},
      {"regnet_x_bm0_75_g64_c37",
       "regnet_y_400mf",
       {"block_params.depth=9", "block_params.w_0=40", "block_params.w_a=30.0", "block_params.w_m=2.5",
        "block_params.group_width=64", "block_params.bottleneck_multiplier=0.75", "block_params.se_ratio=0.0",
        "num_classes=37"}},
      {"convnext_custom_c10", "convnext_tiny", {"block_setting=[[64,128,2],[128,256,2],[256,0,2]]", "num_classes=10"}},
      {"convnext_pico_s160_c37",
       "convnext_tiny",
       {"block_setting=[[32,64,1],[64,96,1]]", "num_classes=37", "input=3x160x160"}},
      {"resnet50_s320", "resnet50", {"input=3x320x320"}},
      {"vit_b_16_s384", "vit_b_16", {"image_size=384"}},
      {"mobilenet_v2_w0_75", "mobilenet_v2", {"width_mult=0.75"}},
      {"mobilenet_v2_w0_35_c10", "mobilenet_v2", {"num_classes=10", "width_mult=0.35"}},
      {"mobilenet_v2_custom",
       "mobilenet_v2",
       {"width_mult=1.3", "inverted_residual_setting=[[1.0,16,1,1],[6.0,24,2,2],[6.0,32,3,2],[4.0,64,2,2]]",
        "round_nearest=4"}},
      {"efficientnet_b0_c10", "efficientnet_b0", {"num_classes=10"}},
      {"efficientnet_w0_5_d0_5_c37",
       "efficientnet_b0",
       {"inverted_residual_setting=[[1.0,3,1,16,8,1,mb_conv],[6.0,3,2,8,16,1,mb_conv],[6.0,5,2,16,24,1,mb_conv],[6.0,3,"
        "2,24,40,2,mb_conv],[6.0,5,1,40,56,2,mb_conv],[6.0,5,2,56,96,2,mb_conv],[6.0,3,1,96,160,1,mb_conv]]",
        "num_classes=37"}},
      {"efficientnet_custom",
       "efficientnet_b0",
       {"inverted_residual_setting=[[1.0,3,1,16,16,1,fused_mb_conv],[4.0,3,2,16,32,2,fused_mb_conv],[4.0,3,2,32,80,3,"
        "mb_conv],[6.0,5,1,80,96,1,mb_conv]]",
        "num_classes=10", "last_channel=640"}},
      {"mnasnet0_35", "mnasnet1_0", {"alpha=0.35"}},
      {"mnasnet1_0_c10", "mnasnet1_0", {"num_classes=10"}},
      {"shufflenet_v2_custom_c10",
       "shufflenet_v2_x1_0",
       {"stages_repeats=[2,3,1]", "stages_out_channels=[16,64,128,256,512]", "num_classes=10"}},
      {"shufflenet_v2_x1_0_c37", "shufflenet_v2_x1_0", {"num_classes=37"}},
      {"mobilenet_v3_large_w0_75_reduced",
       "mobilenet_v3_large",
       {"inverted_residual_setting=[[16,3,16,16,false,false,1,1],[16,3,48,24,false,false,2,1],[24,3,56,24,false,false,"
        "1,1],[24,5,56,32,true,false,2,1],[32,5,88,32,true,false,1,1],[32,5,88,32,true,false,1,1],[32,3,184,64,false,"
        "true,2,1],[64,3,152,64,false,true,1,1],[64,3,136,64,false,true,1,1],[64,3,136,64,false,true,1,1],[64,3,360,88,"
        "true,true,1,1],[88,3,504,88,true,true,1,1],[88,5,504,64,true,true,2,1],[64,5,360,64,true,true,1,1],[64,5,360,"
        "64,true,true,1,1]]",
        "last_channel=480", "width_mult=0.75", "reduced_tail=true"}},
      {"mobilenet_v3_small_c10_dilated",
       "mobilenet_v3_large",
       {"inverted_residual_setting=[[16,3,16,16,true,false,2,1],[16,3,72,24,false,false,2,1],[24,3,88,24,false,false,1,"
        "1],[24,5,96,40,true,true,2,1],[40,5,240,40,true,true,1,1],[40,5,240,40,true,true,1,1],[40,5,120,48,true,true,"
        "1,1],[48,5,144,48,true,true,1,1],[48,5,288,96,true,true,2,2],[96,5,576,96,true,true,1,2],[96,5,576,96,true,"
        "true,1,2]]",
        "last_channel=1024", "dilated=true", "num_classes=10"}},
      {"mobilenet_v3_custom",
       "mobilenet_v3_large",
       {"inverted_residual_setting=[[16,3,16,16,true,false,2,1],[16,5,64,32,false,true,2,1],[32,3,96,32,true,true,1,2]"
        "]",
        "last_channel=512", "num_classes=100"}},
      {"vgg_custom_bn_c10", "vgg11", {"cfg=[64,-1,128,128,-1,256,-1,512,512,-1]", "batch_norm=true", "num_classes=10"}},
      {"vgg13_c37_s96",
       "vgg11",
       {"cfg=[64,64,-1,128,128,-1,256,256,-1,512,512,-1,512,512,-1]", "num_classes=37", "input=3x96x96"}},
      {"alexnet_c10", "alexnet", {"num_classes=10"}},
      {"alexnet_c100_s128", "alexnet", {"num_classes=100", "input=3x128x128"}},
      {"densenet_k12_369_c10",
       "densenet121",
       {"growth_rate=12", "block_config=[3,6,9]", "num_init_features=24", "bn_size=2", "num_classes=10"}},
      {"densenet_k48_2222_c37_s160",
       "densenet121",
       {"growth_rate=48", "block_config=[2,2,2,2]", "num_init_features=96", "num_classes=37", "input=3x160x160"}},
      {"googlenet_noaux_c10", "googlenet", {"num_classes=10", "aux_logits=false"}},
      {"googlenet_c37_s160", "googlenet", {"num_classes=37", "input=3x160x160"}},
      {"inception_v3_noaux_c10", "inception_v3", {"num_classes=10", "aux_logits=false"}},
      {"inception_v3_noaux_s75", "inception_v3", {"aux_logits=false", "input=3x75x75"}},
      {"inception_v3_c37_s342", "inception_v3", {"num_classes=37", "input=3x342x342"}},
      {"squeezenet1_1_c10", "squeezenet1_0", {"version=v1_1", "num_classes=10"}},
      {"squeezenet1_0_c37", "squeezenet1_0", {"num_classes=37"}},
      {"vit_small_c10",
       "vit_b_16",
       {"image_size=64", "num_layers=2", "num_heads=4", "hidden_dim=64", "mlp_dim=128", "num_classes=10"}},
      {"vit_repr48_c5",
       "vit_b_16",
       {"image_size=96", "patch_size=32", "num_layers=3", "num_heads=2", "hidden_dim=32", "mlp_dim=64", "num_classes=5",
        "representation_size=48"}},
      {"vit_conv_stem",
       "vit_b_16",
       {"image_size=64", "num_layers=1", "num_heads=4", "hidden_dim=64", "mlp_dim=128", "num_classes=10",
        "conv_stem_configs=[[16,3,2,batch_norm2d,relu],[32,3,2,batch_norm2d,relu],[64,3,2,batch_norm2d,relu],[128,3,2,"
        "batch_norm2d,relu]]"}},
      {"swin_small_c10", "swin_t", {"embed_dim=48", "depths=[2,2,2]", "num_heads=[2,4,8]", "num_classes=10"}},
      {"swin_v2_odd_s200",
       "swin_t",
       {"embed_dim=32", "depths=[1,1,3,1]", "num_heads=[1,2,4,8]", "window_size=[6,5]", "mlp_ratio=2.5",
        "num_classes=37", "block=swin_transformer_block_v2", "downsample_layer=patch_merging_v2", "input=3x200x200"}},
      {"maxvit_small_c10",
       "maxvit_t",
       {"stem_channels=32", "block_channels=[32,64]", "block_layers=[1,2]", "head_dim=16", "num_classes=10"}},
      {"maxvit_p4_s128_silu",
       "maxvit_t",
       {"input_size=128", "stem_channels=16", "partition_size=4", "block_channels=[16,32,64]", "block_layers=[2,1,1]",
        "head_dim=8", "stochastic_depth_prob=0.0", "activation_layer=silu", "squeeze_ratio=0.5", "expansion_ratio=2.0",
        "mlp_ratio=2", "num_classes=37"}},
      // segmentation, in the layout of the published weights (with the auxiliary classifier)
      {"deeplabv3_resnet50_aux", "deeplabv3_resnet50", {"aux_loss=true"}},
      {"deeplabv3_resnet101_aux", "deeplabv3_resnet101", {"aux_loss=true"}},
      {"deeplabv3_mobilenet_v3_large_aux", "deeplabv3_mobilenet_v3_large", {"aux_loss=true"}},
      {"fcn_resnet50_aux", "fcn_resnet50", {"aux_loss=true"}},
      {"fcn_resnet101_aux", "fcn_resnet101", {"aux_loss=true"}},
      // a (1,) bias squeezes to a scalar: "Tensor rank 0"
      {"lraspp_mobilenet_v3_large_c1", "lraspp_mobilenet_v3_large", {"num_classes=1"}},
      // mvit: pooled sizes other than the constructor's, rows without q or k/v pooling, a temporal stride
      {"mvit_v2_custom_c10",
       "mvit_v2_s",
       {"spatial_size=[100,84]", "temporal_size=8",
        "block_setting=[[1,48,48,[3,3,3],[3,3,3],[1,1,1],[1,4,4]],[2,48,96,[1,3,3],[1,1,1],[1,2,2],[1,1,1]],[2,96,96,[]"
        ","
        "[3,3,3],[],[1,2,2]],[4,96,192,[3,3,3],[3,3,3],[2,2,2],[1,1,1]]]",
        "residual_with_cls_embed=true", "attention_dropout=0.1", "stochastic_depth_prob=0.0", "num_classes=10"}},
      {"mvit_v1_custom_c5",
       "mvit_v1_b",
       {"spatial_size=64", "temporal_size=4",
        "block_setting=[[1,32,64,[],[3,3,3],[],[1,2,2]],[2,64,64,[3,3,3],[3,3,3],[1,2,2],[1,1,1]]]",
        "stochastic_depth_prob=0.0", "num_classes=5", "patch_embed_kernel=[1,4,4]", "patch_embed_stride=[1,4,4]",
        "patch_embed_padding=0"}},
      // optical flow: a BatchNorm context encoder, 3 pyramid levels, two ConvGRUs, the mask predictor
      {"raft_small_masked_s256",
       "raft_small",
       {"context_encoder_norm_layer=batch_norm2d", "corr_block_num_levels=3", "motion_encoder_corr_layers=[128,96]",
        "recurrent_block_kernel_size=[[1,5],[5,1]]", "recurrent_block_padding=[[0,2],[2,0]]", "use_mask_predictor=true",
        "input=3x256x256"}},
      // raft_large's but a BatchNorm feature encoder, a context encoder of bottlenecks without norm, one
      // correlation layer, one 3x3 ConvGRU, no mask predictor
      {"raft_large_one_gru_s128",
       "raft_large",
       {"feature_encoder_layers=[48,48,64,96,192]", "feature_encoder_norm_layer=batch_norm2d",
        "context_encoder_block=bottleneck_block", "context_encoder_norm_layer=none", "corr_block_radius=2",
        "motion_encoder_corr_layers=[160]", "motion_encoder_flow_layers=[96,48]", "motion_encoder_out_channels=96",
        "recurrent_block_hidden_state_size=64", "recurrent_block_kernel_size=[3]", "recurrent_block_padding=[1]",
        "flow_head_hidden_size=96", "use_mask_predictor=false", "input=3x128x128"}}};
  std::vector<variant> made;
  for (const auto& knobs : all) made.push_back(make_variant(knobs));
  return made;
}

std::vector<variant> all_models() {
  std::vector<variant> models = variants();
  for (const auto& builtin : tool::builtin_models())
    if (builtin.reference == tool::reference::torchvision)
      models.push_back({std::string(builtin.name), [&builtin] { return builtin.trace(); }});
  return models;
}

}  // namespace archdesc::test
