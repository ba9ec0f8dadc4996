// A MobileNetV2 block whose depthwise convolution is given 5 groups for 32 channels.
#include <architectures/torchvision/mobilenet_v2.hpp>

using namespace archdesc;

struct five_groups {
  static constexpr std::string_view type_name = "FiveGroups";
  shape input{3, 32, 32};
  constexpr shape forward(scope& self, shape x) const {
    return self("features", sequential([](scope& s, shape y) {
                  y = s(torchvision::conv2d_norm_activation{.in_channels = 3, .out_channels = 32, .stride = 2}, y);
                  return s(composite("InvertedResidual",
                                     [](scope& block, shape z) {
                                       return block("conv", sequential([](scope& layers, shape w) {
                                                      return layers(
                                                          torchvision::conv2d_norm_activation{
                                                              .in_channels = 32, .out_channels = 32, .groups = 5},
                                                          w);
                                                    }),
                                                    z);
                                     }),
                           y);
                }),
                x);
  }
};

static_assert(valid<five_groups{}>);
