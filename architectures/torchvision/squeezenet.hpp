// architectures/torchvision/squeezenet.hpp: torchvision's SqueezeNet (torchvision/models/squeezenet.py),
// versions 1.0 and 1.1, with the knobs of its class.
//
//   constexpr auto net = archdesc::squeezenet::squeezenet1_1();
//   static_assert(archdesc::parameter_count<net> == 1'235'496);
//   constexpr archdesc::squeezenet::model mine{.version = archdesc::squeezenet::version_type::v1_0, .num_classes = 37};
#pragma once

#include <archdesc/archdesc.hpp>

namespace archdesc::squeezenet {

// torchvision's version strings "1_0" and "1_1".
enum class version_type { v1_0, v1_1 };

// A squeeze 1x1 convolution, then 1x1 and 3x3 expansions concatenated along the channels.
struct fire {
  static constexpr std::string_view type_name = "Fire";
  int inplanes = 0;
  int squeeze_planes = 0;
  int expand1x1_planes = 0;
  int expand3x3_planes = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    shape squeezed = self("squeeze", conv2d{.in_channels = inplanes, .out_channels = squeeze_planes}, x);
    squeezed = self("squeeze_activation", relu, squeezed);
    shape expanded1x1 =
        self("expand1x1", conv2d{.in_channels = squeeze_planes, .out_channels = expand1x1_planes}, squeezed);
    expanded1x1 = self("expand1x1_activation", relu, expanded1x1);
    shape expanded3x3 =
        self("expand3x3",
             conv2d{.in_channels = squeeze_planes, .out_channels = expand3x3_planes, .kernel_size = 3, .padding = 1},
             squeezed);
    expanded3x3 = self("expand3x3_activation", relu, expanded3x3);
    return self.cat({expanded1x1, expanded3x3}, 1);
  }
};

// torchvision.models.SqueezeNet, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "SqueezeNet";
  version_type version = version_type::v1_0;
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    constexpr max_pool2d pool{.kernel_size = 3, .stride = 2, .ceil_mode = true};
    x = self("features", sequential([this, pool](scope& features, shape y) {
               if (version == version_type::v1_0) {
                 y = features(conv2d{.in_channels = 3, .out_channels = 96, .kernel_size = 7, .stride = 2}, y);
                 y = features(relu, y);
                 y = features(pool, y);
                 y = features(fire{96, 16, 64, 64}, y);
                 y = features(fire{128, 16, 64, 64}, y);
                 y = features(fire{128, 32, 128, 128}, y);
                 y = features(pool, y);
                 y = features(fire{256, 32, 128, 128}, y);
                 y = features(fire{256, 48, 192, 192}, y);
                 y = features(fire{384, 48, 192, 192}, y);
                 y = features(fire{384, 64, 256, 256}, y);
                 y = features(pool, y);
                 return features(fire{512, 64, 256, 256}, y);
               }
               y = features(conv2d{.in_channels = 3, .out_channels = 64, .kernel_size = 3, .stride = 2}, y);
               y = features(relu, y);
               y = features(pool, y);
               y = features(fire{64, 16, 64, 64}, y);
               y = features(fire{128, 16, 64, 64}, y);
               y = features(pool, y);
               y = features(fire{128, 32, 128, 128}, y);
               y = features(fire{256, 32, 128, 128}, y);
               y = features(pool, y);
               y = features(fire{256, 48, 192, 192}, y);
               y = features(fire{384, 48, 192, 192}, y);
               y = features(fire{384, 64, 256, 256}, y);
               return features(fire{512, 64, 256, 256}, y);
             }),
             x);
    x = self("classifier", sequential([&](scope& classifier, shape y) {
               y = classifier(dropout, y);
               y = classifier(conv2d{.in_channels = 512, .out_channels = num_classes}, y);  // final_conv
               y = classifier(relu, y);
               return classifier(adaptive_avg_pool2d({1, 1}), y);
             }),
             x);
    return self.call(flatten{1}, x);
  }
};

// The builders of torchvision's squeezenet.py: each takes the model's knobs, as torchvision's take
// keyword arguments (squeezenet1_1({.num_classes = 10})), and sets version itself.
constexpr model squeezenet(version_type version, model knobs) {
  builder_sets(knobs, &model::version, version);
  return knobs;
}

constexpr model squeezenet1_0(const model& knobs = {}) { return squeezenet(version_type::v1_0, knobs); }
constexpr model squeezenet1_1(const model& knobs = {}) { return squeezenet(version_type::v1_1, knobs); }

// The builders of torchvision's squeezenet.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"squeezenet1_0", squeezenet1_0()},
    {"squeezenet1_1", squeezenet1_1()},
};

}  // namespace archdesc::squeezenet
