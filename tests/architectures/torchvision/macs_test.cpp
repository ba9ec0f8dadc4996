// Multiply-accumulates: equal to an independent count of what PyTorch executes
// (tools/goldens/count_macs.py, tests/data/goldens/macs.tsv), and to torchvision's published GFLOPS.
#include <test_data.hpp>

#include <archdesc/trace.hpp>
#include <architectures/torchvision/faster_rcnn.hpp>
#include <architectures/torchvision/raft.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/torchvision/vision_transformer.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace macs_test {

using archdesc::test::data_path;
using archdesc::test::read_file;

namespace {

struct mac_golden {
  std::string name;
  std::string input;
  std::int64_t macs = 0;
  double published_gmacs = 0;  // 0: none published
};

std::vector<mac_golden> mac_goldens() {
  std::istringstream lines(read_file(data_path("goldens/macs.tsv")));
  std::vector<mac_golden> goldens;
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    mac_golden golden;
    std::string published;
    std::getline(fields, golden.name, '\t');
    std::getline(fields, golden.input, '\t');
    fields >> golden.macs;
    fields.ignore(1);
    std::getline(fields, published);
    golden.published_gmacs = published.empty() ? 0 : std::stod(published);
    goldens.push_back(golden);
  }
  return goldens;
}

std::string input_text(const archdesc::shape& batched) {
  std::string text;
  for (int axis = 1; axis < batched.rank; ++axis) text += (axis > 1 ? "x" : "") + std::to_string(batched[axis]);
  return text;
}

// Published GFLOPS are billions of MACs with three decimals.
bool agrees_with_published(std::int64_t macs, double published_gmacs) {
  return std::abs(static_cast<double>(macs) / 1e9 - published_gmacs) <= 0.0005 + 1e-9;
}

}  // namespace

TEST_CASE("every model's MACs equal PyTorch's executed convolutions and matrix products", "[macs][golden]") {
  const auto goldens = mac_goldens();
  REQUIRE(goldens.size() >= 80);
  const auto models = archdesc::test::all_models();
  for (const auto& golden : goldens) {
    DYNAMIC_SECTION(golden.name) {
      // Built-in models run at the crop size of their first ImageNet weights, as the golden does.
      const auto model =
          std::find_if(models.begin(), models.end(), [&](const auto& m) { return m.name == golden.name; });
      REQUIRE(model != models.end());
      const archdesc::trace_result traced = model->trace();
      REQUIRE(input_text(traced.input) == golden.input);
      CHECK(traced.mac_total == golden.macs);
      if (golden.published_gmacs > 0 && golden.name != "vit_h_14")
        CHECK(agrees_with_published(traced.mac_total, golden.published_gmacs));
    }
  }
}

TEST_CASE("vit_h_14's published GFLOPS are those of its SWAG weights, at image_size 518", "[macs]") {
  auto net = archdesc::vision_transformer::vit_h_14();
  net.image_size = 518;
  CHECK(agrees_with_published(archdesc::trace(net).mac_total, 1016.717));
}

TEST_CASE("MAC budgets can be checked at compile time", "[macs][compile time]") {
  constexpr auto resnet50 = archdesc::resnet::resnet50();
  STATIC_REQUIRE(archdesc::macs<resnet50, archdesc::shape{3, 224, 224}> < 5'000'000'000);
  STATIC_REQUIRE(archdesc::macs<resnet50, archdesc::shape{3, 224, 224}> == 4'089'184'256);
  // A larger input: the same parameters, more MACs (torchvision runs resnet50 at any size).
  STATIC_REQUIRE(archdesc::macs<resnet50, archdesc::shape{3, 320, 320}> > 2 * archdesc::macs<resnet50>);
  STATIC_REQUIRE(archdesc::output_shape<resnet50, archdesc::shape{3, 320, 320}> == archdesc::shape{1, 1000});
}

namespace {
// The ROI heads of a Faster R-CNN on a number of proposals, pooled from its finest level: what
// depends on the data, described for a given count.
struct proposals_through_roi_heads {
  static constexpr std::string_view type_name = "RoIHeads";
  archdesc::detection::box_head_config box_head{};
  int proposals = 1000;
  archdesc::shape input{256, 200, 200};
  constexpr archdesc::shape forward(archdesc::scope& self, const archdesc::shape& level) const {
    return self("roi_heads", archdesc::detection::roi_heads{.box_head = box_head, .proposals = proposals}, level);
  }
};
}  // namespace

TEST_CASE("the R-CNNs' published GFLOPS are the static part and the box head on 1000 proposals", "[macs]") {
  // torchvision counts its R-CNNs on one image with the ROI heads on RPN's 1000 proposals (its
  // post_nms_top_n in eval mode); their masks and keypoints ran on as many detections as that
  // image gave, which is not comparable (maskrcnn_resnet50_fpn_v2 333.577, keypointrcnn 137.42).
  // Constants: built at run time, their shapes' initializer lists make g++ 12 -O3 warn falsely.
  static constexpr proposals_through_roi_heads two_mlp{};
  static constexpr proposals_through_roi_heads conv_fc{
      .box_head = {.type = archdesc::detection::box_head_type::conv_fc}};
  static constexpr auto faster = archdesc::faster_rcnn::fasterrcnn_resnet50_fpn();
  static constexpr auto faster_v2 = archdesc::faster_rcnn::fasterrcnn_resnet50_fpn_v2();
  static constexpr auto mask = archdesc::faster_rcnn::maskrcnn_resnet50_fpn();
  const std::int64_t two_mlp_macs = archdesc::trace(two_mlp).mac_total;
  CHECK(agrees_with_published(archdesc::trace(faster).mac_total + two_mlp_macs, 134.38));
  CHECK(agrees_with_published(archdesc::trace(mask).mac_total + two_mlp_macs, 134.38));
  CHECK(agrees_with_published(archdesc::trace(faster_v2).mac_total + archdesc::trace(conv_fc).mac_total, 280.371));
}

namespace {
// RAFT's correlation block on one frame's feature map, (256, 64, 64) for a 512x512 frame.
struct correlation_volume {
  static constexpr std::string_view type_name = "CorrelationVolume";
  archdesc::shape input{256, 64, 64};
  constexpr archdesc::shape forward(archdesc::scope& self, const archdesc::shape& fmap) const {
    return self.functional("corr_block", archdesc::raft::corr_block{}, fmap);
  }
};
}  // namespace

TEST_CASE("RAFT's published GFLOPS: two 512x512 frames, 12 flow updates of the same update block", "[macs]") {
  // Raft_Large_Weights' and Raft_Small_Weights' "_ops" (211.007 and 47.655 for every weights entry)
  // in pytorch/vision after 0.14 (torchvision/models/optical_flow/raft.py), counted by its
  // test/common_extended_utils.py (get_ops: the OpticalFlow transform of two 512x512 frames, forward's
  // default num_flow_updates = 12): convolutions and matrix products, nothing else.
  static constexpr auto large = archdesc::raft::raft_large();
  static constexpr auto small = archdesc::raft::raft_small();
  CHECK(agrees_with_published(archdesc::trace(large).mac_total, 211.007));
  CHECK(agrees_with_published(archdesc::trace(small).mac_total, 47.655));
  // The correlation volume is one batched product of the two 64x64 feature maps: 4096 x 4096 x 256.
  CHECK(archdesc::trace(correlation_volume{}).mac_total == 4096LL * 4096 * 256);
  // Each flow update runs the update block and the mask predictor again: the same MACs each time.
  static constexpr auto one_update = archdesc::raft::raft_large({.num_flow_updates = 1});
  static constexpr auto two_updates = archdesc::raft::raft_large({.num_flow_updates = 2});
  const std::int64_t per_update = archdesc::trace(two_updates).mac_total - archdesc::trace(one_update).mac_total;
  CHECK(archdesc::trace(large).mac_total == archdesc::trace(one_update).mac_total + 11 * per_update);
  STATIC_REQUIRE(archdesc::macs<large> == 211'007'045'632);
}

}  // namespace macs_test
