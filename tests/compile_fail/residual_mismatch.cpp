// A residual block whose shortcut keeps 64 channels while its branch ends with 128.
#include <archdesc/archdesc.hpp>

using namespace archdesc;

struct unequal_residual {
  static constexpr std::string_view type_name = "UnequalResidual";
  shape input{64, 56, 56};
  constexpr shape forward(scope& self, const shape& x) const {
    return self("block",
                composite("Block",
                          [](scope& block, const shape& y) {
                            return block.add(
                                y, block("conv", conv2d{.in_channels = 64, .out_channels = 128, .kernel_size = 1}, y));
                          }),
                x);
  }
};

static_assert(valid<unequal_residual{}>);
