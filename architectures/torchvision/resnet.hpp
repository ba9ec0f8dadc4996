// architectures/torchvision/resnet.hpp: torchvision's ResNet family (torchvision/models/resnet.py): ResNet,
// ResNeXt and Wide ResNet, with the knobs of torchvision's ResNet class.
//
//   constexpr auto net = archdesc::resnet::resnext50_32x4d();
//   static_assert(archdesc::parameter_count<net> == 25'028'904);
//   using enum archdesc::resnet::block_type;
//   constexpr archdesc::resnet::model mine{.block = bottleneck, .layers = {2, 2, 2, 2},
//                                          .num_classes = 37, .groups = 8, .width_per_group = 16};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <array>

namespace archdesc::resnet {

enum class block_type { basic, bottleneck };

constexpr int expansion(block_type block) { return block == block_type::basic ? 1 : 4; }

// 3x3 convolution with padding
constexpr conv2d conv3x3(int in_planes, int out_planes, int stride = 1, int groups = 1, int dilation = 1) {
  return {.in_channels = in_planes,
          .out_channels = out_planes,
          .kernel_size = 3,
          .stride = stride,
          .padding = dilation,
          .dilation = dilation,
          .groups = groups,
          .bias = false};
}

// 1x1 convolution
constexpr conv2d conv1x1(int in_planes, int out_planes, int stride = 1) {
  return {.in_channels = in_planes, .out_channels = out_planes, .kernel_size = 1, .stride = stride, .bias = false};
}

// The arguments torchvision's _make_layer passes to a block.
struct block_arguments {
  int inplanes = 0;
  int planes = 0;
  int stride = 1;
  bool downsample = false;
  int groups = 1;
  int base_width = 64;
  int dilation = 1;
  torchvision::norm_layer norm = torchvision::norm_layer::batch_norm2d;
};

using torchvision::norm2d;

// The block's shortcut: downsample(x) where the block has one, else x.
constexpr shape shortcut(scope& self, const block_arguments& a, int out_channels, const shape& x) {
  if (!a.downsample) return x;
  return self("downsample", sequential([&](scope& s, shape y) {
                y = s(conv1x1(a.inplanes, out_channels, a.stride), y);
                return torchvision::with_norm2d(a.norm, out_channels, y, [&](const auto& m) { return s(m, y); });
              }),
              x);
}

struct basic_block {
  static constexpr std::string_view type_name = "BasicBlock";
  block_arguments a;

  constexpr shape forward(scope& self, const shape& x) const {
    if (a.groups != 1 || a.base_width != 64) self.fail("BasicBlock only supports groups=1 and base_width=64");
    if (a.dilation > 1) self.fail("Dilation > 1 not supported in BasicBlock");
    shape out = self("conv1", conv3x3(a.inplanes, a.planes, a.stride), x);
    out = norm2d(self, "bn1", a.norm, a.planes, out);
    out = self("relu", relu, out);
    out = self("conv2", conv3x3(a.planes, a.planes), out);
    out = norm2d(self, "bn2", a.norm, a.planes, out);
    out = self.add(out, shortcut(self, a, a.planes, x));
    return self("relu", relu, out);
  }
};

struct bottleneck_block {
  static constexpr std::string_view type_name = "Bottleneck";
  block_arguments a;

  constexpr shape forward(scope& self, const shape& x) const {
    const int width = checked_int(std::int64_t{checked_int(a.planes * (a.base_width / 64.0))} * a.groups);
    const int out_channels = a.planes * expansion(block_type::bottleneck);
    shape out = self("conv1", conv1x1(a.inplanes, width), x);
    out = norm2d(self, "bn1", a.norm, width, out);
    out = self("relu", relu, out);
    out = self("conv2", conv3x3(width, width, a.stride, a.groups, a.dilation), out);
    out = norm2d(self, "bn2", a.norm, width, out);
    out = self("relu", relu, out);
    out = self("conv3", conv1x1(width, out_channels), out);
    out = norm2d(self, "bn3", a.norm, out_channels, out);
    out = self.add(out, shortcut(self, a, out_channels, x));
    return self("relu", relu, out);
  }
};

// The outputs of layer1 to layer4, as torchvision's detection and segmentation backbones take them.
using stage_outputs = std::array<shape, 4>;

// torchvision.models.ResNet, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "ResNet";
  block_type block = block_type::bottleneck;
  std::array<int, 4> layers{3, 4, 6, 3};
  int num_classes = 1000;
  int groups = 1;
  int width_per_group = 64;
  std::array<bool, 3> replace_stride_with_dilation{};
  torchvision::norm_layer norm_layer = torchvision::norm_layer::batch_norm2d;
  shape input{3, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    x = trunk(self, x, nullptr);
    x = self("avgpool", adaptive_avg_pool2d({1, 1}), x);
    x = self.call(flatten{1}, x);
    return self("fc", linear{.in_features = 512 * expansion(block), .out_features = num_classes}, x);
  }

  // conv1 to layer4, registered on self; each layer's output goes to stages where it is given.
  constexpr shape trunk(scope& self, shape x, stage_outputs* stages) const {
    int inplanes = 64;
    int dilation = 1;
    // torchvision's _make_layer: a Sequential of blocks; the first may downsample.
    const auto make_layer = [&](int planes, int blocks, int stride, bool dilate) {
      const int previous_dilation = dilation;
      if (dilate) {
        dilation *= stride;
        stride = 1;
      }
      const int out_channels = planes * expansion(block);
      const block_arguments first{
          inplanes,          planes,    stride, stride != 1 || inplanes != out_channels, groups, width_per_group,
          previous_dilation, norm_layer};
      const block_arguments rest{out_channels, planes, 1, false, groups, width_per_group, dilation, norm_layer};
      inplanes = out_channels;
      // Blocks 1 to blocks - 1 are identical: s.repeat describes them once where names do not matter.
      return sequential([=, this](scope& s, shape y) {
        if (blocks < 1) return y;
        if (block == block_type::basic) return s.repeat(blocks - 1, basic_block{rest}, s(basic_block{first}, y));
        return s.repeat(blocks - 1, bottleneck_block{rest}, s(bottleneck_block{first}, y));
      });
    };
    x = self(
        "conv1",
        conv2d{.in_channels = 3, .out_channels = inplanes, .kernel_size = 7, .stride = 2, .padding = 3, .bias = false},
        x);
    x = norm2d(self, "bn1", norm_layer, inplanes, x);
    x = self("relu", relu, x);
    x = self("maxpool", max_pool2d{.kernel_size = 3, .stride = 2, .padding = 1}, x);
    const auto stage = [&](int index, const shape& y) {
      if (stages != nullptr) (*stages)[static_cast<std::size_t>(index)] = y;
      return y;
    };
    x = stage(0, self("layer1", make_layer(64, layers[0], 1, false), x));
    x = stage(1, self("layer2", make_layer(128, layers[1], 2, replace_stride_with_dilation[0]), x));
    x = stage(2, self("layer3", make_layer(256, layers[2], 2, replace_stride_with_dilation[1]), x));
    return stage(3, self("layer4", make_layer(512, layers[3], 2, replace_stride_with_dilation[2]), x));
  }
};

// The builders of torchvision's resnet.py: each takes the model's other knobs, as torchvision's
// take keyword arguments (resnet152({.num_classes = 21})), and sets the knobs that make it itself.
constexpr model resnet(block_type block, const std::array<int, 4>& layers, model knobs) {
  builder_sets(knobs, &model::block, block);
  builder_sets(knobs, &model::layers, layers);
  return knobs;
}
constexpr model resnext(const std::array<int, 4>& layers, int groups, int width_per_group, model knobs) {
  builder_sets(knobs, &model::groups, groups);
  builder_sets(knobs, &model::width_per_group, width_per_group);
  return resnet(block_type::bottleneck, layers, knobs);
}

constexpr model resnet18(const model& knobs = {}) { return resnet(block_type::basic, {2, 2, 2, 2}, knobs); }
constexpr model resnet34(const model& knobs = {}) { return resnet(block_type::basic, {3, 4, 6, 3}, knobs); }
constexpr model resnet50(const model& knobs = {}) { return resnet(block_type::bottleneck, {3, 4, 6, 3}, knobs); }
constexpr model resnet101(const model& knobs = {}) { return resnet(block_type::bottleneck, {3, 4, 23, 3}, knobs); }
constexpr model resnet152(const model& knobs = {}) { return resnet(block_type::bottleneck, {3, 8, 36, 3}, knobs); }
constexpr model resnext50_32x4d(const model& knobs = {}) { return resnext({3, 4, 6, 3}, 32, 4, knobs); }
constexpr model resnext101_32x8d(const model& knobs = {}) { return resnext({3, 4, 23, 3}, 32, 8, knobs); }
constexpr model resnext101_64x4d(const model& knobs = {}) { return resnext({3, 4, 23, 3}, 64, 4, knobs); }
constexpr model wide_resnet50_2(const model& knobs = {}) { return resnext({3, 4, 6, 3}, 1, 64 * 2, knobs); }
constexpr model wide_resnet101_2(const model& knobs = {}) { return resnext({3, 4, 23, 3}, 1, 64 * 2, knobs); }

// The builders, by name.
inline constexpr named_model<model> named_models[] = {
    {"resnet18", resnet18()},
    {"resnet34", resnet34()},
    {"resnet50", resnet50()},
    {"resnet101", resnet101()},
    {"resnet152", resnet152()},
    {"resnext50_32x4d", resnext50_32x4d()},
    {"resnext101_32x8d", resnext101_32x8d()},
    {"resnext101_64x4d", resnext101_64x4d()},
    {"wide_resnet50_2", wide_resnet50_2()},
    {"wide_resnet101_2", wide_resnet101_2()},
};

}  // namespace archdesc::resnet
