// A ResNet edited by hand where layer2's first block is built for 256 input channels but
// layer1 ends with 128.
#include <architectures/torchvision/resnet.hpp>

using namespace archdesc;

struct mismatched_stages {
  static constexpr std::string_view type_name = "MismatchedStages";
  shape input{3, 56, 56};
  constexpr shape forward(scope& self, shape x) const {
    x = self("layer1", sequential([](scope& s, shape y) {
               return s(resnet::bottleneck_block{{.inplanes = 3, .planes = 32, .downsample = true}}, y);
             }),
             x);
    return self("layer2", sequential([](scope& s, shape y) {
                  return s(resnet::bottleneck_block{{.inplanes = 256, .planes = 128, .stride = 2, .downsample = true}},
                           y);
                }),
                x);
  }
};

static_assert(valid<mismatched_stages{}>);
