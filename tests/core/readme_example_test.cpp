// The README's example, verbatim (CTest's readme.example_is_compiled compares the two): it must stay true.
#include <archdesc/archdesc.hpp>
#include <archdesc/parameter_table.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/llama.hpp>

#include <catch2/catch.hpp>

namespace readme_example_test {

// As the README writes it:
// clang-format off
constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::parameter_count<net> == 25'028'904);
static_assert(archdesc::tensor_count<net> == 161);

// A variant, designed by editing the knobs of torchvision's ResNet class:
using enum archdesc::resnet::block_type;
constexpr archdesc::resnet::model mine{.block = bottleneck, .layers = {2, 2, 2, 2},
                                       .num_classes = 37, .groups = 8, .width_per_group = 16};
static_assert(archdesc::valid<mine>);  // every module fits its input, or a compile error naming it
static_assert(archdesc::output_shape<mine> == archdesc::shape{1, 37});

// The whole parameter table is a constant too:
constexpr auto& table = archdesc::parameter_table<mine>;
static_assert(table.name(12) == "layer1.0.downsample.0.weight");
static_assert(table[12].squeezed == archdesc::shape{256, 64});
// clang-format on

// The README's paragraph on named builders (its failing case is tests/compile_fail/builder_conflict.cpp's
// CASE_RESNET).
namespace builders {
using namespace archdesc::resnet;
using namespace archdesc::bert;
using namespace archdesc::llama;
static_assert(resnet152({.num_classes = 21}).num_classes == 21);
static_assert(bert_large_uncased({.config = {.max_position_embeddings = 256}, .num_classes = 3}).num_classes == 3);
static_assert(llama_2_7b({.config = {.vocab_size = 32001}}).config.vocab_size == 32001);
}  // namespace builders

TEST_CASE("the README's example compiles", "[readme]") { SUCCEED("its static_asserts hold"); }

}  // namespace readme_example_test
