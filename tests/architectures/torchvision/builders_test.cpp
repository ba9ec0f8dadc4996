// The named builders take their family model's knobs, as torchvision's builders take keyword
// arguments (efficientnet_b3(num_classes=100) is efficientnet_b3({.num_classes = 100})), set the
// knobs that make them that model (archdesc::builder_sets) and default the others they default
// (archdesc::builder_defaults). A user value that disagrees with a knob the builder sets does not
// compile (tests/compile_fail/builder_conflict.cpp). The parameter counts are torchvision's
// (tests/data/goldens/index.tsv) where a golden of the same model exists.
#include <archdesc/archdesc.hpp>
#include <architectures/torchvision/alexnet.hpp>
#include <architectures/torchvision/convnext.hpp>
#include <architectures/torchvision/densenet.hpp>
#include <architectures/torchvision/efficientnet.hpp>
#include <architectures/torchvision/googlenet.hpp>
#include <architectures/torchvision/inception.hpp>
#include <architectures/torchvision/maxvit.hpp>
#include <architectures/torchvision/mnasnet.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/regnet.hpp>
#include <architectures/torchvision/shufflenet_v2.hpp>
#include <architectures/torchvision/squeezenet.hpp>
#include <architectures/torchvision/swin_transformer.hpp>
#include <architectures/torchvision/vgg.hpp>
#include <architectures/torchvision/vision_transformer.hpp>

#include <catch2/catch.hpp>

namespace torchvision_builders_test {

using archdesc::parameter_count;
using archdesc::shape;

TEST_CASE("alexnet takes AlexNet's knobs", "[builders]") {
  using namespace archdesc::alexnet;
  STATIC_REQUIRE(alexnet({.num_classes = 10}).num_classes == 10);
  STATIC_REQUIRE(parameter_count<alexnet({.num_classes = 10})> == 57'044'810);  // alexnet_c10
  STATIC_REQUIRE(alexnet({.input = {3, 128, 128}}).input == shape{3, 128, 128});
}

TEST_CASE("convnext's builders take ConvNeXt's knobs and set block_setting", "[builders]") {
  using namespace archdesc::convnext;
  constexpr model tiny10 = convnext_tiny({.num_classes = 10});
  STATIC_REQUIRE(tiny10.num_classes == 10);
  STATIC_REQUIRE(tiny10.block_setting == convnext_tiny().block_setting);
  STATIC_REQUIRE(convnext_large({.num_classes = 10}).block_setting[3].input_channels == 1536);
  // convnext_tiny's 28'589'128, less the 768 x 990 weights and 990 biases of the classes left out.
  STATIC_REQUIRE(parameter_count<tiny10> == 27'827'818);
  // A user value equal to the builder's agrees with it.
  STATIC_REQUIRE(
      convnext_tiny({.block_setting = {{96, 192, 3}, {192, 384, 3}, {384, 768, 9}, {768, 0, 3}}}).num_classes == 1000);
}

TEST_CASE("densenet's builders take DenseNet's knobs and set growth_rate, block_config, num_init_features",
          "[builders]") {
  using namespace archdesc::densenet;
  STATIC_REQUIRE(densenet121({.num_classes = 10}).num_classes == 10);
  // densenet121's 7'978'856, less the 1024 x 990 weights and 990 biases of the classes left out.
  STATIC_REQUIRE(parameter_count<densenet121({.num_classes = 10})> == 6'964'106);
  constexpr model d161 = densenet161({.bn_size = 2, .num_classes = 37, .input = {3, 160, 160}});
  STATIC_REQUIRE(d161.growth_rate == 48);
  STATIC_REQUIRE(d161.block_config == archdesc::bounded_list<int, 16>{6, 12, 36, 24});
  STATIC_REQUIRE(d161.num_init_features == 96);
  STATIC_REQUIRE(d161.bn_size == 2);
  STATIC_REQUIRE(d161.input == shape{3, 160, 160});
  STATIC_REQUIRE(densenet161({.growth_rate = 48}).growth_rate == 48);  // agrees with the builder
}

TEST_CASE("efficientnet's builders take EfficientNet's knobs, set its settings and default the input", "[builders]") {
  using namespace archdesc::efficientnet;
  STATIC_REQUIRE(efficientnet_b0({.num_classes = 10}).num_classes == 10);
  STATIC_REQUIRE(parameter_count<efficientnet_b0({.num_classes = 10})> == 4'020'358);  // efficientnet_b0_c10
  STATIC_REQUIRE(parameter_count<efficientnet_v1(0.5, 0.5, {.num_classes = 37})> ==
                 680'837);  // efficientnet_w0_5_d0_5_c37
  constexpr model b3 = efficientnet_b3({.num_classes = 100});
  STATIC_REQUIRE(b3.num_classes == 100);
  STATIC_REQUIRE(b3.inverted_residual_setting == efficientnet_b3().inverted_residual_setting);
  STATIC_REQUIRE(b3.input == shape{3, 300, 300});  // the crop size of its weights, by default
  STATIC_REQUIRE(efficientnet_b3({.input = {3, 320, 320}}).input == shape{3, 320, 320});  // which the user may change
  constexpr model v2_s = efficientnet_v2_s({.num_classes = 10});
  STATIC_REQUIRE(v2_s.last_channel == 1280);
  STATIC_REQUIRE(v2_s.inverted_residual_setting[0].block == block_type::fused_mb_conv);
  STATIC_REQUIRE(v2_s.input == shape{3, 384, 384});
  STATIC_REQUIRE(efficientnet_v2_l({.last_channel = 1280}).last_channel == 1280);  // agrees with the builder
}

TEST_CASE("googlenet takes GoogLeNet's knobs", "[builders]") {
  using namespace archdesc::googlenet;
  constexpr model noaux = googlenet({.num_classes = 10, .aux_logits = false});
  STATIC_REQUIRE(noaux.num_classes == 10 && !noaux.aux_logits);
  STATIC_REQUIRE(parameter_count<noaux> == 5'610'154);  // googlenet_noaux_c10
}

TEST_CASE("inception_v3 takes Inception3's knobs", "[builders]") {
  using namespace archdesc::inception;
  constexpr model noaux = inception_v3({.num_classes = 10, .aux_logits = false});
  STATIC_REQUIRE(noaux.num_classes == 10 && !noaux.aux_logits);
  STATIC_REQUIRE(noaux.input == shape{3, 299, 299});
  STATIC_REQUIRE(parameter_count<noaux> == 21'806'058);  // inception_v3_noaux_c10
}

TEST_CASE("maxvit_t takes MaxVit's knobs and sets the ones that make it", "[builders]") {
  using namespace archdesc::maxvit;
  constexpr model t10 = maxvit_t({.num_classes = 10});
  STATIC_REQUIRE(t10.num_classes == 10);
  STATIC_REQUIRE(t10.block_layers == maxvit_t().block_layers && t10.block_channels == maxvit_t().block_channels);
  STATIC_REQUIRE(maxvit_t({.input_size = 448}).input_size == archdesc::hw{448});
  STATIC_REQUIRE(maxvit_t({.partition_size = 7, .head_dim = 32}).num_classes == 1000);  // agrees with the builder
}

TEST_CASE("mnasnet's builders take MNASNet's knobs and set alpha", "[builders]") {
  using namespace archdesc::mnasnet;
  STATIC_REQUIRE(mnasnet1_0({.num_classes = 10}).num_classes == 10);
  STATIC_REQUIRE(parameter_count<mnasnet1_0({.num_classes = 10})> == 3'115'122);  // mnasnet1_0_c10
  STATIC_REQUIRE(mnasnet0_5({.num_classes = 10}).alpha == 0.5);
  STATIC_REQUIRE(mnasnet1_3({.alpha = 1.3}).alpha == 1.3);  // agrees with the builder
}

}  // namespace torchvision_builders_test

namespace archdesc {

TEST_CASE("mobilenet_v2's builder takes MobileNetV2's knobs", "[builders]") {
  using mobilenet_v2::mobilenet_v2;
  STATIC_REQUIRE(mobilenet_v2().width_mult == 1.0);
  // golden variants mobilenet_v2_w0_75 and mobilenet_v2_w0_35_c10
  STATIC_REQUIRE(parameter_count<mobilenet_v2({.width_mult = 0.75})> == 2'636'424);
  STATIC_REQUIRE(parameter_count<mobilenet_v2({.num_classes = 10, .width_mult = 0.35})> == 408'938);
}

TEST_CASE("mobilenet_v3's builders make the setting from width_mult, reduced_tail and dilated", "[builders]") {
  using namespace mobilenet_v3;
  constexpr model large = mobilenet_v3_large({.width_mult = 0.75, .reduced_tail = true});
  STATIC_REQUIRE(large.inverted_residual_setting ==
                 mobilenet_v3_conf(arch::mobilenet_v3_large, 0.75, true).inverted_residual_setting);
  STATIC_REQUIRE(large.last_channel == mobilenet_v3_conf(arch::mobilenet_v3_large, 0.75, true).last_channel);
  // golden variants mobilenet_v3_large_w0_75_reduced and mobilenet_v3_small_c10_dilated
  STATIC_REQUIRE(parameter_count<large> == 1'620'728);
  STATIC_REQUIRE(parameter_count<mobilenet_v3_small({.dilated = true, .num_classes = 10})> == 1'528'106);
  // a value the builder sets itself may be given when it agrees
  STATIC_REQUIRE(mobilenet_v3_small({.last_channel = 1024, .num_classes = 10}).num_classes == 10);
}

TEST_CASE("regnet's builders set block_params and take RegNet's other knobs", "[builders]") {
  using namespace regnet;
  constexpr model net = regnet_y_400mf({.num_classes = 10});
  STATIC_REQUIRE(net.block_params == regnet_y_400mf().block_params);
  // regnet_y_400mf's 4'344'144, its fc 440 -> 1000 become 440 -> 10
  STATIC_REQUIRE(parameter_count<net> == 4'344'144 - 441'000 + 4'410);
  // regnet_y_128gf defaults input to its weights' crop, which the user may change
  STATIC_REQUIRE(regnet_y_128gf().input == shape{3, 384, 384});
  STATIC_REQUIRE(regnet_y_128gf({.input = {3, 256, 256}}).input == shape{3, 256, 256});
}

TEST_CASE("shufflenet_v2's builders set the stages and take ShuffleNetV2's other knobs", "[builders]") {
  using namespace shufflenet_v2;
  // golden variant shufflenet_v2_x1_0_c37
  STATIC_REQUIRE(parameter_count<shufflenet_v2_x1_0({.num_classes = 37})> == 1'291'529);
  STATIC_REQUIRE(shufflenet_v2_x0_5({.num_classes = 10}).stages_out_channels ==
                 shufflenet_v2_x0_5().stages_out_channels);
}

TEST_CASE("squeezenet's builders set version and take SqueezeNet's other knobs", "[builders]") {
  using namespace squeezenet;
  // golden variants squeezenet1_1_c10 and squeezenet1_0_c37
  STATIC_REQUIRE(parameter_count<squeezenet1_1({.num_classes = 10})> == 727'626);
  STATIC_REQUIRE(parameter_count<squeezenet1_0({.num_classes = 37})> == 754'405);
}

TEST_CASE("swin_transformer's builders set the architecture and take SwinTransformer's other knobs", "[builders]") {
  using namespace swin_transformer;
  // swin_t's 28'288'354, its head 768 -> 1000 become 768 -> 10
  STATIC_REQUIRE(parameter_count<swin_t({.num_classes = 10})> == 28'288'354 - 769'000 + 7'690);
  STATIC_REQUIRE(swin_t({.embed_dim = 96, .window_size = 7}).embed_dim == 96);  // agreeing values
  // the V2 builders set block and downsample_layer, and default input to 256, which the user may change
  constexpr model v2 = swin_v2_t({.num_classes = 10, .input = {3, 192, 192}});
  STATIC_REQUIRE(v2.block == block_type::swin_transformer_block_v2);
  STATIC_REQUIRE(v2.downsample_layer == downsample_layer_type::patch_merging_v2);
  STATIC_REQUIRE(v2.window_size == hw{8});
  STATIC_REQUIRE(v2.input == shape{3, 192, 192});
  STATIC_REQUIRE(swin_v2_t().input == shape{3, 256, 256});
}

TEST_CASE("vgg's builders set cfg and batch_norm and take VGG's other knobs", "[builders]") {
  using namespace vgg;
  // golden variant vgg13_c37_s96
  STATIC_REQUIRE(parameter_count<vgg13({.num_classes = 37, .input = {3, 96, 96}})> == 129'102'437);
  STATIC_REQUIRE(vgg16_bn({.cfg = cfgs::D, .batch_norm = true}).cfg == cfgs::D);  // agreeing values
}

TEST_CASE("vision_transformer's builders set the architecture and take VisionTransformer's other knobs", "[builders]") {
  using namespace vision_transformer;
  // golden variant vit_b_16_s384
  STATIC_REQUIRE(parameter_count<vit_b_16({.image_size = 384})> == 86'859'496);
  STATIC_REQUIRE(vit_l_32({.num_classes = 10}).hidden_dim == 1024);
}

}  // namespace archdesc
