// architectures/torchvision/googlenet.hpp: torchvision's GoogLeNet, Inception v1 (torchvision/models/googlenet.py),
// with the knobs of its class that shape it. transform_input only rescales the input channels,
// and init_weights, dropout and dropout_aux change no parameter and no shape, so they are left out.
//
//   constexpr auto net = archdesc::googlenet::googlenet();
//   static_assert(archdesc::parameter_count<net> == 13'004'888);
//   constexpr archdesc::googlenet::model small{.num_classes = 10, .aux_logits = false};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::googlenet {

using torchvision::basic_conv2d;

// Four branches of the same input, concatenated along the channels.
struct inception {
  static constexpr std::string_view type_name = "Inception";
  int in_channels = 0;
  int ch1x1 = 0;
  int ch3x3red = 0;
  int ch3x3 = 0;
  int ch5x5red = 0;
  int ch5x5 = 0;
  int pool_proj = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape branch1 = self("branch1", basic_conv2d{in_channels, ch1x1, 1}, x);
    const shape branch2 = self(
        "branch2", sequential([&](scope& s, shape y) {
          y = s(basic_conv2d{in_channels, ch3x3red, 1}, y);
          return s(basic_conv2d{.in_channels = ch3x3red, .out_channels = ch3x3, .kernel_size = 3, .padding = 1}, y);
        }),
        x);
    const shape branch3 = self(
        "branch3", sequential([&](scope& s, shape y) {
          y = s(basic_conv2d{in_channels, ch5x5red, 1}, y);
          // Here, kernel_size=3 instead of kernel_size=5 is a known bug of torchvision's
          // (https://github.com/pytorch/vision/issues/906), kept for its weights.
          return s(basic_conv2d{.in_channels = ch5x5red, .out_channels = ch5x5, .kernel_size = 3, .padding = 1}, y);
        }),
        x);
    const shape branch4 = self("branch4", sequential([&](scope& s, shape y) {
                                 y = s(max_pool2d{.kernel_size = 3, .stride = 1, .padding = 1, .ceil_mode = true}, y);
                                 return s(basic_conv2d{in_channels, pool_proj, 1}, y);
                               }),
                               x);
    return self.cat({branch1, branch2, branch3, branch4}, 1);
  }
};

// The auxiliary classifier that only training runs.
struct inception_aux {
  static constexpr std::string_view type_name = "InceptionAux";
  int in_channels = 0;
  int num_classes = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = self.call(adaptive_avg_pool2d({4, 4}), x);
    x = self("conv", basic_conv2d{in_channels, 128, 1}, x);
    x = self.call(flatten{1}, x);
    x = self("fc1", linear{.in_features = 2048, .out_features = 1024}, x);
    x = self.call(relu, x);
    // Registered after fc2; it has no parameters, so applying it in forward's order names nothing differently.
    x = self("dropout", dropout, x);
    return self("fc2", linear{.in_features = 1024, .out_features = num_classes}, x);
  }
};

// torchvision.models.GoogLeNet, with its constructor's knobs that shape it.
struct model {
  static constexpr std::string_view type_name = "GoogLeNet";
  int num_classes = 1000;
  bool aux_logits = true;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    x = self("conv1", basic_conv2d{.in_channels = 3, .out_channels = 64, .kernel_size = 7, .stride = 2, .padding = 3},
             x);
    x = self("maxpool1", max_pool2d{.kernel_size = 3, .stride = 2, .ceil_mode = true}, x);
    x = self("conv2", basic_conv2d{64, 64, 1}, x);
    x = self("conv3", basic_conv2d{.in_channels = 64, .out_channels = 192, .kernel_size = 3, .padding = 1}, x);
    x = self("maxpool2", max_pool2d{.kernel_size = 3, .stride = 2, .ceil_mode = true}, x);

    x = self("inception3a", inception{192, 64, 96, 128, 16, 32, 32}, x);
    x = self("inception3b", inception{256, 128, 128, 192, 32, 96, 64}, x);
    x = self("maxpool3", max_pool2d{.kernel_size = 3, .stride = 2, .ceil_mode = true}, x);

    x = self("inception4a", inception{480, 192, 96, 208, 16, 48, 64}, x);
    const shape aux1_input = x;
    x = self("inception4b", inception{512, 160, 112, 224, 24, 64, 64}, x);
    x = self("inception4c", inception{512, 128, 128, 256, 24, 64, 64}, x);
    x = self("inception4d", inception{512, 112, 144, 288, 32, 64, 64}, x);
    const shape aux2_input = x;
    x = self("inception4e", inception{528, 256, 160, 320, 32, 128, 128}, x);
    x = self("maxpool4", max_pool2d{.kernel_size = 2, .stride = 2, .ceil_mode = true}, x);

    x = self("inception5a", inception{832, 256, 160, 320, 32, 128, 128}, x);
    x = self("inception5b", inception{832, 384, 192, 384, 48, 128, 128}, x);

    // Registered after inception5b, though forward would run them after inception4a and 4d.
    if (aux_logits) {
      self.training_only("aux1", inception_aux{512, num_classes}, aux1_input);
      self.training_only("aux2", inception_aux{528, num_classes}, aux2_input);
    }

    x = self("avgpool", adaptive_avg_pool2d({1, 1}), x);
    x = self.call(flatten{1}, x);
    x = self("dropout", dropout, x);
    return self("fc", linear{.in_features = 1024, .out_features = num_classes}, x);
  }
};

// With weights=None, googlenet(**kwargs) builds GoogLeNet(**kwargs) and sets no knob itself (only
// the weights set transform_input and aux_logits): googlenet({.num_classes = 10, .aux_logits = false}).
constexpr model googlenet(const model& knobs = {}) { return knobs; }

// The builders of torchvision's googlenet.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"googlenet", googlenet()},
};

}  // namespace archdesc::googlenet
