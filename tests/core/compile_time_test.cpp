// What the compiler proves: every STATIC_REQUIRE here is a static_assert.
#include <archdesc/parameter_table.hpp>
#include <archdesc/trace.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/transformers/llama.hpp>

#include <catch2/catch.hpp>

namespace compile_time_test {

using namespace archdesc;

namespace {

constexpr auto resnext = resnet::resnext50_32x4d();
constexpr auto mobilenet = mobilenet_v2::mobilenet_v2();

// The variant: designed by editing the knobs.
constexpr resnet::model mine{.block = resnet::block_type::bottleneck,
                             .layers = {2, 2, 2, 2},
                             .num_classes = 37,
                             .groups = 8,
                             .width_per_group = 16};

// layer2's first block expects layer1's 256 channels but receives 128.
struct mismatched_stages {
  static constexpr std::string_view type_name = "MismatchedStages";
  shape input{3, 56, 56};
  constexpr shape forward(scope& self, shape x) const {
    x = self("layer1", sequential([](scope& s, shape y) {
               return s(resnet::bottleneck_block{{.inplanes = 3, .planes = 32, .downsample = true}}, y);
             }),
             x);
    return self("layer2", sequential([](scope& s, shape y) {
                  return s(resnet::bottleneck_block{{.inplanes = 256, .planes = 128, .stride = 2, .downsample = true}},
                           y);
                }),
                x);
  }
};

// A Linear to `width` features from whatever it receives: the first copy of a repeated stack changes
// the shape, the ones after it do not.
struct widen {
  static constexpr std::string_view type_name = "Widen";
  int width = 16;
  constexpr shape forward(scope& self, const shape& x) const {
    return self("fc", linear{.in_features = static_cast<int>(x[-1]), .out_features = width}, x);
  }
};

// `copies` widen layers (after an Identity explicitly indexed 9, if explicit_index), then a Linear of
// `last_in` features; each copy's parameters and MACs depend on what it receives.
struct stack {
  static constexpr std::string_view type_name = "Stack";
  shape input{5, 8};
  int copies = 6;
  int last_in = 16;
  bool explicit_index = false;
  constexpr shape forward(scope& self, const shape& x) const {
    return self("layers", module_list([this](scope& list, const shape& y) {
                  const shape z = explicit_index ? list(child_name("", 9), identity, y) : y;
                  const shape widened = list.repeat(copies, widen{}, z);
                  return list(linear{.in_features = last_in, .out_features = 3}, widened);
                }),
                x);
  }
};
constexpr stack repeated_stack{};

// A recurrent cell declared once and run `steps` times on its own output, as RAFT runs its update
// block; with registers_in_loop, the loop's body registers a Linear of its own instead.
struct recurrence {
  static constexpr std::string_view type_name = "Recurrence";
  shape input{4, 8};
  int steps = 5;
  bool registers_in_loop = false;
  constexpr shape forward(scope& self, const shape& x) const {
    const linear cell{.in_features = 8, .out_features = 8};
    const auto step = self.declare("cell", cell, x);
    return self.loop(steps, x, [&](const shape& h) { return registers_in_loop ? self("fc", cell, h) : step(h); });
  }
};

}  // namespace

TEST_CASE("repetition costs once: a count describes a repeated copy once and agrees with a walk of every copy",
          "[compile time]") {
  // The first copy: 8 → 16 features; the 5 after it 16 → 16; then 16 → 3.
  constexpr std::int64_t parameters = (8 * 16 + 16) + 5 * (16 * 16 + 16) + (16 * 3 + 3);
  STATIC_REQUIRE(parameter_count<repeated_stack> == parameters);
  STATIC_REQUIRE(tensor_count<repeated_stack> == 14);
  STATIC_REQUIRE(macs<repeated_stack> == 5 * (8 * 16 + 5 * 16 * 16 + 16 * 3));
  const trace_result walked = trace(repeated_stack);
  CHECK(walked.parameter_total == parameters);
  CHECK(walked.mac_total == macs<repeated_stack>);
  CHECK(walked.parameters[12].name == "layers.6.weight");  // the copies are 0 to 5, the last Linear 6
  // After an explicitly indexed sibling every index is a name to check, so each copy is walked.
  constexpr stack indexed{.explicit_index = true};
  STATIC_REQUIRE(parameter_count<indexed> == parameters);
  CHECK(trace(indexed).parameters[12].name == "layers.6.weight");
  CHECK_THROWS_WITH(trace(stack{.copies = 10, .explicit_index = true}),
                    "layers (ModuleList): \"9\" is registered twice");
  STATIC_REQUIRE(diagnose(stack{.copies = 10, .explicit_index = true}).message() ==
                 "layers (ModuleList): \"9\" is registered twice");
  // A mistake after the copies is found at its index, as a walk finds it.
  constexpr diagnostic d = diagnose(stack{.last_in = 8});
  STATIC_REQUIRE(d.message() == "layers.6 (Linear): expects 8 input features, receives (1, 5, 16)");
  CHECK_THROWS_WITH(trace(stack{.last_in = 8}), std::string(d.message()));
  // A 512-layer LLaMA's counts cost what a 32-layer one's do; walked, they exceed clang's default limit.
  constexpr llama::model deep{.config = {.num_hidden_layers = 512, .max_position_embeddings = 16}};
  STATIC_REQUIRE(tensor_count<deep> == 3 + 9 * 512);
  STATIC_REQUIRE(parameter_count<deep> ==
                 2 * 32000 * 4096 + 4096 + 512LL * (4 * 4096 * 4096 + 3 * 4096 * 11008 + 2 * 4096));
}

TEST_CASE("a loop runs declared modules again: parameters once, MACs every time, described once in a count",
          "[compile time]") {
  constexpr recurrence five{};
  STATIC_REQUIRE(parameter_count<five> == 8 * 8 + 8);
  STATIC_REQUIRE(macs<five> == 5 * 4 * 8 * 8);
  STATIC_REQUIRE(macs<recurrence{.steps = 0}> == 0);
  const trace_result walked = trace(five);
  CHECK(walked.mac_total == macs<five>);
  CHECK(walked.parameters.size() == 2);
  CHECK(walked.modules.size() == 5);  // a call each time
  STATIC_REQUIRE(diagnose(recurrence{.registers_in_loop = true}).message() ==
                 "Recurrence: registers parameters or buffers in a loop: declare its modules before it (declare)");
}

TEST_CASE("named models: totals, validity and output shape are constants", "[compile time]") {
  STATIC_REQUIRE(valid<resnext>);
  STATIC_REQUIRE(tensor_count<resnext> == 161);
  STATIC_REQUIRE(parameter_count<resnext> == 25'028'904);
  STATIC_REQUIRE(output_shape<resnext> == shape{1, 1000});
  STATIC_REQUIRE(valid<mobilenet>);
  STATIC_REQUIRE(tensor_count<mobilenet> == 158);
  STATIC_REQUIRE(parameter_count<mobilenet> == 3'504'872);
  STATIC_REQUIRE(output_shape<mobilenet> == shape{1, 1000});
}

TEST_CASE("the parameter table is a constant: names, shapes, squeezed shapes, counts, forms", "[compile time]") {
  constexpr auto& table = parameter_table<resnext>;
  STATIC_REQUIRE(table.size() == 161);
  STATIC_REQUIRE(table.name(0) == "conv1.weight");
  STATIC_REQUIRE(table.name(12) == "layer1.0.downsample.0.weight");
  STATIC_REQUIRE(table[12].dims == shape{256, 64, 1, 1});
  STATIC_REQUIRE(table[12].squeezed == shape{256, 64});
  STATIC_REQUIRE(table[12].elements == 16384);
  STATIC_REQUIRE(table[12].form == form{2});
  STATIC_REQUIRE(table.name(160) == "fc.bias");

  constexpr auto& mobile = parameter_table<mobilenet>;
  STATIC_REQUIRE(mobile.name(3) == "features.1.conv.0.0.weight");
  STATIC_REQUIRE(mobile[3].squeezed == shape{32, 3, 3});
  STATIC_REQUIRE(mobile[3].form == form{3});
  STATIC_REQUIRE(mobile.name(156) == "classifier.1.weight");
}

TEST_CASE("form totals are constants", "[compile time]") {
  constexpr form_totals forms = totals_by_form<resnext>;
  STATIC_REQUIRE(forms.tensors[1] == 107);  // 66.46 % of 161
  STATIC_REQUIRE(forms.tensors[2] + forms.tensors[4] == 54);
  STATIC_REQUIRE(forms.parameters[1] + forms.parameters[2] + forms.parameters[4] == 25'028'904);
}

TEST_CASE("a variant designed by its knobs is checked and counted by the compiler", "[compile time]") {
  STATIC_REQUIRE(valid<mine>);
  STATIC_REQUIRE(output_shape<mine> == shape{1, 37});
  STATIC_REQUIRE(parameter_table<mine>.name(parameter_table<mine>.size() - 2) == "fc.weight");
  STATIC_REQUIRE(parameter_table<mine>[parameter_table<mine>.size() - 2].dims == shape{37, 2048});
  // A larger input changes the data flow, not the parameters.
  STATIC_REQUIRE(output_shape<resnext, shape{3, 320, 320}> == shape{1, 1000});
  STATIC_REQUIRE(macs<resnext, shape{3, 448, 448}> > 4 * macs<resnext> - 10'000'000);
}

TEST_CASE("a wrong descriptor's diagnostic names the module and the mistake", "[compile time]") {
  constexpr diagnostic d = diagnose(mismatched_stages{});
  STATIC_REQUIRE(!d.ok());
  STATIC_REQUIRE(d.message() == "layer2.0.conv1 (Conv2d): expects 256 input channels, receives 128");
  STATIC_REQUIRE(diagnose(resnext).ok());
  CHECK_THROWS_AS(trace(mismatched_stages{}), invalid_descriptor);
}

TEST_CASE("ResNet and MobileNetV2 multiply-accumulates match torchvision's published GFLOPS", "[compile time]") {
  // torchvision's model documentation: resnext50_32x4d 4.23, mobilenet_v2 0.30 (billions of MACs).
  STATIC_REQUIRE(macs<resnext> >= 4'225'000'000 && macs<resnext> < 4'235'000'000);
  STATIC_REQUIRE(macs<mobilenet> >= 295'000'000 && macs<mobilenet> < 305'000'000);
}

}  // namespace compile_time_test
