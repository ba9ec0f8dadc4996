// architectures/torchvision/vgg.hpp: torchvision's VGG family (torchvision/models/vgg.py), with the knobs of
// its make_layers (cfg, batch_norm) and of its VGG class (num_classes).
//
//   constexpr auto net = archdesc::vgg::vgg16_bn();
//   static_assert(archdesc::parameter_count<net> == 138'365'992);
//   constexpr archdesc::vgg::model mine{.cfg = {64, archdesc::vgg::M, 512, archdesc::vgg::M}, .batch_norm = true,
//   .num_classes = 10};
#pragma once

#include <archdesc/archdesc.hpp>

namespace archdesc::vgg {

// "M" in a cfg: a 2x2 max-pool with stride 2; every other entry is a 3x3 convolution's channels.
inline constexpr int M = -1;

using layer_cfg = bounded_list<int, 32>;

// torchvision's cfgs, by the letters of the VGG paper.
namespace cfgs {
inline constexpr layer_cfg A{64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
inline constexpr layer_cfg B{64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
inline constexpr layer_cfg D{64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M};
inline constexpr layer_cfg E{64,  64,  M,   128, 128, M,   256, 256, 256, 256, M,
                             512, 512, 512, 512, M,   512, 512, 512, 512, M};
}  // namespace cfgs

// Which of make_layers' modules to apply, by their index in its Sequential: [begin, end), the
// max-pool of index ceil_mode_at (if any) rounding up (SSD takes VGG's layers in two slices and
// rounds its third pool up).
struct layer_slice {
  int begin = 0;
  int end = 1 << 30;
  int ceil_mode_at = -1;
};

// torchvision's make_layers, the slice of its modules applied in order to x, on `layers`.
constexpr shape apply_layers(scope& layers, const layer_cfg& cfg, bool batch_norm, shape x,
                             const layer_slice& slice = {}) {
  int in_channels = 3;
  int index = 0;
  const auto layer = [&](const auto& module) {
    if (index >= slice.begin && index < slice.end) x = layers(module, x);
    ++index;
  };
  for (const int v : cfg) {
    if (v == M) {
      layer(max_pool2d{.kernel_size = 2, .stride = 2, .ceil_mode = index == slice.ceil_mode_at});
      continue;
    }
    layer(conv2d{.in_channels = in_channels, .out_channels = v, .kernel_size = 3, .padding = 1});
    if (batch_norm) layer(batch_norm2d{v});
    layer(relu);
    in_channels = v;
  }
  return x;
}

// The index in make_layers' Sequential of its n-th max-pool (from 0), or of its end past the last.
constexpr int pool_index(const layer_cfg& cfg, bool batch_norm, int n) {
  int index = 0;
  for (const int v : cfg) {
    if (v == M && n-- == 0) return index;
    index += v == M ? 1 : batch_norm ? 3 : 2;
  }
  return index;
}

// torchvision's make_layers: the features Sequential of a cfg.
constexpr auto make_layers(const layer_cfg& cfg, bool batch_norm) {
  return sequential(
      [&cfg, batch_norm](scope& layers, const shape& x) { return apply_layers(layers, cfg, batch_norm, x); });
}

// torchvision.models.VGG built on make_layers(cfg, batch_norm). torchvision's builders always pass
// a cfg; the default here is A (vgg11).
struct model {
  static constexpr std::string_view type_name = "VGG";
  layer_cfg cfg = cfgs::A;
  bool batch_norm = false;
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    x = self("features", make_layers(cfg, batch_norm), x);
    x = self("avgpool", adaptive_avg_pool2d({7, 7}), x);
    x = self.call(flatten{1}, x);
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(linear{.in_features = 512 * 7 * 7, .out_features = 4096}, y);
                  y = classifier(relu, y);
                  y = classifier(dropout, y);
                  y = classifier(linear{.in_features = 4096, .out_features = 4096}, y);
                  y = classifier(relu, y);
                  y = classifier(dropout, y);
                  return classifier(linear{.in_features = 4096, .out_features = num_classes}, y);
                }),
                x);
  }
};

// The builders of torchvision's vgg.py: each takes the model's knobs, as torchvision's take keyword
// arguments (vgg16({.num_classes = 10})), and sets cfg and batch_norm itself.
constexpr model vgg(const layer_cfg& cfg, bool batch_norm, model knobs) {
  builder_sets(knobs, &model::cfg, cfg);
  builder_sets(knobs, &model::batch_norm, batch_norm);
  return knobs;
}

constexpr model vgg11(const model& knobs = {}) { return vgg(cfgs::A, false, knobs); }
constexpr model vgg11_bn(const model& knobs = {}) { return vgg(cfgs::A, true, knobs); }
constexpr model vgg13(const model& knobs = {}) { return vgg(cfgs::B, false, knobs); }
constexpr model vgg13_bn(const model& knobs = {}) { return vgg(cfgs::B, true, knobs); }
constexpr model vgg16(const model& knobs = {}) { return vgg(cfgs::D, false, knobs); }
constexpr model vgg16_bn(const model& knobs = {}) { return vgg(cfgs::D, true, knobs); }
constexpr model vgg19(const model& knobs = {}) { return vgg(cfgs::E, false, knobs); }
constexpr model vgg19_bn(const model& knobs = {}) { return vgg(cfgs::E, true, knobs); }

// The builders of torchvision's vgg.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"vgg11", vgg11()}, {"vgg11_bn", vgg11_bn()}, {"vgg13", vgg13()}, {"vgg13_bn", vgg13_bn()},
    {"vgg16", vgg16()}, {"vgg16_bn", vgg16_bn()}, {"vgg19", vgg19()}, {"vgg19_bn", vgg19_bn()},
};

}  // namespace archdesc::vgg
