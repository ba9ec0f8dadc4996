// A ConvNeXt of one block, which torchvision's constructor refuses: it spreads
// stochastic_depth_prob over the blocks after the first, dividing by their number less one.
#include <architectures/torchvision/convnext.hpp>

static_assert(archdesc::valid<archdesc::convnext::model{.block_setting = {{96, 0, 1}}}>);
