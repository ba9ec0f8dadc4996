// Every example in a public header's top comment, as close to verbatim as a test allows: where a
// comment shows a fragment (a few lines of a forward), it sits here inside the smallest module
// that makes it compile. Keep each block in sync with its header's comment.
#include <archdesc/archdesc.hpp>
#include <archdesc/constexpr_math.hpp>
#include <archdesc/dtype.hpp>
#include <archdesc/parameter_table.hpp>
#include <archdesc/report.hpp>
#include <archdesc/state_dict_table.hpp>
#include <archdesc/trace.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/llama.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

namespace header_examples_test {

namespace {

// archdesc/archdesc.hpp
namespace archdesc_hpp {
constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::parameter_count<net> == 25'028'904);
}  // namespace archdesc_hpp

// architectures/transformers/hf_config.hpp (a knobs header's lines, for a model of its own)
namespace hf_config_hpp {
namespace transformers = archdesc::transformers;
struct model {};
inline constexpr transformers::config_key config_keys_without_parameters[] = {{"sliding_window"},
                                                                              {"mlp_bias", "false"}};
constexpr transformers::hf_class hf_class_of(const model&) { return {"mistral", config_keys_without_parameters}; }
static_assert(hf_class_of(model{}).keys_without_parameters[1].only_at == "false");
}  // namespace hf_config_hpp

// archdesc/bounded_list.hpp
namespace bounded_list_hpp {
constexpr archdesc::bounded_list<int, 8> layers{3, 4, 6, 3};
static_assert(layers.size() == 4 && layers[2] == 6);
}  // namespace bounded_list_hpp

// archdesc/builder.hpp (its failing line is tests/compile_fail/builder_conflict.cpp's kind of case)
namespace builder_hpp {
using archdesc::resnet::block_type;
using archdesc::resnet::model;
constexpr model resnet152(model knobs = {}) {
  archdesc::builder_sets(knobs, &model::block, block_type::bottleneck);
  archdesc::builder_sets(knobs, &model::layers, {3, 8, 36, 3});
  return knobs;
}
static_assert(resnet152({.num_classes = 21}).num_classes == 21);
static_assert(resnet152({.num_classes = 21}).layers == archdesc::resnet::resnet152().layers);
}  // namespace builder_hpp

// archdesc/memory.hpp
namespace memory_hpp {
constexpr auto net = archdesc::llama::llama_2_7b();
constexpr archdesc::transformer_geometry layers = archdesc::llama::geometry_of(net.config);
static_assert(archdesc::kv_cache_bytes(layers, {.batch = 1, .sequence = 4096}, archdesc::precision::fp16) ==
              2 * archdesc::GiB);
// Mixed-precision Adam under ZeRO stage 3 on 8 devices, 16-bit activations of 4096 tokens with
// selective recomputation: fits in 80 GiB.
constexpr std::int64_t per_device =
    archdesc::model_states_per_device(archdesc::parameter_count<net>, archdesc::precision::bf16,
                                      archdesc::optimizer::adam, {.zero_stage = 3, .devices = 8}) +
    archdesc::activation_bytes(layers, {.batch = 1, .sequence = 4096}, archdesc::precision::bf16,
                               {.recompute = archdesc::recompute::selective});
static_assert(per_device <= 80 * archdesc::GiB);
}  // namespace memory_hpp

// archdesc/checked.hpp
static_assert(archdesc::checked_mul(1'000'000, 1'000'000) == 1'000'000'000'000);
static_assert(archdesc::checked_int(96 * 4.0) == 384);  // hidden_channels = int(dim * mlp_ratio)

// archdesc/child_name.hpp
struct child_name_hpp {
  static constexpr std::string_view type_name = "ChildNames";
  archdesc::shape input{4, 8, 8};
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    const archdesc::conv2d conv{.in_channels = 4, .out_channels = 4, .kernel_size = 1};
    const auto& layer = conv;
    const auto& block = conv;
    const int i = 0;
    x = self("conv1", conv, x);                                     // an attribute: "conv1"
    x = self(archdesc::child_name("denselayer", i + 1), layer, x);  // "denselayer1", "denselayer2" ...
    x = self(archdesc::child_name("block", 1, "-", 0), block, x);   // RegNet's "block1-0"
    return x;
  }
};
static_assert(archdesc::parameter_table<child_name_hpp{}>.name(2) == "denselayer1.weight");
static_assert(archdesc::parameter_table<child_name_hpp{}>.name(4) == "block1-0.weight");

// archdesc/constexpr_math.hpp
namespace constexpr_math_hpp {
static_assert(archdesc::math::log(1.0) == 0.0);
constexpr float capacity = static_cast<float>(archdesc::math::log(2.5) / archdesc::math::log(2.09));
constexpr double width = 48 * archdesc::math::pow(2.09, 3.0);
static_assert(capacity > 1.2f && capacity < 1.3f && width > 438 && width < 439);
}  // namespace constexpr_math_hpp

// archdesc/containers.hpp
namespace containers_hpp {
using archdesc::resnet::conv1x1;
using bert_layer = archdesc::bert::layer;
constexpr archdesc::bert::config config{
    .vocab_size = 1000, .hidden_size = 64, .num_hidden_layers = 2, .num_attention_heads = 4, .intermediate_size = 128};
struct downsampled {
  static constexpr std::string_view type_name = "Downsampled";
  archdesc::shape input{64, 8, 8};
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    x = self("downsample", archdesc::sequential([&](archdesc::scope& s, archdesc::shape y) {
               return s(archdesc::batch_norm2d{256}, s(conv1x1(64, 256), y));  // downsample.0, downsample.1
             }),
             x);
    return x;
  }
};
struct encoder {
  static constexpr std::string_view type_name = "Encoder";
  archdesc::shape input{16, 64};
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    x = self("layer", archdesc::repeated(12, bert_layer{config}), x);  // layer.0 ... layer.11
    return x;
  }
};
static_assert(archdesc::parameter_table<downsampled{}>.name(0) == "downsample.0.weight");
static_assert(archdesc::parameter_table<downsampled{}>.name(1) == "downsample.1.weight");
static_assert(archdesc::output_shape<encoder{}> == archdesc::shape{1, 16, 64});
static_assert(archdesc::parameter_table<encoder{}>.name(0).starts_with("layer.0."));
static_assert(
    archdesc::parameter_table<encoder{}>.name(archdesc::tensor_count<encoder{}> - 1).starts_with("layer.11."));
}  // namespace containers_hpp

// archdesc/descriptor.hpp
struct tiny {
  static constexpr std::string_view type_name = "Tiny";
  archdesc::shape input{8};  // or input_shape(), where knobs decide it
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    return self("fc", archdesc::linear{.in_features = 8, .out_features = 2}, x);
  }
};
static_assert(archdesc::descriptor<tiny>);
static_assert(archdesc::parameter_count<tiny{}> == 18);  // docs/DESCRIPTORS.md's first example

// archdesc/diagnostic.hpp
constexpr archdesc::diagnostic diagnostic_hpp() {
  archdesc::diagnostic d;
  d.append("layer2.0.conv1", ": expects ", 256, " input channels, receives ", 128);
  return d;
}
static_assert(diagnostic_hpp().message() == "layer2.0.conv1: expects 256 input channels, receives 128");

// archdesc/dtype.hpp
static_assert(archdesc::dtype_size(archdesc::dtype::int64) == 8);
static_assert(archdesc::safetensors_name(archdesc::dtype::bfloat16) == "BF16");
static_assert(archdesc::dtype_from_safetensors("F16") == archdesc::dtype::float16);
static_assert(archdesc::is_floating(archdesc::dtype::float32) && !archdesc::is_floating(archdesc::dtype::int64));

// archdesc/modules.hpp
struct modules_hpp {
  static constexpr std::string_view type_name = "Stem";
  archdesc::shape input{3, 224, 224};
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    x = self("conv1",
             archdesc::conv2d{
                 .in_channels = 3, .out_channels = 64, .kernel_size = 7, .stride = 2, .padding = 3, .bias = false},
             x);
    x = self("bn1", archdesc::batch_norm2d{64}, x);
    x = self("relu", archdesc::relu, x);
    x = self.call(archdesc::adaptive_avg_pool2d(1), x);
    x = self.call(archdesc::flatten{}, x);
    x = self("fc", archdesc::linear{.in_features = 64, .out_features = 1000}, x);
    return x;
  }
};
static_assert(archdesc::output_shape<modules_hpp{}> == archdesc::shape{1, 1000});

// archdesc/parameter_table.hpp
namespace parameter_table_hpp {
constexpr auto& table = archdesc::parameter_table<archdesc::resnet::resnext50_32x4d()>;
static_assert(table.size() == 161);
static_assert(table.name(0) == "conv1.weight");
static_assert(table[0].dims == archdesc::shape{64, 3, 7, 7});
}  // namespace parameter_table_hpp

// archdesc/queries.hpp
namespace queries_hpp {
constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::valid<net>);  // or a compile error naming the module
static_assert(archdesc::parameter_count<net> == 25'028'904);
static_assert(archdesc::tensor_count<net> == 161);
static_assert(archdesc::state_dict_tensor_count<net> == 161 + 3 * 53);  // 53 BatchNorm2d's buffers
static_assert(archdesc::output_shape<net> == archdesc::shape{1, 1000});
static_assert(archdesc::macs<net, archdesc::shape{3, 320, 320}> > archdesc::macs<net>);
}  // namespace queries_hpp

// archdesc/state_dict_table.hpp
namespace state_dict_table_hpp {
constexpr auto& table = archdesc::state_dict_table<archdesc::resnet::resnet18()>;
static_assert(table.size() == 122);
static_assert(table.name(1) == "bn1.weight" && table.name(3) == "bn1.running_mean");
static_assert(table[5].dims == archdesc::shape{} && table[5].type == archdesc::dtype::int64);
static_assert(table[5].kind == archdesc::state_kind::persistent_buffer);
}  // namespace state_dict_table_hpp

// archdesc/real.hpp
struct my_net {
  static constexpr std::string_view type_name = "MyNet";
  archdesc::real width_mult = 0.75;
  archdesc::shape input{8};
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    return self("fc", archdesc::linear{.in_features = 8, .out_features = static_cast<int>(8 * width_mult)}, x);
  }
};
static_assert(archdesc::valid<my_net{}>);  // clang 14 takes no double template arguments

// archdesc/scope.hpp
struct two_convs {
  static constexpr std::string_view type_name = "TwoConvs";
  int channels = 8;
  archdesc::shape input{8, 4, 4};
  constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
    const archdesc::conv2d conv{.in_channels = channels, .out_channels = channels, .kernel_size = 1};
    x = self("conv1", conv, x);                  // self.conv1 = nn.Conv2d(...); x = self.conv1(x)
    return self.add(x, self("conv2", conv, x));  // x + self.conv2(x)
  }
};
static_assert(archdesc::tensor_count<two_convs{}> == 4);

// archdesc/shape.hpp
namespace shape_hpp {
constexpr archdesc::shape weight{128, 64, 1, 1};
static_assert(weight.elements() == 8192);
static_assert(weight.squeezed() == archdesc::shape{128, 64});
static_assert(archdesc::form_of(weight) == archdesc::form{2});  // a Matrix
}  // namespace shape_hpp

// architectures/torchvision/resnet.hpp
namespace resnet_hpp {
constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::parameter_count<net> == 25'028'904);
using enum archdesc::resnet::block_type;
constexpr archdesc::resnet::model mine{
    .block = bottleneck, .layers = {2, 2, 2, 2}, .num_classes = 37, .groups = 8, .width_per_group = 16};
static_assert(archdesc::valid<mine>);
}  // namespace resnet_hpp

}  // namespace

TEST_CASE("the run-time examples of the public headers' comments hold", "[example]") {
  // archdesc/checked.hpp
  REQUIRE_THROWS(archdesc::checked_mul(INT64_MAX, 2));

  // archdesc/real.hpp
  double w = my_net{}.width_mult;  // reads as a double
  REQUIRE(w == 0.75);

  // archdesc/trace.hpp
  archdesc::trace_result t = archdesc::trace(archdesc::resnet::resnet18());
  REQUIRE(t.parameters[0].name == "conv1.weight");
  REQUIRE(t.modules[0].type == "Conv2d");
  REQUIRE(t.output == archdesc::shape{1, 1000});
  REQUIRE(t.state_dict[3].name == "bn1.running_mean");
  REQUIRE(t.buffers[2].type == archdesc::dtype::int64);
  const auto net = archdesc::resnet::resnet18();
  const auto p = archdesc::trace(net, archdesc::default_input(net), archdesc::trace_tables::parameters_only());
  REQUIRE(p.parameters.size() == t.parameters.size());
  REQUIRE(p.modules.empty());

  // archdesc/report.hpp
  auto traced = archdesc::trace(archdesc::resnet::resnext50_32x4d());
  std::string md = archdesc::markdown_report("resnext50_32x4d", traced);
  REQUIRE(md.find("conv1.weight") != std::string::npos);
}

}  // namespace header_examples_test
