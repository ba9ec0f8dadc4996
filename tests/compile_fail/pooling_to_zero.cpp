// AlexNet on a 32x32 input: its third max-pool has nothing left to pool.
#include <architectures/torchvision/alexnet.hpp>

static_assert(archdesc::valid<archdesc::alexnet::model{.input = {3, 32, 32}}>);
