// architectures/torchvision/s3d.hpp: torchvision's S3D (torchvision/models/video/s3d.py), with the knobs of its
// S3D class (num_classes; dropout, which changes no shape). Inputs are clips (3, T, H, W).
//
//   constexpr auto net = archdesc::s3d::s3d();
//   static_assert(archdesc::parameter_count<net> == 8'320'048);
//   static_assert(archdesc::output_shape<net> == archdesc::shape{1, 400});
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::s3d {

using torchvision::conv3d_norm_activation;

// torchvision's TemporalSeparableConv: a 1xkxk then a kx1x1 Conv3dNormActivation, without biases.
struct temporal_separable_conv {
  static constexpr std::string_view type_name = "TemporalSeparableConv";
  int in_planes = 0;
  int out_planes = 0;
  int kernel_size = 3;
  int stride = 1;
  int padding = 1;

  constexpr shape forward(scope& self, shape x) const {
    x = self(conv3d_norm_activation{.in_channels = in_planes,
                                    .out_channels = out_planes,
                                    .kernel_size = {1, kernel_size, kernel_size},
                                    .stride = {1, stride, stride},
                                    .padding = dhw{0, padding, padding}},
             x);
    return self(conv3d_norm_activation{.in_channels = out_planes,
                                       .out_channels = out_planes,
                                       .kernel_size = {kernel_size, 1, 1},
                                       .stride = {stride, 1, 1},
                                       .padding = dhw{padding, 0, 0}},
                x);
  }
};

// torchvision's SepInceptionBlock3D: four branches on x, concatenated along the channels.
struct sep_inception_block3d {
  static constexpr std::string_view type_name = "SepInceptionBlock3D";
  int in_planes = 0;
  int b0_out = 0;
  int b1_mid = 0;
  int b1_out = 0;
  int b2_mid = 0;
  int b2_out = 0;
  int b3_out = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const auto pointwise = [&](int out) {
      return conv3d_norm_activation{.in_channels = in_planes, .out_channels = out, .kernel_size = 1};
    };
    const auto separable_branch = [&](int mid, int out) {
      return sequential([=](scope& s, shape y) {
        y = s(pointwise(mid), y);
        return s(temporal_separable_conv{mid, out}, y);
      });
    };
    const shape x0 = self("branch0", pointwise(b0_out), x);
    const shape x1 = self("branch1", separable_branch(b1_mid, b1_out), x);
    const shape x2 = self("branch2", separable_branch(b2_mid, b2_out), x);
    const shape x3 = self("branch3", sequential([&](scope& s, shape y) {
                            y = s(max_pool3d(3, 1, 1), y);
                            return s(pointwise(b3_out), y);
                          }),
                          x);
    return self.cat({x0, x1, x2, x3}, 1);
  }
};

// torchvision.models.video.S3D, with its constructor's knobs.
struct model {
  static constexpr std::string_view type_name = "S3D";
  int num_classes = 400;
  real dropout = 0.2;
  shape input{3, 16, 224, 224};

  constexpr shape forward(scope& self, shape x) const {
    x = self("features", sequential(*this, &model::features), x);
    x = self("avgpool", avg_pool3d({2, 7, 7}, 1), x);
    x = self("classifier", sequential([&](scope& s, shape y) {
               y = s(archdesc::dropout, y);
               return s(conv3d{.in_channels = 1024, .out_channels = num_classes, .kernel_size = 1}, y);
             }),
             x);
    return {x[0], x[1]};  // torch.mean(x, dim=(2, 3, 4))
  }

  constexpr shape features(scope& layers, shape x) const {
    const auto pool = [](dhw kernel, dhw stride, dhw padding) { return max_pool3d(kernel, stride, padding); };
    x = layers(temporal_separable_conv{3, 64, 7, 2, 3}, x);
    x = layers(pool({1, 3, 3}, {1, 2, 2}, {0, 1, 1}), x);
    x = layers(conv3d_norm_activation{.in_channels = 64, .out_channels = 64, .kernel_size = 1}, x);
    x = layers(temporal_separable_conv{64, 192, 3, 1, 1}, x);
    x = layers(pool({1, 3, 3}, {1, 2, 2}, {0, 1, 1}), x);
    x = layers(sep_inception_block3d{192, 64, 96, 128, 16, 32, 32}, x);
    x = layers(sep_inception_block3d{256, 128, 128, 192, 32, 96, 64}, x);
    x = layers(pool(3, 2, 1), x);
    x = layers(sep_inception_block3d{480, 192, 96, 208, 16, 48, 64}, x);
    x = layers(sep_inception_block3d{512, 160, 112, 224, 24, 64, 64}, x);
    x = layers(sep_inception_block3d{512, 128, 128, 256, 24, 64, 64}, x);
    x = layers(sep_inception_block3d{512, 112, 144, 288, 32, 64, 64}, x);
    x = layers(sep_inception_block3d{528, 256, 160, 320, 32, 128, 128}, x);
    x = layers(pool(2, 2, 0), x);
    x = layers(sep_inception_block3d{832, 256, 160, 320, 32, 128, 128}, x);
    return layers(sep_inception_block3d{832, 384, 192, 384, 48, 128, 128}, x);
  }
};

// The builder of torchvision's s3d.py; its published Kinetics-400 weights load into this layout.
constexpr model s3d(const model& knobs = {}) { return knobs; }

inline constexpr named_model<model> named_models[] = {
    {"s3d", s3d()},
};

}  // namespace archdesc::s3d
