// architectures/torchvision/raft.hpp: torchvision's RAFT optical flow models
// (torchvision/models/optical_flow/raft.py) with the knobs of its _raft builder: a feature encoder and
// a context encoder, a correlation block, an update block (motion encoder, recurrent block of one or
// two ConvGRUs, flow head) and, for raft_large, a mask predictor.
//
//   constexpr auto net = archdesc::raft::raft_small();
//   static_assert(archdesc::parameter_count<net> == 990'162);
//   static_assert(archdesc::output_shape<net> == archdesc::shape{1, 2, 512, 512});
//
// The input is each of the two frames, (3, H, W) with H and W multiples of 8; the output is the last
// of the num_flow_updates flow predictions, (N, 2, H, W). The update block and the mask predictor run
// once per flow update with the same weights (scope::loop): their parameters count once, their
// multiply-accumulates every time. The correlation volume, the matrix product of the two frames'
// feature maps, counts H/8 x W/8 squared times the feature channels; pooling its pyramid, sampling
// it (grid_sample) and upsampling the flow multiply nothing.
#pragma once

#include <architectures/torchvision/ops.hpp>

#include <archdesc/archdesc.hpp>

#include <array>
#include <optional>

namespace archdesc::raft {

using torchvision::conv2d_norm_activation;
using torchvision::norm_layer;

// The block of an encoder (_raft's feature_encoder_block and context_encoder_block).
enum class block_type { residual_block, bottleneck_block };

// ResidualBlock: two 3x3 Conv2dNormActivation with biases; a 1x1 projection where the stride is not 1.
struct residual_block {
  static constexpr std::string_view type_name = "ResidualBlock";
  int in_channels = 0;
  int out_channels = 0;
  norm_layer norm = norm_layer::batch_norm2d;
  int stride = 1;

  constexpr shape forward(scope& self, const shape& x) const {
    shape y = self("convnormrelu1",
                   conv2d_norm_activation{.in_channels = in_channels,
                                          .out_channels = out_channels,
                                          .kernel_size = 3,
                                          .stride = stride,
                                          .norm = norm,
                                          .bias = true},
                   x);
    y = self(
        "convnormrelu2",
        conv2d_norm_activation{
            .in_channels = out_channels, .out_channels = out_channels, .kernel_size = 3, .norm = norm, .bias = true},
        y);
    return self("relu", relu, self.add(downsample(self, in_channels, out_channels, norm, stride, x), y));
  }

  // The shortcut of both blocks: nn.Identity at stride 1, else a 1x1 Conv2dNormActivation without activation.
  static constexpr shape downsample(scope& self, int in_channels, int out_channels, norm_layer norm, int stride,
                                    const shape& x) {
    if (stride == 1) return self("downsample", identity, x);
    return self("downsample",
                conv2d_norm_activation{.in_channels = in_channels,
                                       .out_channels = out_channels,
                                       .kernel_size = 1,
                                       .stride = stride,
                                       .norm = norm,
                                       .activation_layer = nullptr,
                                       .bias = true},
                x);
  }
};

// BottleneckBlock: 1x1, 3x3 (strided) and 1x1 Conv2dNormActivation with biases, out_channels / 4 wide.
struct bottleneck_block {
  static constexpr std::string_view type_name = "BottleneckBlock";
  int in_channels = 0;
  int out_channels = 0;
  norm_layer norm = norm_layer::batch_norm2d;
  int stride = 1;

  constexpr shape forward(scope& self, const shape& x) const {
    const int width = out_channels / 4;
    const auto convnormrelu = [&](const char* name, int in, int out, int kernel_size, int s, const shape& z) {
      return self(name,
                  conv2d_norm_activation{.in_channels = in,
                                         .out_channels = out,
                                         .kernel_size = kernel_size,
                                         .stride = s,
                                         .norm = norm,
                                         .bias = true},
                  z);
    };
    shape y = convnormrelu("convnormrelu1", in_channels, width, 1, 1, x);
    y = convnormrelu("convnormrelu2", width, width, 3, stride, y);
    y = convnormrelu("convnormrelu3", width, out_channels, 1, 1, y);
    const shape shortcut = residual_block::downsample(self, in_channels, out_channels, norm, stride, x);
    return self("relu", relu, self.add(shortcut, y));
  }
};

// FeatureEncoder, the feature and the context encoder: a 7x7 stem, three stages of two blocks and a
// 1x1 convolution, downsampling by 8 (its strides are torchvision's defaults, (2, 1, 2, 2)).
struct feature_encoder {
  static constexpr std::string_view type_name = "FeatureEncoder";
  block_type block = block_type::residual_block;
  std::array<int, 5> layers{64, 64, 96, 128, 256};
  norm_layer norm = norm_layer::batch_norm2d;

  constexpr shape forward(scope& self, shape x) const {
    constexpr std::array<int, 4> strides{2, 1, 2, 2};
    x = self("convnormrelu",
             conv2d_norm_activation{.in_channels = 3,
                                    .out_channels = layers[0],
                                    .kernel_size = 7,
                                    .stride = strides[0],
                                    .norm = norm,
                                    .bias = true},
             x);
    const auto make_2_blocks = [this](int in_channels, int out_channels, int first_stride) {
      return sequential([=, this](scope& s, shape y) {
        const auto make_block = [&](int in, int stride) {
          y = block == block_type::residual_block ? s(residual_block{in, out_channels, norm, stride}, y)
                                                  : s(bottleneck_block{in, out_channels, norm, stride}, y);
        };
        make_block(in_channels, first_stride);
        make_block(out_channels, 1);
        return y;
      });
    };
    x = self("layer1", make_2_blocks(layers[0], layers[1], strides[1]), x);
    x = self("layer2", make_2_blocks(layers[1], layers[2], strides[2]), x);
    x = self("layer3", make_2_blocks(layers[2], layers[3], strides[3]), x);
    return self("conv", conv2d{.in_channels = layers[3], .out_channels = layers[4]}, x);
  }
};

// CorrBlock's build_pyramid on the first frame's feature map (its second is the same shape): the
// correlation volume, a (N, H*W, C) x (N, C, H*W) matrix product, reshaped to (N*H*W, 1, H, W) and
// average-pooled num_levels - 1 times; it returns the features index_pyramid gathers from the pyramid
// at each flow update, num_levels * (2 * radius + 1)^2 channels. It has no parameters, and no forward.
struct corr_block {
  static constexpr std::string_view type_name = "CorrBlock";
  int num_levels = 4;
  int radius = 4;

  constexpr int out_channels() const { return num_levels * (2 * radius + 1) * (2 * radius + 1); }

  constexpr shape forward(scope& self, const shape& fmap) const {
    if (num_levels < 1 || radius < 0) {
      self.fail("needs a level and a radius of 0 or more, has num_levels = ", num_levels, " and radius = ", radius);
      return fmap;
    }
    if (!self.expect_rank(fmap, 4, "(N, C, H, W)")) return fmap;
    const std::int64_t pixels = checked_mul(fmap[2], fmap[3]);
    self.count_macs(checked_mul(checked_mul(checked_mul(fmap[0], pixels), pixels), fmap[1]));
    shape level{checked_mul(fmap[0], pixels), 1, fmap[2], fmap[3]};
    for (int i = 1; i < num_levels; ++i) level = self.call(avg_pool2d{.kernel_size = 2, .stride = 2}, level);
    return {fmap[0], out_channels(), fmap[2], fmap[3]};
  }
};

// MotionEncoder on the correlation features, given the current flow (N, 2, H, W) beside them.
struct motion_encoder {
  static constexpr std::string_view type_name = "MotionEncoder";
  int in_channels_corr = 0;
  bounded_list<int, 2> corr_layers{256, 192};
  std::array<int, 2> flow_layers{128, 64};
  int out_channels = 128;
  shape flow;

  constexpr shape forward(scope& self, const shape& corr_features) const {
    if (corr_layers.empty()) {
      self.fail("The number of corr_layers should be 1 or 2, instead got 0");
      return corr_features;
    }
    // Conv2dNormActivation without a norm layer: a biased convolution and ReLU.
    const auto conv_relu = [](int in, int out, int kernel_size) {
      return conv2d_norm_activation{
          .in_channels = in, .out_channels = out, .kernel_size = kernel_size, .norm = norm_layer::none};
    };
    shape corr = self("convcorr1", conv_relu(in_channels_corr, corr_layers[0], 1), corr_features);
    corr = corr_layers.size() == 2 ? self("convcorr2", conv_relu(corr_layers[0], corr_layers[1], 3), corr)
                                   : self("convcorr2", identity, corr);
    shape y = self("convflow1", conv_relu(2, flow_layers[0], 7), flow);
    y = self("convflow2", conv_relu(flow_layers[0], flow_layers[1], 3), y);
    // out_channels - 2: the flow is concatenated at the end
    y = self("conv", conv_relu(corr_layers[corr_layers.size() - 1] + flow_layers[1], out_channels - 2, 3),
             self.cat({corr, y}, 1));
    return self.cat({y, flow}, 1);
  }
};

// ConvGRU on the hidden state h, given x (the context and the motion features) beside it.
struct conv_gru {
  static constexpr std::string_view type_name = "ConvGRU";
  int input_size = 0;
  int hidden_size = 0;
  hw kernel_size = 3;
  hw padding = 1;
  shape x;

  constexpr shape forward(scope& self, const shape& h) const {
    const conv2d gate{.in_channels = hidden_size + input_size,
                      .out_channels = hidden_size,
                      .kernel_size = kernel_size,
                      .padding = padding};
    const shape hx = self.cat({h, x}, 1);
    const shape z = self("convz", gate, hx);                                     // torch.sigmoid
    const shape r = self("convr", gate, hx);                                     // torch.sigmoid
    const shape q = self("convq", gate, self.cat({self.multiply(r, h), x}, 1));  // torch.tanh
    return self.add(self.multiply(z, h), self.multiply(z, q));                   // (1 - z) * h + z * q
  }
};

// RecurrentBlock: one ConvGRU per kernel size (one or two); given x beside the hidden state.
struct recurrent_block {
  static constexpr std::string_view type_name = "RecurrentBlock";
  int input_size = 0;
  int hidden_size = 0;
  bounded_list<hw, 2> kernel_size{{1, 5}, {5, 1}};
  bounded_list<hw, 2> padding{{0, 2}, {2, 0}};
  shape x;

  constexpr shape forward(scope& self, shape h) const {
    if (kernel_size.size() != padding.size()) {
      self.fail("kernel_size should have the same length as padding, instead got len(kernel_size) = ",
                static_cast<int>(kernel_size.size()), " and len(padding) = ", static_cast<int>(padding.size()));
      return h;
    }
    if (kernel_size.empty()) {
      self.fail("kernel_size should either 1 or 2, instead got 0");
      return h;
    }
    const auto gru = [&](std::size_t i) {
      return conv_gru{.input_size = input_size,
                      .hidden_size = hidden_size,
                      .kernel_size = kernel_size[i],
                      .padding = padding[i],
                      .x = x};
    };
    h = self("convgru1", gru(0), h);
    if (kernel_size.size() == 2) h = self("convgru2", gru(1), h);
    return h;
  }
};

// FlowHead: the hidden state to the flow's update, (N, 2, H, W).
struct flow_head {
  static constexpr std::string_view type_name = "FlowHead";
  int in_channels = 0;
  int hidden_size = 0;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape y = self(
        "conv1", conv2d{.in_channels = in_channels, .out_channels = hidden_size, .kernel_size = 3, .padding = 1}, x);
    return self("conv2", conv2d{.in_channels = hidden_size, .out_channels = 2, .kernel_size = 3, .padding = 1},
                self("relu", relu, y));
  }
};

// UpdateBlock on the hidden state, given the context, the correlation features and the flow beside it
// (the motion encoder holds the flow). It returns the new hidden state; PyTorch's returns the flow's
// update too, so a call of it records no output of its own (declared_child::several_outputs).
struct update_block {
  static constexpr std::string_view type_name = "UpdateBlock";
  motion_encoder motion;
  recurrent_block recurrent;
  flow_head head;
  shape context;
  shape corr_features;

  constexpr shape forward(scope& self, const shape& hidden_state) const {
    const shape motion_features = self("motion_encoder", motion, corr_features);
    recurrent_block block = recurrent;
    block.x = self.cat({context, motion_features}, 1);
    const shape h = self("recurrent_block", block, hidden_state);
    self("flow_head", head, h);
    return h;
  }
};

// MaskPredictor: the weights of the convex upsampling of the flow, 8 * 8 * 9 channels (times 0.25).
struct mask_predictor {
  static constexpr std::string_view type_name = "MaskPredictor";
  int in_channels = 0;
  int hidden_size = 256;

  constexpr shape forward(scope& self, const shape& x) const {
    const shape y =
        self("convrelu",
             conv2d_norm_activation{
                 .in_channels = in_channels, .out_channels = hidden_size, .kernel_size = 3, .norm = norm_layer::none},
             x);
    return self("conv", conv2d{.in_channels = hidden_size, .out_channels = 8 * 8 * 9}, y);
  }
};

// torchvision.models.optical_flow.RAFT as _raft builds it, with _raft's knobs (raft_large's sizes are
// the defaults), the size of each frame and forward's num_flow_updates.
struct model {
  static constexpr std::string_view type_name = "RAFT";
  std::array<int, 5> feature_encoder_layers{64, 64, 96, 128, 256};
  block_type feature_encoder_block = block_type::residual_block;
  norm_layer feature_encoder_norm_layer = norm_layer::instance_norm2d;
  std::array<int, 5> context_encoder_layers{64, 64, 96, 128, 256};
  block_type context_encoder_block = block_type::residual_block;
  norm_layer context_encoder_norm_layer = norm_layer::batch_norm2d;
  int corr_block_num_levels = 4;
  int corr_block_radius = 4;
  bounded_list<int, 2> motion_encoder_corr_layers{256, 192};
  std::array<int, 2> motion_encoder_flow_layers{128, 64};
  int motion_encoder_out_channels = 128;
  int recurrent_block_hidden_state_size = 128;
  bounded_list<hw, 2> recurrent_block_kernel_size{{1, 5}, {5, 1}};
  bounded_list<hw, 2> recurrent_block_padding{{0, 2}, {2, 0}};
  int flow_head_hidden_size = 256;
  bool use_mask_predictor = true;
  shape input{3, 512, 512};  // each frame
  int num_flow_updates = 12;

  constexpr shape forward(scope& self, const shape& image) const {
    if (num_flow_updates < 1) {
      self.fail("runs ", num_flow_updates, " flow updates, so predicts no flow: num_flow_updates must be 1 or more");
      return image;
    }
    if (!self.expect_rank(image, 4, "(N, 3, H, W)")) return image;
    const std::int64_t h = image[2], w = image[3];
    // As torchvision 0.14 tests it, `not (h % 8 == 0) and (w % 8 == 0)`; the encoders' check catches the rest.
    if (h % 8 != 0 && w % 8 == 0) {
      self.fail("input image H and W should be divisible by 8, instead got ", h, " (h) and ", w, " (w)");
      return image;
    }
    const auto downsamples_by_8 = [&](const shape& out) { return out[2] == h / 8 && out[3] == w / 8; };
    const shape fmaps =
        self("feature_encoder",
             feature_encoder{
                 .block = feature_encoder_block, .layers = feature_encoder_layers, .norm = feature_encoder_norm_layer},
             self.cat({image, image}, 0));                          // torch.cat([image1, image2], dim=0)
    const shape fmap1{fmaps[0] / 2, fmaps[1], fmaps[2], fmaps[3]};  // torch.chunk(fmaps, chunks=2, dim=0)
    if (!downsamples_by_8(fmap1)) {
      self.fail("The feature encoder should downsample H and W by 8");
      return image;
    }
    const corr_block corr{.num_levels = corr_block_num_levels, .radius = corr_block_radius};
    const shape corr_features = self.functional("corr_block", corr, fmap1);
    const shape context_out =
        self("context_encoder",
             feature_encoder{
                 .block = context_encoder_block, .layers = context_encoder_layers, .norm = context_encoder_norm_layer},
             image);
    if (!downsamples_by_8(context_out)) {
      self.fail("The context encoder should downsample H and W by 8");
      return image;
    }
    const int hidden_size = recurrent_block_hidden_state_size;
    const std::int64_t out_channels_context = context_out[1] - hidden_size;
    if (out_channels_context <= 0) {
      self.fail("The context encoder outputs ", context_out[1],
                " channels, but it should have at strictly more than hidden_state=", hidden_size, " channels");
      return image;
    }
    const auto at_feature_size = [&](std::int64_t channels) { return shape{image[0], channels, fmap1[2], fmap1[3]}; };
    const shape hidden_state = at_feature_size(hidden_size);  // torch.split(context_out, ...), then tanh
    const update_block update{
        .motion = {.in_channels_corr = corr.out_channels(),
                   .corr_layers = motion_encoder_corr_layers,
                   .flow_layers = motion_encoder_flow_layers,
                   .out_channels = motion_encoder_out_channels,
                   .flow = at_feature_size(2)},  // coords1 - coords0
        .recurrent = {.input_size = motion_encoder_out_channels + static_cast<int>(out_channels_context),
                      .hidden_size = hidden_size,
                      .kernel_size = recurrent_block_kernel_size,
                      .padding = recurrent_block_padding,
                      .x = {}},  // the update block's concatenation
        .head = {.in_channels = hidden_size, .hidden_size = flow_head_hidden_size},
        .context = at_feature_size(out_channels_context),
        .corr_features = corr_features};
    const auto update_block_call = self.declare("update_block", update, hidden_state);
    std::optional<declared_child<mask_predictor>> mask;
    if (use_mask_predictor)
      mask = self.declare("mask_predictor", mask_predictor{.in_channels = hidden_size}, hidden_state);
    self.loop(num_flow_updates, hidden_state, [&](const shape& state) {
      const shape next = update_block_call.several_outputs(state);
      if (mask) (*mask)(next);
      return next;
    });
    // upsample_flow: by 8, convexly with the mask or bilinearly
    return {image[0], 2, 8 * fmap1[2], 8 * fmap1[3]};
  }
};

// The sizes raft_small sets (raft_large's are the class's defaults).
inline constexpr model raft_small_sizes{.feature_encoder_layers = {32, 32, 64, 96, 128},
                                        .feature_encoder_block = block_type::bottleneck_block,
                                        .feature_encoder_norm_layer = norm_layer::instance_norm2d,
                                        .context_encoder_layers = {32, 32, 64, 96, 160},
                                        .context_encoder_block = block_type::bottleneck_block,
                                        .context_encoder_norm_layer = norm_layer::none,
                                        .corr_block_num_levels = 4,
                                        .corr_block_radius = 3,
                                        .motion_encoder_corr_layers = {96},
                                        .motion_encoder_flow_layers = {64, 32},
                                        .motion_encoder_out_channels = 82,
                                        .recurrent_block_hidden_state_size = 96,
                                        .recurrent_block_kernel_size = {3},
                                        .recurrent_block_padding = {1},
                                        .flow_head_hidden_size = 128,
                                        .use_mask_predictor = false};

// A builder of raft.py: sets every knob _raft takes to the builder's sizes and keeps the frame size
// and num_flow_updates.
constexpr model raft(const model& sizes, model knobs) {
  builder_sets(knobs, &model::feature_encoder_layers, sizes.feature_encoder_layers);
  builder_sets(knobs, &model::feature_encoder_block, sizes.feature_encoder_block);
  builder_sets(knobs, &model::feature_encoder_norm_layer, sizes.feature_encoder_norm_layer);
  builder_sets(knobs, &model::context_encoder_layers, sizes.context_encoder_layers);
  builder_sets(knobs, &model::context_encoder_block, sizes.context_encoder_block);
  builder_sets(knobs, &model::context_encoder_norm_layer, sizes.context_encoder_norm_layer);
  builder_sets(knobs, &model::corr_block_num_levels, sizes.corr_block_num_levels);
  builder_sets(knobs, &model::corr_block_radius, sizes.corr_block_radius);
  builder_sets(knobs, &model::motion_encoder_corr_layers, sizes.motion_encoder_corr_layers);
  builder_sets(knobs, &model::motion_encoder_flow_layers, sizes.motion_encoder_flow_layers);
  builder_sets(knobs, &model::motion_encoder_out_channels, sizes.motion_encoder_out_channels);
  builder_sets(knobs, &model::recurrent_block_hidden_state_size, sizes.recurrent_block_hidden_state_size);
  builder_sets(knobs, &model::recurrent_block_kernel_size, sizes.recurrent_block_kernel_size);
  builder_sets(knobs, &model::recurrent_block_padding, sizes.recurrent_block_padding);
  builder_sets(knobs, &model::flow_head_hidden_size, sizes.flow_head_hidden_size);
  builder_sets(knobs, &model::use_mask_predictor, sizes.use_mask_predictor);
  return knobs;
}

// The builders of raft.py: each takes the frame size and num_flow_updates (raft_small({.input = {3, 256, 256}})).
constexpr model raft_large(const model& knobs = {}) { return raft(model{}, knobs); }
constexpr model raft_small(const model& knobs = {}) { return raft(raft_small_sizes, knobs); }

// The builders, by name.
inline constexpr named_model<model> named_models[] = {
    {"raft_large", raft_large()},
    {"raft_small", raft_small()},
};

}  // namespace archdesc::raft
