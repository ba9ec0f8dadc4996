// <archdesc/knobs.hpp>: its top comment's example as written there, and what the walker does with
// each kind of knob. The command's use of it is tested through the command (tests/tools/cli_test.cmake).
#include <architectures/torchvision/resnet_knobs.hpp>

#include <catch2/catch.hpp>

// A clip model's knobs: a (depth, height, width) size, and rows whose members are lists.
namespace knobs_test {
struct row {
  int heads = 1;
  archdesc::bounded_list<int, 3> kernel{};
};
struct clip_net {
  archdesc::dhw stride{2, 4, 4};
  archdesc::bounded_list<row, 4> rows{};
};
}  // namespace knobs_test
BOOST_HANA_ADAPT_STRUCT(knobs_test::row, heads, kernel);
BOOST_HANA_ADAPT_STRUCT(knobs_test::clip_net, stride, rows);

TEST_CASE("knobs.hpp's example: resnet50 with ResNeXt's knobs is resnext50_32x4d") {
  archdesc::resnet::model net = archdesc::resnet::resnet50();
  archdesc::set_knob(net, "groups", archdesc::parse_knob_value("32"));
  archdesc::set_knob(net, "width_per_group", archdesc::parse_knob_value("4"));
  CHECK(archdesc::to_knob_value(net) == archdesc::to_knob_value(archdesc::resnet::resnext50_32x4d()));
  CHECK(archdesc::knob_rows(net)[3].name == "groups");
  CHECK(archdesc::knob_rows(net)[3].class_default == "1");
  CHECK(archdesc::cpp_knob_text(net) == "{.groups = 32, .width_per_group = 4}");
}

TEST_CASE("knob values parse from --set's text") {
  using kind = archdesc::knob_value::kind;
  CHECK(archdesc::parse_knob_value("37").integer == 37);
  CHECK(archdesc::parse_knob_value("-1").integer == -1);
  CHECK(archdesc::parse_knob_value("0.75").real == 0.75);
  CHECK(archdesc::parse_knob_value("1e-5").real == 1e-5);
  CHECK(archdesc::parse_knob_value("true").boolean);
  CHECK(archdesc::parse_knob_value("bottleneck").name == "bottleneck");
  CHECK(archdesc::knob_text(archdesc::parse_knob_value(" [ [1,16, 1,1] ,[6,24,2,2]]")) ==
        "[[1, 16, 1, 1], [6, 24, 2, 2]]");
  CHECK(archdesc::knob_text(archdesc::parse_knob_value("3x320x320")) == "[3, 320, 320]");
  CHECK(archdesc::parse_knob_value("[]").type == kind::list);
  for (const char* bad : {"", "[", "[1,", "1x", "3x0.5", "1.2.3", "99999999999999999999", "[[[[[[[[[1]]]]]]]]]", "a b"})
    CHECK_THROWS_AS(archdesc::parse_knob_value(bad), archdesc::knob_error);
}

TEST_CASE("a knob takes only values of its type, within its bounds") {
  archdesc::resnet::model net;
  CHECK_THROWS_WITH(archdesc::set_knob(net, "groups", archdesc::parse_knob_value("0.5")),
                    "groups: expects int, receives 0.5");
  CHECK_THROWS_WITH(archdesc::set_knob(net, "block", archdesc::parse_knob_value("basik")),
                    "block: expects block_type (basic, bottleneck), receives basik");
  CHECK_THROWS_WITH(archdesc::set_knob(net, "layers", archdesc::parse_knob_value("[1, 2]")),
                    "layers: expects array<int, 4>, receives [1, 2] (exactly 4 values, receives 2)");
  CHECK_THROWS_WITH(archdesc::set_knob(net, "input", archdesc::parse_knob_value("3x0x4")),
                    Catch::Contains("sizes are positive"));
  CHECK_THROWS_WITH(archdesc::set_knob(net, "groups", archdesc::parse_knob_value("2000000")),
                    Catch::Contains("within +-1048576"));
  CHECK_THROWS_WITH(archdesc::set_knob(net, "groups.x", archdesc::parse_knob_value("1")),
                    Catch::StartsWith("unknown knob 'groups.x'; the closest: groups"));
}

TEST_CASE("a dhw knob takes one size or three, and rows take lists as members") {
  knobs_test::clip_net net;
  CHECK(archdesc::knob_rows(net)[0].type == "dhw");
  CHECK(archdesc::knob_rows(net)[0].value == "[2, 4, 4]");
  archdesc::set_knob(net, "stride", archdesc::parse_knob_value("3"));
  CHECK(net.stride == archdesc::dhw{3, 3, 3});
  CHECK(archdesc::knob_rows(net)[0].value == "3");
  archdesc::set_knob(net, "stride", archdesc::parse_knob_value("[1, 2, 2]"));
  CHECK(net.stride == archdesc::dhw{1, 2, 2});
  CHECK_THROWS_WITH(archdesc::set_knob(net, "stride", archdesc::parse_knob_value("[1, 2]")),
                    "stride: expects dhw (a size, or [depth, height, width]), receives [1, 2]");
  archdesc::set_knob(net, "rows", archdesc::parse_knob_value("[[2, [3, 3, 3]], [4, []]]"));
  REQUIRE(net.rows.size() == 2);
  CHECK(net.rows[0].kernel == archdesc::bounded_list<int, 3>{3, 3, 3});
  CHECK(net.rows[1].kernel.empty());
  CHECK(archdesc::knob_rows(net)[1].value == "[[2, [3, 3, 3]], [4, []]]");
  CHECK(archdesc::cpp_knob_text(net) ==
        "{.stride = {1, 2, 2}, .rows = {{.heads = 2, .kernel = {3, 3, 3}}, {.heads = 4}}}");
  CHECK_THROWS_WITH(archdesc::set_knob(net, "rows", archdesc::parse_knob_value("[[2, [3, 3, 3, 3]]]")),
                    Catch::StartsWith("rows[0].kernel: expects bounded_list<int, 3>"));
}
