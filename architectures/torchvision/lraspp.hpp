// architectures/torchvision/lraspp.hpp: torchvision's Lite R-ASPP (torchvision/models/segmentation/lraspp.py)
// on a dilated MobileNetV3-Large, with the knobs of its LRASPP class (num_classes, inter_channels).
//
//   constexpr auto net = archdesc::lraspp::lraspp_mobilenet_v3_large();
//   static_assert(archdesc::parameter_count<net> == 3'221'538);
#pragma once

#include <architectures/torchvision/fcn.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::lraspp {

// torchvision's LRASPPHead on the backbone's dict: `low` is its "low" entry, forward's input its
// "high" entry.
struct lraspp_head {
  static constexpr std::string_view type_name = "LRASPPHead";
  int low_channels = 0;
  int high_channels = 0;
  int num_classes = 0;
  int inter_channels = 0;
  shape low;

  constexpr shape forward(scope& self, const shape& high) const {
    shape x = self("cbr", sequential([&](scope& s, shape y) {
                     y = s(conv2d{.in_channels = high_channels, .out_channels = inter_channels, .bias = false}, y);
                     y = s(batch_norm2d{inter_channels}, y);
                     return s(relu, y);
                   }),
                   high);
    const shape scale =
        self("scale", sequential([&](scope& s, shape y) {
               y = s(adaptive_avg_pool2d(1), y);
               y = s(conv2d{.in_channels = high_channels, .out_channels = inter_channels, .bias = false}, y);
               return s(sigmoid, y);
             }),
             high);
    x = segmentation::resized(self.multiply(x, scale), low);
    const shape low_logits =
        self("low_classifier", conv2d{.in_channels = low_channels, .out_channels = num_classes}, low);
    return self.add(low_logits,
                    self("high_classifier", conv2d{.in_channels = inter_channels, .out_channels = num_classes}, x));
  }
};

// torchvision.models.segmentation.LRASPP on the backbone its builder makes: C2 (output stride 8)
// as "low", C5 (output stride 16) as "high".
struct model {
  static constexpr std::string_view type_name = "LRASPP";
  int num_classes = 21;
  int inter_channels = 128;
  shape input{3, 520, 520};

  constexpr shape forward(scope& self, const shape& input_image) const {
    const mobilenet_v3::model features = segmentation::dilated_mobilenet_v3_large();
    const bounded_list<int, 8> stages = features.stage_indices();
    const int low_pos = stages[stages.size() - 4], high_pos = stages[stages.size() - 1];
    torchvision::feature_maps maps;
    self.several_outputs("backbone", torchvision::mobilenet_body{features, {low_pos, high_pos}, &maps}, input_image);
    const shape out = self("classifier",
                           lraspp_head{features.feature_channels(low_pos), features.feature_channels(high_pos),
                                       num_classes, inter_channels, maps[0]},
                           maps[1]);
    return segmentation::resized(out, input_image);
  }
};

// The builder of torchvision's lraspp.py (weights=None, weights_backbone=None); its published
// weights load into this layout, which has no auxiliary classifier.
constexpr model lraspp_mobilenet_v3_large(const model& knobs = {}) { return knobs; }

inline constexpr named_model<model> named_models[] = {
    {"lraspp_mobilenet_v3_large", lraspp_mobilenet_v3_large()},
};

}  // namespace archdesc::lraspp
