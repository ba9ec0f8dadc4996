// A ViT whose 5 heads do not divide its width of 768.
#include <architectures/torchvision/vision_transformer.hpp>

static_assert(archdesc::valid<archdesc::vision_transformer::model{.num_heads = 5}>);
