// The README's example, verbatim: it must stay true.
#include <archdesc/archdesc.hpp>
#include <archdesc/parameter_table.hpp>
#include <architectures/torchvision/resnet.hpp>

#include <catch2/catch.hpp>

constexpr auto net = archdesc::resnet::resnext50_32x4d();
static_assert(archdesc::parameter_count<net> == 25'028'904);
static_assert(archdesc::tensor_count<net> == 161);

// A variant, designed by editing the knobs of torchvision's ResNet class:
using enum archdesc::resnet::block_type;
constexpr archdesc::resnet::model mine{
    .block = bottleneck, .layers = {2, 2, 2, 2}, .num_classes = 37, .groups = 8, .width_per_group = 16};
static_assert(archdesc::valid<mine>);  // every module fits its input, or a compile error naming it
static_assert(archdesc::output_shape<mine> == archdesc::shape{1, 37});

// The whole parameter table is a constant too:
constexpr auto& table = archdesc::parameter_table<mine>;
static_assert(table.name(12) == "layer1.0.downsample.0.weight");
static_assert(table[12].squeezed == archdesc::shape{256, 64});

TEST_CASE("the README's example compiles", "[readme]") { SUCCEED("its static_asserts hold"); }
