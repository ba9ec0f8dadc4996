// architectures/torchvision/densenet.hpp: torchvision's DenseNet-BC (torchvision/models/densenet.py), with the
// knobs of its class. drop_rate and memory_efficient change no parameter and no shape, so they
// are left out.
//
//   constexpr auto net = archdesc::densenet::densenet121();
//   static_assert(archdesc::parameter_count<net> == 7'978'856);
//   constexpr archdesc::densenet::model small{.growth_rate = 12, .block_config = {3, 6, 9}, .num_classes = 10};
#pragma once

#include <archdesc/archdesc.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace archdesc::densenet {

struct dense_layer {
  static constexpr std::string_view type_name = "_DenseLayer";
  int num_input_features = 0;
  int growth_rate = 0;
  int bn_size = 0;

  // prev_features: the layer's list of inputs, as the one tensor its torch.cat(inputs, 1) makes.
  constexpr shape forward(scope& self, const shape& prev_features) const {
    // bn_function
    shape bottleneck_output = self("norm1", batch_norm2d{num_input_features}, prev_features);
    bottleneck_output = self("relu1", relu, bottleneck_output);
    bottleneck_output = self("conv1",
                             conv2d{.in_channels = num_input_features,
                                    .out_channels = bn_size * growth_rate,
                                    .kernel_size = 1,
                                    .stride = 1,
                                    .bias = false},
                             bottleneck_output);
    shape new_features = self("norm2", batch_norm2d{bn_size * growth_rate}, bottleneck_output);
    new_features = self("relu2", relu, new_features);
    return self("conv2",
                conv2d{.in_channels = bn_size * growth_rate,
                       .out_channels = growth_rate,
                       .kernel_size = 3,
                       .stride = 1,
                       .padding = 1,
                       .bias = false},
                new_features);
  }
};

// An nn.ModuleDict of dense layers; each one receives every feature map so far.
struct dense_block {
  static constexpr std::string_view type_name = "_DenseBlock";
  int num_layers = 0;
  int num_input_features = 0;
  int bn_size = 0;
  int growth_rate = 0;

  constexpr shape forward(scope& self, const shape& init_features) const {
    shape features = init_features;
    for (int i = 0; i < num_layers; ++i) {
      const shape new_features =
          self(child_name("denselayer", i + 1), dense_layer{num_input_features + i * growth_rate, growth_rate, bn_size},
               features);
      features = self.cat({features, new_features}, 1);
    }
    return features;
  }
};

// An nn.Sequential subclass whose children are attributes.
struct transition {
  static constexpr std::string_view type_name = "_Transition";
  int num_input_features = 0;
  int num_output_features = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = self("norm", batch_norm2d{num_input_features}, x);
    x = self("relu", relu, x);
    x = self("conv",
             conv2d{.in_channels = num_input_features,
                    .out_channels = num_output_features,
                    .kernel_size = 1,
                    .stride = 1,
                    .bias = false},
             x);
    return self("pool", avg_pool2d{.kernel_size = 2, .stride = 2}, x);
  }
};

// torchvision.models.DenseNet, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "DenseNet";
  int growth_rate = 32;
  bounded_list<int, 16> block_config{6, 12, 24, 16};
  int num_init_features = 64;
  int bn_size = 4;
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    int num_features = num_init_features;
    // An nn.Sequential made from an OrderedDict: its children are named.
    x = self("features", sequential([&](scope& features, shape y) {
               // First convolution
               y = features("conv0",
                            conv2d{.in_channels = 3,
                                   .out_channels = num_init_features,
                                   .kernel_size = 7,
                                   .stride = 2,
                                   .padding = 3,
                                   .bias = false},
                            y);
               y = features("norm0", batch_norm2d{num_init_features}, y);
               y = features("relu0", relu, y);
               y = features("pool0", max_pool2d{.kernel_size = 3, .stride = 2, .padding = 1}, y);
               // Each denseblock
               for (int i = 0; i < static_cast<int>(block_config.size()); ++i) {
                 const int num_layers = block_config[static_cast<std::size_t>(i)];
                 y = features(child_name("denseblock", i + 1),
                              dense_block{num_layers, num_features, bn_size, growth_rate}, y);
                 num_features = num_features + num_layers * growth_rate;
                 if (i != static_cast<int>(block_config.size()) - 1) {
                   y = features(child_name("transition", i + 1), transition{num_features, num_features / 2}, y);
                   num_features = num_features / 2;
                 }
               }
               // Final batch norm
               return features("norm5", batch_norm2d{num_features}, y);
             }),
             x);
    x = self.call(relu, x);
    x = self.call(adaptive_avg_pool2d({1, 1}), x);
    x = self.call(flatten{1}, x);
    return self("classifier", linear{.in_features = num_features, .out_features = num_classes}, x);
  }
};

// The builders of torchvision's densenet.py: each takes the model's other knobs, as torchvision's
// take keyword arguments (densenet121({.num_classes = 10})), and sets the knobs that make it, as
// _densenet(growth_rate, block_config, num_init_features, ...) does.
constexpr model densenet(int growth_rate, const bounded_list<int, 16>& block_config, int num_init_features,
                         model knobs) {
  builder_sets(knobs, &model::growth_rate, growth_rate);
  builder_sets(knobs, &model::block_config, block_config);
  builder_sets(knobs, &model::num_init_features, num_init_features);
  return knobs;
}

constexpr model densenet121(const model& knobs = {}) { return densenet(32, {6, 12, 24, 16}, 64, knobs); }
constexpr model densenet161(const model& knobs = {}) { return densenet(48, {6, 12, 36, 24}, 96, knobs); }
constexpr model densenet169(const model& knobs = {}) { return densenet(32, {6, 12, 32, 32}, 64, knobs); }
constexpr model densenet201(const model& knobs = {}) { return densenet(32, {6, 12, 48, 32}, 64, knobs); }

// The builders of torchvision's densenet.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"densenet121", densenet121()},
    {"densenet161", densenet161()},
    {"densenet169", densenet169()},
    {"densenet201", densenet201()},
};

}  // namespace archdesc::densenet
