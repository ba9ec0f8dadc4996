// architectures/torchvision/alexnet.hpp: torchvision's AlexNet (torchvision/models/alexnet.py), with the knob
// of its class that shapes the network (num_classes).
//
//   constexpr auto net = archdesc::alexnet::alexnet();
//   static_assert(archdesc::parameter_count<net> == 61'100'840);
//   constexpr archdesc::alexnet::model small{.num_classes = 10, .input = {3, 128, 128}};
#pragma once

#include <archdesc/archdesc.hpp>

namespace archdesc::alexnet {

// torchvision.models.AlexNet, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "AlexNet";
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    x = self("features", sequential([](scope& features, shape y) {
               y = features(conv2d{.in_channels = 3, .out_channels = 64, .kernel_size = 11, .stride = 4, .padding = 2},
                            y);
               y = features(relu, y);
               y = features(max_pool2d{.kernel_size = 3, .stride = 2}, y);
               y = features(conv2d{.in_channels = 64, .out_channels = 192, .kernel_size = 5, .padding = 2}, y);
               y = features(relu, y);
               y = features(max_pool2d{.kernel_size = 3, .stride = 2}, y);
               y = features(conv2d{.in_channels = 192, .out_channels = 384, .kernel_size = 3, .padding = 1}, y);
               y = features(relu, y);
               y = features(conv2d{.in_channels = 384, .out_channels = 256, .kernel_size = 3, .padding = 1}, y);
               y = features(relu, y);
               y = features(conv2d{.in_channels = 256, .out_channels = 256, .kernel_size = 3, .padding = 1}, y);
               y = features(relu, y);
               return features(max_pool2d{.kernel_size = 3, .stride = 2}, y);
             }),
             x);
    x = self("avgpool", adaptive_avg_pool2d({6, 6}), x);
    x = self.call(flatten{1}, x);
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(dropout, y);
                  y = classifier(linear{.in_features = 256 * 6 * 6, .out_features = 4096}, y);
                  y = classifier(relu, y);
                  y = classifier(dropout, y);
                  y = classifier(linear{.in_features = 4096, .out_features = 4096}, y);
                  y = classifier(relu, y);
                  return classifier(linear{.in_features = 4096, .out_features = num_classes}, y);
                }),
                x);
  }
};

// torchvision's alexnet(**kwargs): AlexNet(**kwargs); with weights=None it sets no knob itself, so
// it takes the model's knobs as they are: alexnet({.num_classes = 10}).
constexpr model alexnet(const model& knobs = {}) { return knobs; }

// The builders of torchvision's alexnet.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"alexnet", alexnet()},
};

}  // namespace archdesc::alexnet
