#include <test_data.hpp>

#include <architectures/torchvision/resnet.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>

namespace data_flow_test {

using archdesc::test::data_path;
using archdesc::test::read_file;

namespace {
// A call's output as tools/goldens/make_goldens.py writes it: a shape, [shape, None] for a pair
// with None, [shape, [T, H, W]] for a pair with sizes.
std::string output_text(const archdesc::module_info& call) {
  const std::string shape = archdesc::shape_text(call.output);
  if (call.paired_with_none) return fmt::format("[{}, None]", shape);
  if (call.paired_sizes.rank == 0) return shape;
  std::string sizes;
  for (int i = 0; i < call.paired_sizes.rank; ++i)
    sizes += fmt::format("{}{}", i == 0 ? "" : ", ", call.paired_sizes[i]);
  return fmt::format("[{}, [{}]]", shape, sizes);
}

// One line per module call, as tools/goldens/make_goldens.py records torchvision's forward hooks.
std::string calls_text(const archdesc::trace_result& traced) {
  std::string text;
  for (const auto& call : traced.modules) {
    text += fmt::format("{}\t{}\t{}\n", call.name, call.type, output_text(call));
  }
  return text;
}

// One convolution over a clip and one pooling over its frames' maps, whose windows the test sets.
struct two_windows {
  static constexpr std::string_view type_name = "Windows";
  archdesc::shape input{3, 4, 8, 8};
  archdesc::dhw conv_kernel = 3;
  archdesc::dhw conv_stride = 1;
  archdesc::hw pool_stride = 1;

  constexpr archdesc::shape forward(archdesc::scope& self, const archdesc::shape& x) const {
    const archdesc::shape clip = self(
        "conv",
        archdesc::conv3d{.in_channels = 3, .out_channels = 8, .kernel_size = conv_kernel, .stride = conv_stride}, x);
    const archdesc::shape maps{clip[0], clip[1] * clip[2], clip[3], clip[4]};  // a view: no module
    return self("pool", archdesc::max_pool2d{.kernel_size = 2, .stride = pool_stride}, maps);
  }
};
}  // namespace

TEST_CASE("every module call's output shape equals torchvision's at the default input", "[data flow][golden]") {
  for (const auto& model : archdesc::test::all_models()) {
    DYNAMIC_SECTION(model.name) {
      const std::string golden = read_file(data_path("goldens/shapes/" + model.name + ".tsv"));
      REQUIRE(!golden.empty());
      CHECK(calls_text(model.trace()) == golden);
    }
  }
}

TEST_CASE("every built-in classifier outputs (1, num_classes) at its default input, a segmenter (1, num_classes, H, W)",
          "[data flow]") {
  for (const auto& model : archdesc::tool::builtin_models()) {
    if (model.num_classes < 0) continue;  // no classifier head: its family's tests check its output
    DYNAMIC_SECTION(model.name) {
      const archdesc::trace_result traced = model.trace();
      archdesc::shape expected{1, model.num_classes};
      if (model.domain == archdesc::tool::domain::semantic_segmentation)
        expected = {1, model.num_classes, model.input[-2], model.input[-1]};
      CHECK(traced.output == expected);
    }
  }
}

TEST_CASE("a detector's trace says what it does not run because it depends on the data", "[data flow]") {
  const auto* faster = archdesc::tool::find_builtin("fasterrcnn_resnet50_fpn");
  REQUIRE(faster != nullptr);
  const auto said = faster->trace().data_dependent;
  REQUIRE(said.size() == 2);
  CHECK(said[0].rfind("rpn (RegionProposalNetwork): ", 0) == 0);
  CHECK(said[1].rfind("roi_heads (RoIHeads): pools RPN's proposals", 0) == 0);
  // Its ROI heads are registered (their parameters are in the report) but make no call.
  const auto traced = faster->trace();
  CHECK(std::none_of(traced.modules.begin(), traced.modules.end(),
                     [](const auto& call) { return call.name.rfind("roi_heads", 0) == 0; }));
  CHECK(traced.parameters.back().name == "roi_heads.box_predictor.bbox_pred.bias");
  CHECK(archdesc::tool::find_builtin("resnet50")->trace().data_dependent.empty());
}

TEST_CASE("a descriptor that does not fit its input throws at run time with the module's name", "[data flow]") {
  archdesc::resnet::model net;
  net.input = {1, 224, 224};  // a grey image for a colour network
  CHECK_THROWS_WITH(archdesc::trace(net), "conv1 (Conv2d): expects 3 input channels, receives 1");
  net.input = {3, 1, 1};  // PyTorch runs this too: every window fits its padded 1x1 input
  CHECK_NOTHROW(archdesc::trace(net));
  net.input = {3, 0, 0};
  CHECK_THROWS_WITH(archdesc::trace(net),
                    "conv1 (Conv2d): kernel (7, 7) does not fit the padded input (1, 3, 0, 0) (padding (3, 3))");
}

TEST_CASE("a sliding window names what does not fit, over (H, W) and (D, H, W) alike", "[data flow]") {
  two_windows net;
  CHECK(archdesc::trace(net).modules.back().output == archdesc::shape{1, 16, 5, 5});
  net.conv_kernel = {5, 3, 3};
  CHECK_THROWS_WITH(
      archdesc::trace(net),
      "conv (Conv3d): kernel (5, 3, 3) does not fit the padded input (1, 3, 4, 8, 8) (padding (0, 0, 0))");
  net.conv_kernel = 3;
  net.conv_stride = {1, 0, 1};
  CHECK_THROWS_WITH(archdesc::trace(net), "conv (Conv3d): stride must be positive, is (1, 0, 1)");
  net.conv_stride = 1;
  net.pool_stride = {1, -1};
  CHECK_THROWS_WITH(archdesc::trace(net), "pool (MaxPool2d): stride must be positive, is (1, -1)");
}

TEST_CASE("a trace of some tables (repeated copies copied) lists them as the trace of all does", "[data flow][trace]") {
  const auto same_tensors = [](const auto& a, const auto& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const auto& x, const auto& y) { return x.name == y.name && x.dims == y.dims; });
  };
  for (const auto& model : archdesc::tool::builtin_models()) {
    INFO(model.name);
    const archdesc::trace_result all = model.trace();
    const archdesc::trace_result parameters = model.trace(archdesc::trace_tables::parameters_only());
    CHECK(same_tensors(parameters.parameters, all.parameters));
    CHECK((parameters.buffers.empty() && parameters.state_dict.empty() && parameters.modules.empty()));
    CHECK((parameters.parameter_total == all.parameter_total && parameters.mac_total == all.mac_total));
    CHECK(parameters.active_parameter_total == all.active_parameter_total);
    CHECK((parameters.buffer_bytes == all.buffer_bytes && parameters.forms.tensors == all.forms.tensors));
    CHECK((parameters.output == all.output && parameters.input == all.input));
    const archdesc::trace_result state = model.trace({.parameters = false, .modules = false});
    CHECK(same_tensors(state.state_dict, all.state_dict));
    CHECK(same_tensors(state.buffers, all.buffers));
    CHECK(state.parameters.empty());
  }
}

}  // namespace data_flow_test
