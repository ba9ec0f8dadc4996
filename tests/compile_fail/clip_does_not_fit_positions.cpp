// mvit_v2_s whose patch embedding pads less: 55x55 patches per frame where its constructor, which
// divides the sizes by the stride, made the positions for 56x56; the first pooling cannot reshape
// the tokens.
#include <architectures/torchvision/mvit.hpp>

static_assert(archdesc::valid<archdesc::mvit::mvit_v2_s({.patch_embed_padding = {1, 0, 0}})>);
