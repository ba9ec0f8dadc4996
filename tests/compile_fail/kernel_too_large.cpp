// A 7x7 convolution without padding on a 4x4 input.
#include <archdesc/archdesc.hpp>

using namespace archdesc;

struct large_kernel {
  static constexpr std::string_view type_name = "LargeKernel";
  shape input{3, 4, 4};
  constexpr shape forward(scope& self, const shape& x) const {
    return self("stem", conv2d{.in_channels = 3, .out_channels = 8, .kernel_size = 7}, x);
  }
};

static_assert(valid<large_kernel{}>);
