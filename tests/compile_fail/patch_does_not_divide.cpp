// A ViT at image size 200, which its 16-pixel patches do not divide.
#include <architectures/torchvision/vision_transformer.hpp>

static_assert(archdesc::valid<archdesc::vision_transformer::model{.image_size = 200}>);
