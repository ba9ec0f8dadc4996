// A named builder given a value for a knob it sets itself, which disagrees: as torchvision's
// swin_t(embed_dim=128), a compile error (archdesc::builder_sets, torchvision's _ovewrite_named_param).
#include <architectures/torchvision/swin_transformer.hpp>

#if defined(CASE_SWIN_T_EMBED_DIM)
constexpr auto net = archdesc::swin_transformer::swin_t({.embed_dim = 128});
#endif
