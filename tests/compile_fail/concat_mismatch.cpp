// Two branches concatenated along the channels, one of them downsampled.
#include <archdesc/archdesc.hpp>

using namespace archdesc;

struct unequal_branches {
  static constexpr std::string_view type_name = "UnequalBranches";
  shape input{32, 28, 28};
  constexpr shape forward(scope& self, const shape& x) const {
    return self("mixed",
                composite("Mixed",
                          [](scope& mixed, const shape& y) {
                            const shape a = mixed("branch1", conv2d{.in_channels = 32, .out_channels = 16}, y);
                            const shape b =
                                mixed("branch2", conv2d{.in_channels = 32, .out_channels = 16, .stride = 2}, y);
                            return mixed.cat({a, b}, 1);
                          }),
                x);
  }
};

static_assert(valid<unequal_branches{}>);
