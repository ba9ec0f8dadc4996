// The named builders of mobilenet_v2, mobilenet_v3, regnet, shufflenet_v2, squeezenet,
// swin_transformer, vgg and vision_transformer take the model's knobs, as torchvision's builders take
// keyword arguments (archdesc/builder.hpp): the knobs the builder sets, and the user's others. Where
// tests/support/test_data.cpp has a golden variant a builder call makes, its total is the golden's
// (tests/data/goldens/index.tsv).
#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/regnet.hpp>
#include <architectures/torchvision/shufflenet_v2.hpp>
#include <architectures/torchvision/squeezenet.hpp>
#include <architectures/torchvision/swin_transformer.hpp>
#include <architectures/torchvision/vgg.hpp>
#include <architectures/torchvision/vision_transformer.hpp>

#include <catch2/catch.hpp>

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
  STATIC_REQUIRE(large.inverted_residual_setting == mobilenet_v3_conf(arch::mobilenet_v3_large, 0.75, true).inverted_residual_setting);
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
  STATIC_REQUIRE(shufflenet_v2_x0_5({.num_classes = 10}).stages_out_channels == shufflenet_v2_x0_5().stages_out_channels);
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
