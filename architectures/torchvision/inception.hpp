// architectures/torchvision/inception.hpp: torchvision's Inception v3 (torchvision/models/inception.py), with
// the knobs of its class that shape it. transform_input only rescales the input channels, and
// init_weights and dropout change no parameter and no shape, so they are left out.
//
//   constexpr auto net = archdesc::inception::inception_v3();
//   static_assert(archdesc::parameter_count<net> == 27'161'264);
//   constexpr archdesc::inception::model small{.num_classes = 10, .aux_logits = false, .input = {3, 75, 75}};
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

namespace archdesc::inception {

using torchvision::basic_conv2d;

// F.avg_pool2d(x, kernel_size=3, stride=1, padding=1) before each branch_pool convolution.
inline constexpr avg_pool2d branch_pool_window{.kernel_size = 3, .stride = 1, .padding = 1};
// F.max_pool2d(x, kernel_size=3, stride=2) of the grid-reducing blocks.
inline constexpr max_pool2d reduction_window{.kernel_size = 3, .stride = 2};

// The factorised convolutions: a (1, n) or an (n, 1) kernel, padded to keep the grid.
constexpr basic_conv2d conv_1xn(int in_channels, int out_channels, int n) {
  return {.in_channels = in_channels, .out_channels = out_channels, .kernel_size = {1, n}, .padding = {0, n / 2}};
}
constexpr basic_conv2d conv_nx1(int in_channels, int out_channels, int n) {
  return {.in_channels = in_channels, .out_channels = out_channels, .kernel_size = {n, 1}, .padding = {n / 2, 0}};
}

struct inception_a {
  static constexpr std::string_view type_name = "InceptionA";
  int in_channels = 0;
  int pool_features = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape branch1x1 = self("branch1x1", basic_conv2d{in_channels, 64, 1}, x);

    shape branch5x5 = self("branch5x5_1", basic_conv2d{in_channels, 48, 1}, x);
    branch5x5 = self("branch5x5_2", basic_conv2d{.in_channels = 48, .out_channels = 64, .kernel_size = 5, .padding = 2},
                     branch5x5);

    shape branch3x3dbl = self("branch3x3dbl_1", basic_conv2d{in_channels, 64, 1}, x);
    branch3x3dbl =
        self("branch3x3dbl_2", basic_conv2d{.in_channels = 64, .out_channels = 96, .kernel_size = 3, .padding = 1},
             branch3x3dbl);
    branch3x3dbl =
        self("branch3x3dbl_3", basic_conv2d{.in_channels = 96, .out_channels = 96, .kernel_size = 3, .padding = 1},
             branch3x3dbl);

    shape branch_pool = self.call(branch_pool_window, x);
    branch_pool = self("branch_pool", basic_conv2d{in_channels, pool_features, 1}, branch_pool);

    return self.cat({branch1x1, branch5x5, branch3x3dbl, branch_pool}, 1);
  }
};

struct inception_b {
  static constexpr std::string_view type_name = "InceptionB";
  int in_channels = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape branch3x3 = self(
        "branch3x3", basic_conv2d{.in_channels = in_channels, .out_channels = 384, .kernel_size = 3, .stride = 2}, x);

    shape branch3x3dbl = self("branch3x3dbl_1", basic_conv2d{in_channels, 64, 1}, x);
    branch3x3dbl =
        self("branch3x3dbl_2", basic_conv2d{.in_channels = 64, .out_channels = 96, .kernel_size = 3, .padding = 1},
             branch3x3dbl);
    branch3x3dbl =
        self("branch3x3dbl_3", basic_conv2d{.in_channels = 96, .out_channels = 96, .kernel_size = 3, .stride = 2},
             branch3x3dbl);

    const shape branch_pool = self.call(reduction_window, x);

    return self.cat({branch3x3, branch3x3dbl, branch_pool}, 1);
  }
};

struct inception_c {
  static constexpr std::string_view type_name = "InceptionC";
  int in_channels = 0;
  int channels_7x7 = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const int c7 = channels_7x7;

    const shape branch1x1 = self("branch1x1", basic_conv2d{in_channels, 192, 1}, x);

    shape branch7x7 = self("branch7x7_1", basic_conv2d{in_channels, c7, 1}, x);
    branch7x7 = self("branch7x7_2", conv_1xn(c7, c7, 7), branch7x7);
    branch7x7 = self("branch7x7_3", conv_nx1(c7, 192, 7), branch7x7);

    shape branch7x7dbl = self("branch7x7dbl_1", basic_conv2d{in_channels, c7, 1}, x);
    branch7x7dbl = self("branch7x7dbl_2", conv_nx1(c7, c7, 7), branch7x7dbl);
    branch7x7dbl = self("branch7x7dbl_3", conv_1xn(c7, c7, 7), branch7x7dbl);
    branch7x7dbl = self("branch7x7dbl_4", conv_nx1(c7, c7, 7), branch7x7dbl);
    branch7x7dbl = self("branch7x7dbl_5", conv_1xn(c7, 192, 7), branch7x7dbl);

    shape branch_pool = self.call(branch_pool_window, x);
    branch_pool = self("branch_pool", basic_conv2d{in_channels, 192, 1}, branch_pool);

    return self.cat({branch1x1, branch7x7, branch7x7dbl, branch_pool}, 1);
  }
};

struct inception_d {
  static constexpr std::string_view type_name = "InceptionD";
  int in_channels = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    shape branch3x3 = self("branch3x3_1", basic_conv2d{in_channels, 192, 1}, x);
    branch3x3 = self("branch3x3_2",
                     basic_conv2d{.in_channels = 192, .out_channels = 320, .kernel_size = 3, .stride = 2}, branch3x3);

    shape branch7x7x3 = self("branch7x7x3_1", basic_conv2d{in_channels, 192, 1}, x);
    branch7x7x3 = self("branch7x7x3_2", conv_1xn(192, 192, 7), branch7x7x3);
    branch7x7x3 = self("branch7x7x3_3", conv_nx1(192, 192, 7), branch7x7x3);
    branch7x7x3 =
        self("branch7x7x3_4", basic_conv2d{.in_channels = 192, .out_channels = 192, .kernel_size = 3, .stride = 2},
             branch7x7x3);

    const shape branch_pool = self.call(reduction_window, x);
    return self.cat({branch3x3, branch7x7x3, branch_pool}, 1);
  }
};

struct inception_e {
  static constexpr std::string_view type_name = "InceptionE";
  int in_channels = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    // The last 3x3 convolutions of two branches split into a (1, 3) and a (3, 1) one, side by side.
    const basic_conv2d conv_1x3 = conv_1xn(384, 384, 3);
    const basic_conv2d conv_3x1 = conv_nx1(384, 384, 3);

    const shape branch1x1 = self("branch1x1", basic_conv2d{in_channels, 320, 1}, x);

    const shape branch3x3_1 = self("branch3x3_1", basic_conv2d{in_channels, 384, 1}, x);
    const shape branch3x3 =
        self.cat({self("branch3x3_2a", conv_1x3, branch3x3_1), self("branch3x3_2b", conv_3x1, branch3x3_1)}, 1);

    shape branch3x3dbl_2 = self("branch3x3dbl_1", basic_conv2d{in_channels, 448, 1}, x);
    branch3x3dbl_2 =
        self("branch3x3dbl_2", basic_conv2d{.in_channels = 448, .out_channels = 384, .kernel_size = 3, .padding = 1},
             branch3x3dbl_2);
    const shape branch3x3dbl = self.cat(
        {self("branch3x3dbl_3a", conv_1x3, branch3x3dbl_2), self("branch3x3dbl_3b", conv_3x1, branch3x3dbl_2)}, 1);

    shape branch_pool = self.call(branch_pool_window, x);
    branch_pool = self("branch_pool", basic_conv2d{in_channels, 192, 1}, branch_pool);

    return self.cat({branch1x1, branch3x3, branch3x3dbl, branch_pool}, 1);
  }
};

// The auxiliary classifier that only training runs.
struct inception_aux {
  static constexpr std::string_view type_name = "InceptionAux";
  int in_channels = 0;
  int num_classes = 0;

  constexpr shape forward(scope& self, shape x) const {
    x = self.call(avg_pool2d{.kernel_size = 5, .stride = 3}, x);
    x = self("conv0", basic_conv2d{in_channels, 128, 1}, x);
    x = self("conv1", basic_conv2d{128, 768, 5}, x);
    x = self.call(adaptive_avg_pool2d({1, 1}), x);
    x = self.call(flatten{1}, x);
    return self("fc", linear{.in_features = 768, .out_features = num_classes}, x);
  }
};

// torchvision.models.Inception3, with its constructor's knobs that shape it.
struct model {
  static constexpr std::string_view type_name = "Inception3";
  int num_classes = 1000;
  bool aux_logits = true;
  shape input{3, 299, 299};

  constexpr shape forward(scope& self, shape x) const {
    x = self("Conv2d_1a_3x3", basic_conv2d{.in_channels = 3, .out_channels = 32, .kernel_size = 3, .stride = 2}, x);
    x = self("Conv2d_2a_3x3", basic_conv2d{32, 32, 3}, x);
    x = self("Conv2d_2b_3x3", basic_conv2d{.in_channels = 32, .out_channels = 64, .kernel_size = 3, .padding = 1}, x);
    x = self("maxpool1", max_pool2d{.kernel_size = 3, .stride = 2}, x);
    x = self("Conv2d_3b_1x1", basic_conv2d{64, 80, 1}, x);
    x = self("Conv2d_4a_3x3", basic_conv2d{80, 192, 3}, x);
    x = self("maxpool2", max_pool2d{.kernel_size = 3, .stride = 2}, x);
    x = self("Mixed_5b", inception_a{192, 32}, x);
    x = self("Mixed_5c", inception_a{256, 64}, x);
    x = self("Mixed_5d", inception_a{288, 64}, x);
    x = self("Mixed_6a", inception_b{288}, x);
    x = self("Mixed_6b", inception_c{768, 128}, x);
    x = self("Mixed_6c", inception_c{768, 160}, x);
    x = self("Mixed_6d", inception_c{768, 160}, x);
    x = self("Mixed_6e", inception_c{768, 192}, x);
    if (aux_logits) self.training_only("AuxLogits", inception_aux{768, num_classes}, x);
    x = self("Mixed_7a", inception_d{768}, x);
    x = self("Mixed_7b", inception_e{1280}, x);
    x = self("Mixed_7c", inception_e{2048}, x);
    x = self("avgpool", adaptive_avg_pool2d({1, 1}), x);
    x = self("dropout", dropout, x);
    x = self.call(flatten{1}, x);
    return self("fc", linear{.in_features = 2048, .out_features = num_classes}, x);
  }
};

// With weights=None, inception_v3(**kwargs) builds Inception3(**kwargs) and sets no knob itself
// (only the weights set transform_input and aux_logits): inception_v3({.num_classes = 10}).
constexpr model inception_v3(const model& knobs = {}) { return knobs; }

// The builders of torchvision's inception.py, by name.
inline constexpr named_model<model> named_models[] = {
    {"inception_v3", inception_v3()},
};

}  // namespace archdesc::inception
