// architectures/torchvision/convnext.hpp: torchvision's ConvNeXt family (torchvision/models/convnext.py), with
// the knobs of its class that shape the model (stochastic_depth_prob and layer_scale only set values).
//
//   constexpr auto net = archdesc::convnext::convnext_tiny();
//   static_assert(archdesc::parameter_count<net> == 28'589'128);
//   constexpr archdesc::convnext::model mine{.block_setting = {{64, 128, 2}, {128, 0, 2}}, .num_classes = 10};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <cstdint>
#include <string_view>

namespace archdesc::convnext {

using torchvision::layer_norm2d;

struct cn_block {
  static constexpr std::string_view type_name = "CNBlock";
  int dim = 0;

  constexpr shape forward(scope& self, const shape& input) const {
    self.parameter("layer_scale", {dim, 1, 1});
    shape result = self(
        "block", sequential([&](scope& block, shape x) {
          x = block(conv2d{.in_channels = dim, .out_channels = dim, .kernel_size = 7, .padding = 3, .groups = dim}, x);
          x = block(permute{{0, 2, 3, 1}}, x);
          x = block(layer_norm{{dim}}, x);
          x = block(linear{.in_features = dim, .out_features = 4 * dim}, x);
          x = block(gelu, x);
          x = block(linear{.in_features = 4 * dim, .out_features = dim}, x);
          return block(permute{{0, 3, 1, 2}}, x);
        }),
        input);
    result = self.multiply(shape{dim, 1, 1}, result);  // self.layer_scale * self.block(input)
    result = self("stochastic_depth", torchvision::stochastic_depth, result);
    return self.add(result, input);
  }
};

// CNBlockConfig, as listed in Section 3 of the ConvNeXt paper. out_channels 0 means None: no
// downsampling after the stage.
struct cn_block_config {
  int input_channels = 0;
  int out_channels = 0;
  int num_layers = 0;

  friend constexpr bool operator==(const cn_block_config&, const cn_block_config&) = default;
};

using block_settings = bounded_list<cn_block_config, 8>;

// torchvision.models.ConvNeXt, with its constructor's knobs that shape the model.
struct model {
  static constexpr std::string_view type_name = "ConvNeXt";
  block_settings block_setting{};  // {}: knobs for a builder leave it out without -Wmissing-field-initializers
  int num_classes = 1000;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    if (block_setting.empty()) {
      self.fail("The block_setting should not be empty");
      return x;
    }
    std::int64_t total_stage_blocks = 0;
    for (const cn_block_config& cnf : block_setting) total_stage_blocks += cnf.num_layers;
    if (total_stage_blocks == 1) {  // torchvision's constructor: stage_block_id / (total_stage_blocks - 1.0)
      self.fail(
          "spreads stochastic_depth_prob over the blocks but the first, a division by zero when num_layers "
          "total 1");
      return x;
    }
    x = self("features", sequential(*this, &model::features), x);
    x = self("avgpool", adaptive_avg_pool2d(1), x);
    const cn_block_config& lastblock = block_setting[block_setting.size() - 1];
    const int lastconv_output_channels =
        lastblock.out_channels != 0 ? lastblock.out_channels : lastblock.input_channels;
    return self("classifier", sequential([&](scope& classifier, shape y) {
                  y = classifier(layer_norm2d{lastconv_output_channels}, y);
                  y = classifier(flatten{1}, y);
                  return classifier(linear{.in_features = lastconv_output_channels, .out_features = num_classes}, y);
                }),
                x);
  }

  constexpr shape features(scope& layers, shape y) const {
    // Stem
    const int firstconv_output_channels = block_setting[0].input_channels;
    y = layers(torchvision::conv2d_norm_activation{.in_channels = 3,
                                                   .out_channels = firstconv_output_channels,
                                                   .kernel_size = 4,
                                                   .stride = 4,
                                                   .norm = torchvision::norm_layer::layer_norm2d,
                                                   .activation_layer = nullptr,
                                                   .padding = hw{0},
                                                   .bias = true},
               y);
    for (const cn_block_config& cnf : block_setting) {
      // Bottlenecks
      y = layers(sequential([&](scope& stage, shape z) {
                   return stage.repeat(cnf.num_layers, cn_block{cnf.input_channels}, z);
                 }),
                 y);
      if (cnf.out_channels != 0)  // Downsampling
        y = layers(sequential([&](scope& downsampling, shape z) {
                     z = downsampling(layer_norm2d{cnf.input_channels}, z);
                     return downsampling(conv2d{.in_channels = cnf.input_channels,
                                                .out_channels = cnf.out_channels,
                                                .kernel_size = 2,
                                                .stride = 2},
                                         z);
                   }),
                   y);
    }
    return y;
  }
};

// The builders of torchvision's convnext.py: each takes the model's other knobs, as torchvision's
// take keyword arguments (convnext_tiny({.num_classes = 10})), and sets block_setting itself, as
// _convnext(block_setting, stochastic_depth_prob, ...) does.
constexpr model convnext(const block_settings& block_setting, model knobs) {
  builder_sets(knobs, &model::block_setting, block_setting);
  return knobs;
}

constexpr model convnext_tiny(const model& knobs = {}) {
  return convnext({{96, 192, 3}, {192, 384, 3}, {384, 768, 9}, {768, 0, 3}}, knobs);
}
constexpr model convnext_small(const model& knobs = {}) {
  return convnext({{96, 192, 3}, {192, 384, 3}, {384, 768, 27}, {768, 0, 3}}, knobs);
}
constexpr model convnext_base(const model& knobs = {}) {
  return convnext({{128, 256, 3}, {256, 512, 3}, {512, 1024, 27}, {1024, 0, 3}}, knobs);
}
constexpr model convnext_large(const model& knobs = {}) {
  return convnext({{192, 384, 3}, {384, 768, 3}, {768, 1536, 27}, {1536, 0, 3}}, knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"convnext_tiny", convnext_tiny()},
    {"convnext_small", convnext_small()},
    {"convnext_base", convnext_base()},
    {"convnext_large", convnext_large()},
};

}  // namespace archdesc::convnext
