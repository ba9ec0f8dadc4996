// architectures/torchvision/ssd.hpp: torchvision's SSD (torchvision/models/detection/ssd.py) with the
// knobs of its class and of ssd300_vgg16: VGG-16's layers as the backbone, extra blocks, and a
// classification and a regression convolution on each of its six feature maps.
//
//   constexpr auto net = archdesc::ssd::ssd300_vgg16();
//   static_assert(archdesc::parameter_count<net> == 35'641'826);
//   static_assert(archdesc::output_shape<net> == archdesc::shape{1, 8732, 91});
//
// The input is one image, resized to 300x300 by the transform. The backbone and the head run on
// it; the output is the classification head's logits, (1, default boxes, num_classes). Decoding
// the boxes, keeping the best scores and NMS depend on the data and have no parameters. The
// backbone has no batch norm: built with or without weights, the layout is the same.
#pragma once

#include <architectures/torchvision/detection_ops.hpp>
#include <architectures/torchvision/vgg.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::ssd {

using detection::feature_maps;

// torchvision's SSDScoringHead: one module per feature map (module_block(i)), its predictions
// permuted to (N, H * W * anchors, num_columns) and concatenated over the levels.
template <class Block>
struct scoring_head {
  std::string_view type_name{};
  int num_columns = 0;
  Block module_block;
  const feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, const shape& x) const {
    std::int64_t rows = 0;
    self("module_list", module_list([&](scope& list, const shape&) {
           for (int i = 0; i < maps->size(); ++i) {
             const shape y = list(module_block(i), (*maps)[i]);
             rows += y[1] / num_columns * y[2] * y[3];
           }
           return x;
         }),
         x);
    return {x[0], rows, num_columns};
  }
};

template <class Block>
constexpr scoring_head<Block> make_scoring_head(std::string_view type_name, int num_columns, Block module_block,
                                                const feature_maps* maps) {
  return {type_name, num_columns, module_block, maps};
}

// An SSD head (SSDHead, or SSDLiteHead where lite), registered as "head": scoring heads of
// num_classes and 4 columns, whose module for each level is prediction(columns, level); it
// registers the classification head first and calls the regression head first, as torchvision
// does, and returns the classification logits.
template <class Prediction>
constexpr shape ssd_head(scope& self, bool lite, int num_classes, Prediction prediction, const feature_maps& maps) {
  self.data_dependent(detection::postprocess_detections);
  return self.several_outputs(
      "head",
      composite(
          lite ? "SSDLiteHead" : "SSDHead",
          [&](scope& head, const shape& x) {
            const auto columns = [&](int n) { return [prediction, n](int level) { return prediction(n, level); }; };
            const auto classification = make_scoring_head(lite ? "SSDLiteClassificationHead" : "SSDClassificationHead",
                                                          num_classes, columns(num_classes), &maps);
            const auto regression =
                make_scoring_head(lite ? "SSDLiteRegressionHead" : "SSDRegressionHead", 4, columns(4), &maps);
            const auto classify = head.declare("classification_head", classification, x);
            const auto regress = head.declare("regression_head", regression, x);
            regress(x);
            return classify(x);
          }),
      maps[0]);
}

// An extra block of SSDFeatureExtractorVGG: a 1x1 convolution to mid channels, then a
// convolution to out channels, each followed by ReLU.
struct extra_block_config {
  int in_channels = 0;
  int mid_channels = 0;
  int out_channels = 0;
  int kernel_size = 3;
  int stride = 1;
  int padding = 0;
};

// torchvision's SSDFeatureExtractorVGG over VGG-16's layers: conv4_3's output (scaled by
// scale_weight after an L2 normalisation), then the output of each extra block; to maps.
struct vgg_feature_extractor {
  static constexpr std::string_view type_name = "SSDFeatureExtractorVGG";
  bool highres = false;
  feature_maps* maps = nullptr;

  constexpr shape forward(scope& self, shape x) const {
    const vgg::layer_cfg& cfg = vgg::cfgs::D;
    const int maxpool3_pos = vgg::pool_index(cfg, false, 2), maxpool4_pos = vgg::pool_index(cfg, false, 3);
    const int last = vgg::pool_index(cfg, false, 4);  // maxpool5, left out
    self.parameter("scale_weight", {512});
    x = self("features", sequential([=](scope& layers, const shape& y) {
               return vgg::apply_layers(layers, cfg, false, y, {.end = maxpool4_pos, .ceil_mode_at = maxpool3_pos});
             }),
             x);
    *maps = {};
    maps->push_back(x);  // scale_weight * F.normalize(x)
    constexpr extra_block_config blocks[] = {{1024, 256, 512, 3, 2, 1},
                                             {512, 128, 256, 3, 2, 1},
                                             {256, 128, 256, 3, 1, 0},
                                             {256, 128, 256, 3, 1, 0},
                                             {256, 128, 256, 4, 1, 0}};  // conv12_2, highres only
    const int count = highres ? 5 : 4;
    return self("extra", module_list([&](scope& extra, shape y) {
                  // until conv5_3, then fc6 (atrous) and fc7 as convolutions
                  y = extra(sequential([=](scope& layers, shape z) {
                              z = vgg::apply_layers(layers, cfg, false, z, {.begin = maxpool4_pos, .end = last});
                              return layers(sequential([](scope& fc, shape w) {
                                              w = fc(max_pool2d{.kernel_size = 3, .stride = 1, .padding = 1}, w);
                                              w = fc(conv2d{.in_channels = 512,
                                                            .out_channels = 1024,
                                                            .kernel_size = 3,
                                                            .padding = 6,
                                                            .dilation = 6},
                                                     w);
                                              w = fc(relu, w);
                                              w = fc(conv2d{.in_channels = 1024, .out_channels = 1024}, w);
                                              return fc(relu, w);
                                            }),
                                            z);
                            }),
                            y);
                  maps->push_back(y);
                  for (int i = 0; i < count; ++i) {
                    const extra_block_config b = blocks[i];
                    y = extra(sequential([b](scope& layers, shape z) {
                                z = layers(conv2d{.in_channels = b.in_channels, .out_channels = b.mid_channels}, z);
                                z = layers(relu, z);
                                z = layers(conv2d{.in_channels = b.mid_channels,
                                                  .out_channels = b.out_channels,
                                                  .kernel_size = b.kernel_size,
                                                  .stride = b.stride,
                                                  .padding = b.padding},
                                           z);
                                return layers(relu, z);
                              }),
                              y);
                    maps->push_back(y);
                  }
                  return y;
                }),
                x);
  }
};

// torchvision.models.detection.SSD with the VGG-16 backbone of ssd300_vgg16.
struct model {
  static constexpr std::string_view type_name = "SSD";
  int num_classes = 91;
  int size = 300;  // the transform's fixed size
  // DefaultBoxGenerator's boxes at each location of each feature map: 2 + 2 per aspect ratio
  bounded_list<int, 8> num_anchors{4, 6, 6, 6, 4, 4};
  bounded_list<int, 8> out_channels{512, 1024, 512, 256, 256, 256};  // the backbone's feature maps'
  shape input{3, 300, 300};

  constexpr shape forward(scope& self, const shape& image) const {
    const shape x = detection::rcnn_transform{.size_divisible = 1, .fixed_size = size}.batch(image);
    feature_maps maps;
    self.several_outputs("backbone", vgg_feature_extractor{.maps = &maps}, x);
    if (maps.size() != static_cast<int>(num_anchors.size())) {
      self.fail("has ", maps.size(), " feature maps and anchors for ", static_cast<int>(num_anchors.size()));
      return x;
    }
    return ssd_head(
        self, false, num_classes,
        [this](int columns, int level) {
          const auto i = static_cast<std::size_t>(level);
          return conv2d{
              .in_channels = out_channels[i], .out_channels = columns * num_anchors[i], .kernel_size = 3, .padding = 1};
        },
        maps);
  }
};

// The builder of ssd.py: takes the model's knobs (ssd300_vgg16({.num_classes = 21})).
constexpr model ssd300_vgg16(const model& knobs = {}) { return knobs; }

// The builder, by name.
inline constexpr named_model<model> named_models[] = {
    {"ssd300_vgg16", ssd300_vgg16()},
};

}  // namespace archdesc::ssd
