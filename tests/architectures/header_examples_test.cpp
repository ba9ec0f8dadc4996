// Every example in a family header's top comment (architectures/*/*.hpp), verbatim, with a
// static_assert(archdesc::valid<...>) for each variant it designs: keep them in sync with the
// comments. (The include/archdesc/ headers' examples are in tests/core/header_examples_test.cpp.)
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
#include <architectures/torchvision/resnet.hpp>
#include <architectures/torchvision/shufflenet_v2.hpp>
#include <architectures/torchvision/squeezenet.hpp>
#include <architectures/torchvision/swin_transformer.hpp>
#include <architectures/torchvision/vgg.hpp>
#include <architectures/torchvision/vision_transformer.hpp>
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/gpt2.hpp>
#include <architectures/transformers/llama.hpp>
#include <architectures/transformers/mistral.hpp>
#include <architectures/transformers/mixtral.hpp>
#include <architectures/transformers/mobilebert.hpp>
#include <architectures/transformers/mobilevit.hpp>
#include <architectures/transformers/openai_gpt.hpp>
#include <architectures/transformers/t5.hpp>
#include <architectures/transformers/xlnet.hpp>

#include <catch2/catch.hpp>

// architectures/torchvision/alexnet.hpp
namespace alexnet_hpp {
constexpr auto net = archdesc::alexnet::alexnet();
static_assert(archdesc::parameter_count<net> == 61'100'840);
constexpr archdesc::alexnet::model small{.num_classes = 10, .input = {3, 128, 128}};
static_assert(archdesc::valid<small>);
}  // namespace alexnet_hpp

// architectures/torchvision/convnext.hpp
namespace convnext_hpp {
constexpr auto net = archdesc::convnext::convnext_tiny();
static_assert(archdesc::parameter_count<net> == 28'589'128);
constexpr archdesc::convnext::model mine{.block_setting = {{64, 128, 2}, {128, 0, 2}}, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace convnext_hpp

// architectures/torchvision/densenet.hpp
namespace densenet_hpp {
constexpr auto net = archdesc::densenet::densenet121();
static_assert(archdesc::parameter_count<net> == 7'978'856);
constexpr archdesc::densenet::model small{.growth_rate = 12, .block_config = {3, 6, 9}, .num_classes = 10};
static_assert(archdesc::valid<small>);
}  // namespace densenet_hpp

// architectures/torchvision/efficientnet.hpp
namespace efficientnet_hpp {
constexpr auto net = archdesc::efficientnet::efficientnet_b0();
static_assert(archdesc::parameter_count<net> == 5'288'548);
constexpr auto mine = archdesc::efficientnet::efficientnet_v1(0.5, 0.5, {.num_classes = 10});  // width, depth
static_assert(archdesc::valid<mine>);
}  // namespace efficientnet_hpp

// architectures/torchvision/googlenet.hpp
namespace googlenet_hpp {
constexpr auto net = archdesc::googlenet::googlenet();
static_assert(archdesc::parameter_count<net> == 13'004'888);
constexpr archdesc::googlenet::model small{.num_classes = 10, .aux_logits = false};
static_assert(archdesc::valid<small>);
}  // namespace googlenet_hpp

// architectures/torchvision/inception.hpp
namespace inception_hpp {
constexpr auto net = archdesc::inception::inception_v3();
static_assert(archdesc::parameter_count<net> == 27'161'264);
constexpr archdesc::inception::model small{.num_classes = 10, .aux_logits = false, .input = {3, 75, 75}};
static_assert(archdesc::valid<small>);
}  // namespace inception_hpp

// architectures/torchvision/maxvit.hpp
namespace maxvit_hpp {
constexpr auto net = archdesc::maxvit::maxvit_t();
static_assert(archdesc::parameter_count<net> == 30'919'624);
constexpr archdesc::maxvit::model small{.block_channels = {32, 64}, .block_layers = {1, 2}, .num_classes = 10};
static_assert(archdesc::valid<small>);
}  // namespace maxvit_hpp

// architectures/torchvision/mnasnet.hpp
namespace mnasnet_hpp {
constexpr auto net = archdesc::mnasnet::mnasnet1_0();
static_assert(archdesc::parameter_count<net> == 4'383'312);
constexpr archdesc::mnasnet::model slim{.alpha = 0.35, .num_classes = 10};
static_assert(archdesc::valid<slim>);
}  // namespace mnasnet_hpp

// architectures/torchvision/mobilenet_v2.hpp
namespace mobilenet_v2_hpp {
constexpr auto net = archdesc::mobilenet_v2::mobilenet_v2();
static_assert(archdesc::parameter_count<net> == 3'504'872);
constexpr archdesc::mobilenet_v2::model slim{.num_classes = 10, .width_mult = 0.35};
static_assert(archdesc::valid<slim>);
}  // namespace mobilenet_v2_hpp

// architectures/torchvision/mobilenet_v3.hpp
namespace mobilenet_v3_hpp {
constexpr auto net = archdesc::mobilenet_v3::mobilenet_v3_large();
static_assert(archdesc::parameter_count<net> == 5'483'032);
constexpr auto slim = archdesc::mobilenet_v3::mobilenet_v3_small({.width_mult = 0.75, .num_classes = 10});
static_assert(archdesc::valid<slim>);
}  // namespace mobilenet_v3_hpp

// architectures/torchvision/regnet.hpp
namespace regnet_hpp {
constexpr auto net = archdesc::regnet::regnet_y_400mf();
static_assert(archdesc::parameter_count<net> == 4'344'144);
constexpr archdesc::regnet::model mine{
    .block_params = {.depth = 10, .w_0 = 32, .w_a = 20.5, .w_m = 2.3, .group_width = 8}, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace regnet_hpp

// architectures/torchvision/resnet.hpp
namespace resnet_hpp {
constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::parameter_count<net> == 25'028'904);
using enum archdesc::resnet::block_type;
constexpr archdesc::resnet::model mine{
    .block = bottleneck, .layers = {2, 2, 2, 2}, .num_classes = 37, .groups = 8, .width_per_group = 16};
static_assert(archdesc::valid<mine>);
}  // namespace resnet_hpp

// architectures/torchvision/shufflenet_v2.hpp
namespace shufflenet_v2_hpp {
constexpr auto net = archdesc::shufflenet_v2::shufflenet_v2_x1_0();
static_assert(archdesc::parameter_count<net> == 2'278'604);
constexpr archdesc::shufflenet_v2::model mine{.stages_repeats = {2, 4, 2},
                                              .stages_out_channels = {16, 64, 128, 256, 512}};
static_assert(archdesc::valid<mine>);
}  // namespace shufflenet_v2_hpp

// architectures/torchvision/squeezenet.hpp
namespace squeezenet_hpp {
constexpr auto net = archdesc::squeezenet::squeezenet1_1();
static_assert(archdesc::parameter_count<net> == 1'235'496);
constexpr archdesc::squeezenet::model mine{.version = archdesc::squeezenet::version_type::v1_0, .num_classes = 37};
static_assert(archdesc::valid<mine>);
}  // namespace squeezenet_hpp

// architectures/torchvision/swin_transformer.hpp
namespace swin_transformer_hpp {
constexpr auto net = archdesc::swin_transformer::swin_t();
static_assert(archdesc::parameter_count<net> == 28'288'354);
constexpr archdesc::swin_transformer::model mine{
    .embed_dim = 64, .depths = {2, 2, 2}, .num_heads = {2, 4, 8}, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace swin_transformer_hpp

// architectures/torchvision/vgg.hpp
namespace vgg_hpp {
constexpr auto net = archdesc::vgg::vgg16_bn();
static_assert(archdesc::parameter_count<net> == 138'365'992);
constexpr archdesc::vgg::model mine{
    .cfg = {64, archdesc::vgg::M, 512, archdesc::vgg::M}, .batch_norm = true, .num_classes = 10};
static_assert(archdesc::valid<mine>);
}  // namespace vgg_hpp

// architectures/torchvision/vision_transformer.hpp
namespace vision_transformer_hpp {
constexpr auto net = archdesc::vision_transformer::vit_b_16();
static_assert(archdesc::parameter_count<net> == 86'567'656);
constexpr archdesc::vision_transformer::model small{.image_size = 64,
                                                    .patch_size = 16,
                                                    .num_layers = 2,
                                                    .num_heads = 4,
                                                    .hidden_dim = 64,
                                                    .mlp_dim = 128,
                                                    .num_classes = 10};
static_assert(archdesc::valid<small>);
}  // namespace vision_transformer_hpp

// architectures/transformers/bert.hpp
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

// architectures/transformers/gpt2.hpp
namespace gpt2_hpp {
constexpr auto net = archdesc::gpt2::gpt2();
static_assert(archdesc::parameter_count<net> == 124'439'808);
constexpr auto wide_vocab = archdesc::gpt2::gpt3_175b({.config = {.vocab_size = 100'000}});
static_assert(wide_vocab.config.n_embd == 12288);
constexpr archdesc::gpt2::model tiny{
    .config = {.vocab_size = 1000, .n_positions = 64, .n_embd = 64, .n_layer = 2, .n_head = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace gpt2_hpp

// architectures/transformers/llama.hpp
namespace llama_hpp {
constexpr auto net = archdesc::llama::llama_2_7b();
static_assert(archdesc::parameter_count<net> == 6'738'415'616);
constexpr auto tied = archdesc::llama::llama_2_7b({.config = {.tie_word_embeddings = true}});
static_assert(tied.config.max_position_embeddings == 4096);  // llama_2_7b sets it: another value does not compile
constexpr archdesc::llama::model tiny{.config = {.vocab_size = 1000,
                                                 .hidden_size = 64,
                                                 .intermediate_size = 176,
                                                 .num_hidden_layers = 2,
                                                 .num_attention_heads = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace llama_hpp

// architectures/transformers/mistral.hpp
namespace mistral_hpp {
constexpr auto net = archdesc::mistral::mistral_7b_v0_1();
static_assert(archdesc::parameter_count<net> == 7'241'732'096);
constexpr auto big_vocab = archdesc::mistral::mistral_7b_v0_1({.config = {.vocab_size = 32768}});
static_assert(big_vocab.config.intermediate_size == 14336);
constexpr archdesc::mistral::model tiny{.config = {.vocab_size = 1000,
                                                   .hidden_size = 64,
                                                   .intermediate_size = 224,
                                                   .num_hidden_layers = 2,
                                                   .num_attention_heads = 4,
                                                   .num_key_value_heads = 1}};
static_assert(archdesc::valid<tiny>);
}  // namespace mistral_hpp

// architectures/transformers/mixtral.hpp
namespace mixtral_hpp {
constexpr auto net = archdesc::mixtral::mixtral_8x7b_v0_1();
static_assert(archdesc::parameter_count<net> == 46'702'792'704);         // every expert
static_assert(archdesc::active_parameter_count<net> == 12'879'925'248);  // 2 of 8 experts per token
constexpr auto top_1 = archdesc::mixtral::mixtral_8x7b_v0_1({.num_experts_per_tok = 1});
static_assert(top_1.num_local_experts == 8);
}  // namespace mixtral_hpp

// architectures/transformers/mobilebert.hpp
namespace mobilebert_hpp {
constexpr auto net = archdesc::mobilebert::mobilebert();
static_assert(archdesc::parameter_count<net> == 24'844'544);
constexpr auto short_input = archdesc::mobilebert::mobilebert({.input = {64}});
static_assert(short_input.config.num_hidden_layers == 24);
constexpr archdesc::mobilebert::model tiny{.config = {.num_hidden_layers = 2, .num_feedforward_networks = 2}};
static_assert(archdesc::valid<tiny>);
}  // namespace mobilebert_hpp

// architectures/transformers/mobilevit.hpp
namespace mobilevit_hpp {
constexpr auto net = archdesc::mobilevit::mobilevit_small();
static_assert(archdesc::parameter_count<net> == 4'937'632);
constexpr auto larger_input = archdesc::mobilevit::mobilevit_small({.config = {.image_size = 512}});
static_assert(archdesc::valid<larger_input>);
constexpr archdesc::mobilevit::model tiny{
    .config = {.hidden_sizes = {32, 48, 64}, .neck_hidden_sizes = {16, 16, 24, 32, 40, 48, 96}}};
static_assert(archdesc::valid<tiny>);
}  // namespace mobilevit_hpp

// architectures/transformers/openai_gpt.hpp
namespace openai_gpt_hpp {
constexpr auto net = archdesc::openai_gpt::openai_gpt();
static_assert(archdesc::parameter_count<net> == 116'534'784);
constexpr auto shallow = archdesc::openai_gpt::openai_gpt({.config = {.n_layer = 2}});
static_assert(archdesc::valid<shallow>);
constexpr archdesc::openai_gpt::model tiny{
    .config = {.vocab_size = 1000, .n_positions = 64, .n_embd = 64, .n_layer = 2, .n_head = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace openai_gpt_hpp

// architectures/transformers/t5.hpp
namespace t5_hpp {
constexpr auto net = archdesc::t5::t5_small();
static_assert(archdesc::parameter_count<net> == 60'506'624);
constexpr auto short_input = archdesc::t5::t5_small({.input = {64}});
static_assert(archdesc::valid<short_input>);
constexpr archdesc::t5::model tiny{
    .config = {.vocab_size = 1000, .d_model = 64, .d_kv = 16, .d_ff = 128, .num_layers = 2, .num_heads = 4}};
static_assert(archdesc::valid<tiny>);
}  // namespace t5_hpp

// architectures/transformers/xlnet.hpp
namespace xlnet_hpp {
constexpr auto net = archdesc::xlnet::xlnet_base_cased();  // XLNetForSequenceClassification, 2 labels
static_assert(archdesc::parameter_count<net> == 117'310'466);
constexpr auto three_labels = archdesc::xlnet::xlnet_base_cased({.num_classes = 3});
static_assert(three_labels.config.d_model == 768);
constexpr archdesc::xlnet::model tiny{
    .config = {.vocab_size = 1000, .d_model = 64, .n_layer = 2, .n_head = 4, .d_inner = 128}};
static_assert(archdesc::valid<tiny>);
}  // namespace xlnet_hpp

TEST_CASE("the family headers' examples compile", "[example]") { SUCCEED("their static_asserts hold"); }
