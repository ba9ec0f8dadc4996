// A named builder given a value for a knob it sets itself, one that disagrees with its own: as
// torchvision's builders (_ovewrite_named_param, or a keyword given twice), this must fail. Each
// case (CASE_...) must fail with builder_sets's message.
#include <architectures/torchvision/densenet.hpp>

using namespace archdesc;

#if defined(CASE_DENSENET_GROWTH_RATE)
constexpr auto net = densenet::densenet121({.growth_rate = 48});
#endif

static_assert(valid<net>);
