// architectures/torchvision/video_resnet.hpp: torchvision's video ResNets (torchvision/models/video/resnet.py):
// the VideoResNet class with its knobs (block, a convolution maker per layer, layers, stem,
// num_classes), and the builders r3d_18, mc3_18 and r2plus1d_18. Inputs are clips (3, T, H, W).
//
//   constexpr auto net = archdesc::video_resnet::r2plus1d_18();
//   static_assert(archdesc::parameter_count<net> == 31'505'325);
//   static_assert(archdesc::output_shape<net> == archdesc::shape{1, 400});
#pragma once

#include <archdesc/archdesc.hpp>

#include <array>

namespace archdesc::video_resnet {

enum class block_type { basic, bottleneck };

constexpr int expansion(block_type block) { return block == block_type::basic ? 1 : 4; }

// The convolutions a layer's blocks are made of: Conv3DSimple (3x3x3), Conv3DNoTemporal (1x3x3),
// Conv2Plus1D (1x3x3 then 3x1x1, through midplanes channels).
enum class conv_maker { conv3d_simple, conv3d_no_temporal, conv2plus1d };

// The maker's get_downsample_stride: a temporal stride except without a temporal kernel.
constexpr dhw downsample_stride(conv_maker maker, int stride) {
  return maker == conv_maker::conv3d_no_temporal ? dhw{1, stride, stride} : dhw{stride};
}

// conv_builder(in_planes, out_planes, midplanes, stride): the module a maker makes.
struct video_conv {
  std::string_view type_name;
  conv_maker maker = conv_maker::conv3d_simple;
  int in_planes = 0;
  int out_planes = 0;
  int midplanes = 0;
  int stride = 1;
  int padding = 1;

  constexpr shape forward(scope& self, shape x) const {
    switch (maker) {
      case conv_maker::conv3d_simple:  // an nn.Conv3d subclass: its weight is its own
        return conv3d{.in_channels = in_planes,
                      .out_channels = out_planes,
                      .kernel_size = 3,
                      .stride = stride,
                      .padding = padding,
                      .bias = false}
            .forward(self, x);
      case conv_maker::conv3d_no_temporal:
        return conv3d{.in_channels = in_planes,
                      .out_channels = out_planes,
                      .kernel_size = {1, 3, 3},
                      .stride = {1, stride, stride},
                      .padding = {0, padding, padding},
                      .bias = false}
            .forward(self, x);
      case conv_maker::conv2plus1d:  // an nn.Sequential subclass
        break;
    }
    x = self(conv3d{.in_channels = in_planes,
                    .out_channels = midplanes,
                    .kernel_size = {1, 3, 3},
                    .stride = {1, stride, stride},
                    .padding = {0, padding, padding},
                    .bias = false},
             x);
    x = self(batch_norm3d{midplanes}, x);
    x = self(relu, x);
    return self(conv3d{.in_channels = midplanes,
                       .out_channels = out_planes,
                       .kernel_size = {3, 1, 1},
                       .stride = {stride, 1, 1},
                       .padding = {padding, 0, 0},
                       .bias = false},
                x);
  }
};

constexpr video_conv conv_builder(conv_maker maker, int in_planes, int out_planes, int midplanes, int stride = 1) {
  constexpr std::string_view names[] = {"Conv3DSimple", "Conv3DNoTemporal", "Conv2Plus1D"};
  return {names[static_cast<int>(maker)], maker, in_planes, out_planes, midplanes, stride};
}

// The arguments torchvision's _make_layer passes to a block.
struct block_arguments {
  int inplanes = 0;
  int planes = 0;
  conv_maker maker = conv_maker::conv3d_simple;
  int stride = 1;
  bool downsample = false;

  // The channels of Conv2Plus1D's middle, as many parameters as a full 3x3x3 convolution's.
  constexpr int midplanes() const { return (inplanes * planes * 3 * 3 * 3) / (inplanes * 3 * 3 + 3 * planes); }
};

// The block's shortcut: downsample(x) where the block has one, else x.
constexpr shape shortcut(scope& self, const block_arguments& a, int out_channels, const shape& x) {
  if (!a.downsample) return x;
  return self("downsample", sequential([&](scope& s, shape y) {
                y = s(conv3d{.in_channels = a.inplanes,
                             .out_channels = out_channels,
                             .kernel_size = 1,
                             .stride = downsample_stride(a.maker, a.stride),
                             .bias = false},
                      y);
                return s(batch_norm3d{out_channels}, y);
              }),
              x);
}

struct basic_block {
  static constexpr std::string_view type_name = "BasicBlock";
  block_arguments a;

  constexpr shape forward(scope& self, const shape& x) const {
    const int midplanes = a.midplanes();
    shape out = self("conv1", sequential([&](scope& s, shape y) {
                       y = s(conv_builder(a.maker, a.inplanes, a.planes, midplanes, a.stride), y);
                       y = s(batch_norm3d{a.planes}, y);
                       return s(relu, y);
                     }),
                     x);
    out = self("conv2", sequential([&](scope& s, shape y) {
                 y = s(conv_builder(a.maker, a.planes, a.planes, midplanes), y);
                 return s(batch_norm3d{a.planes}, y);
               }),
               out);
    out = self.add(out, shortcut(self, a, a.planes, x));
    return self("relu", relu, out);
  }
};

struct bottleneck_block {
  static constexpr std::string_view type_name = "Bottleneck";
  block_arguments a;

  constexpr shape forward(scope& self, const shape& x) const {
    const int midplanes = a.midplanes();
    const int out_channels = a.planes * expansion(block_type::bottleneck);
    shape out = self("conv1", sequential([&](scope& s, shape y) {
                       y = s(conv3d{.in_channels = a.inplanes, .out_channels = a.planes, .bias = false}, y);
                       y = s(batch_norm3d{a.planes}, y);
                       return s(relu, y);
                     }),
                     x);
    out = self("conv2", sequential([&](scope& s, shape y) {
                 y = s(conv_builder(a.maker, a.planes, a.planes, midplanes, a.stride), y);
                 y = s(batch_norm3d{a.planes}, y);
                 return s(relu, y);
               }),
               out);
    out = self("conv3", sequential([&](scope& s, shape y) {
                 y = s(conv3d{.in_channels = a.planes, .out_channels = out_channels, .bias = false}, y);
                 return s(batch_norm3d{out_channels}, y);
               }),
               out);
    out = self.add(out, shortcut(self, a, out_channels, x));
    return self("relu", relu, out);
  }
};

enum class stem_type { basic, r2plus1d };

// BasicStem (a 3x7x7 convolution) and R2Plus1dStem (1x7x7 then 3x1x1), each with BatchNorm3d and ReLU.
struct video_stem {
  stem_type kind = stem_type::basic;
  std::string_view type_name = kind == stem_type::basic ? "BasicStem" : "R2Plus1dStem";

  constexpr shape forward(scope& self, shape x) const {
    if (kind == stem_type::basic) {
      x = self(conv3d{.in_channels = 3,
                      .out_channels = 64,
                      .kernel_size = {3, 7, 7},
                      .stride = {1, 2, 2},
                      .padding = {1, 3, 3},
                      .bias = false},
               x);
      x = self(batch_norm3d{64}, x);
      return self(relu, x);
    }
    x = self(conv3d{.in_channels = 3,
                    .out_channels = 45,
                    .kernel_size = {1, 7, 7},
                    .stride = {1, 2, 2},
                    .padding = {0, 3, 3},
                    .bias = false},
             x);
    x = self(batch_norm3d{45}, x);
    x = self(relu, x);
    x = self(conv3d{.in_channels = 45,
                    .out_channels = 64,
                    .kernel_size = {3, 1, 1},
                    .stride = 1,
                    .padding = {1, 0, 0},
                    .bias = false},
             x);
    x = self(batch_norm3d{64}, x);
    return self(relu, x);
  }
};

// torchvision.models.video.VideoResNet, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "VideoResNet";
  block_type block = block_type::basic;
  std::array<conv_maker, 4> conv_makers{};
  std::array<int, 4> layers{2, 2, 2, 2};
  stem_type stem = stem_type::basic;
  int num_classes = 400;
  shape input{3, 16, 112, 112};

  constexpr shape forward(scope& self, shape x) const {
    int inplanes = 64;
    // torchvision's _make_layer: a Sequential of blocks; the first may downsample.
    const auto make_layer = [&](conv_maker maker, int planes, int blocks, int stride) {
      const int out_channels = planes * expansion(block);
      const block_arguments first{inplanes, planes, maker, stride, stride != 1 || inplanes != out_channels};
      const block_arguments rest{out_channels, planes, maker};
      inplanes = out_channels;
      return sequential([=, this](scope& s, shape y) {
        for (int i = 0; i < blocks; ++i) {
          const block_arguments& args = i == 0 ? first : rest;
          y = block == block_type::basic ? s(basic_block{args}, y) : s(bottleneck_block{args}, y);
        }
        return y;
      });
    };
    x = self("stem", video_stem{stem}, x);
    constexpr int planes[] = {64, 128, 256, 512};
    for (std::size_t i = 0; i < 4; ++i)
      x = self(child_name("layer", static_cast<int>(i) + 1),
               make_layer(conv_makers[i], planes[i], layers[i], i == 0 ? 1 : 2), x);
    x = self("avgpool", adaptive_avg_pool3d(1), x);
    x = self.call(flatten{1}, x);
    return self("fc", linear{.in_features = 512 * expansion(block), .out_features = num_classes}, x);
  }
};

// The builders of torchvision's video/resnet.py: each takes the model's other knobs
// (r3d_18({.num_classes = 10})) and sets block, conv_makers, layers and stem itself. Their
// published Kinetics-400 weights load into the default layout.
constexpr model video_resnet(const std::array<conv_maker, 4>& conv_makers, stem_type stem, model knobs) {
  builder_sets(knobs, &model::block, block_type::basic);
  builder_sets(knobs, &model::conv_makers, conv_makers);
  builder_sets(knobs, &model::layers, {2, 2, 2, 2});
  builder_sets(knobs, &model::stem, stem);
  return knobs;
}

constexpr model r3d_18(const model& knobs = {}) {
  using enum conv_maker;
  return video_resnet({conv3d_simple, conv3d_simple, conv3d_simple, conv3d_simple}, stem_type::basic, knobs);
}
constexpr model mc3_18(const model& knobs = {}) {
  using enum conv_maker;
  return video_resnet({conv3d_simple, conv3d_no_temporal, conv3d_no_temporal, conv3d_no_temporal}, stem_type::basic,
                      knobs);
}
constexpr model r2plus1d_18(const model& knobs = {}) {
  using enum conv_maker;
  return video_resnet({conv2plus1d, conv2plus1d, conv2plus1d, conv2plus1d}, stem_type::r2plus1d, knobs);
}

inline constexpr named_model<model> named_models[] = {
    {"r3d_18", r3d_18()},
    {"mc3_18", mc3_18()},
    {"r2plus1d_18", r2plus1d_18()},
};

}  // namespace archdesc::video_resnet
