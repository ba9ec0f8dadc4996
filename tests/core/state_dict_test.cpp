// The order of state_dict(): module by module, each module's parameters, then its persistent
// buffers, whenever either is registered; tied parameters again under the tied module's name;
// non-persistent buffers left out (but kept in the trace's buffers and memory).
#include <architectures/torchvision/resnet.hpp>

#include <archdesc/archdesc.hpp>
#include <archdesc/parameter_table.hpp>
#include <archdesc/state_dict_table.hpp>
#include <archdesc/trace.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace state_dict_test {

namespace {

using namespace archdesc;

// A buffer registered after the children, a parameter after the buffer, a non-persistent buffer,
// and a head tied to the embedding.
struct mixed {
  static constexpr std::string_view type_name = "Mixed";
  shape input{4};
  constexpr shape forward(scope& self, shape x) const {
    x = self("embed", embedding{10, 8}, x);
    x = self("norm", batch_norm2d{8}, shape{1, 8, 1, 1});
    self.buffer("steps", {}, dtype::int64);
    self.parameter("scale", {8});
    self.buffer("mask", {4, 4}, dtype::boolean, persistence::non_persistent);
    return self.tied("head", linear{.in_features = 8, .out_features = 10, .bias = false}, shape{1, 4, 8});
  }
};

constexpr auto& table = state_dict_table<mixed{}>;
static_assert(table.size() == 9);
static_assert(table.name(0) == "scale" && table[0].kind == state_kind::parameter);
static_assert(table.name(1) == "steps" && table[1].type == dtype::int64 && table[1].dims == shape{});
static_assert(table.name(2) == "embed.weight");
static_assert(table.name(3) == "norm.weight" && table.name(4) == "norm.bias");
static_assert(table.name(5) == "norm.running_mean" && table.name(6) == "norm.running_var");
static_assert(table.name(7) == "norm.num_batches_tracked" && table[7].kind == state_kind::persistent_buffer);
static_assert(table.name(8) == "head.weight" && table[8].kind == state_kind::tied_parameter);
static_assert(table[8].dims == shape{10, 8});
static_assert(state_dict_tensor_count<mixed{}> == 9);
static_assert(tensor_count<mixed{}> == 4);  // named_parameters(): the tied weight once
static_assert(buffer_tensor_count<mixed{}> == 5);
static_assert(buffer_bytes<mixed{}> == 8 + 16 + 2 * 8 * 4 + 8);

}  // namespace

TEST_CASE("a trace lists state_dict() as the table does, and every buffer", "[state_dict]") {
  const trace_result traced = trace(mixed{});
  std::vector<std::string> names;
  for (const tensor_info& entry : traced.state_dict) names.push_back(entry.name);
  CHECK(names == std::vector<std::string>{"scale", "steps", "embed.weight", "norm.weight", "norm.bias",
                                          "norm.running_mean", "norm.running_var", "norm.num_batches_tracked",
                                          "head.weight"});
  REQUIRE(traced.buffers.size() == 5);
  CHECK(traced.buffers[1].name == "mask");
  CHECK(traced.buffers[1].kind == state_kind::non_persistent_buffer);
  CHECK(traced.buffers[1].type == dtype::boolean);
  CHECK(traced.buffer_bytes == buffer_bytes<mixed{}>);
}

// Blocks 1 to n - 1 of a ResNet layer are described once (scope::repeat): the tables copy their
// parameters and BatchNorm buffers under every index, in the order a trace, which describes each
// block, lists them.
TEST_CASE("the tables list every copy of identical blocks as a trace does", "[state_dict]") {
  constexpr resnet::model net{.block = resnet::block_type::basic, .layers = {3, 1, 2, 12}};
  const trace_result traced = trace(net);
  constexpr auto& parameters = parameter_table<net>;
  constexpr auto& state = state_dict_table<net>;
  REQUIRE(parameters.size() == traced.parameters.size());
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    CHECK(parameters.name(i) == traced.parameters[i].name);
    CHECK(parameters[i].dims == traced.parameters[i].dims);
  }
  REQUIRE(state.size() == traced.state_dict.size());
  for (std::size_t i = 0; i < state.size(); ++i) {
    CHECK(state.name(i) == traced.state_dict[i].name);
    CHECK(state[i].dims == traced.state_dict[i].dims);
    CHECK(state[i].kind == traced.state_dict[i].kind);
  }
  CHECK(state.name(state.size() - 3) == "layer4.11.bn2.num_batches_tracked");
  CHECK(state_dict_tensor_count<net> == static_cast<std::int64_t>(traced.state_dict.size()));
  CHECK(buffer_bytes<net> == traced.buffer_bytes);
}

}  // namespace state_dict_test
