// A ResNeXt many times as deep as resnext50_32x4d: more constexpr work than the compiler's default
// limit allows (clang++ 14 stops near 9000 parameter tensors, g++ 12 near 30000). CTest compiles it
// as it is, which must fail with the compiler's limit message, and builds it as the target
// deep_resnext_raised, with archdesc_raise_constexpr_limit, which must succeed.
#include <architectures/torchvision/resnet.hpp>

#ifdef __clang__
constexpr int depth_multiplier = 64;  // 9233 tensors
#else
constexpr int depth_multiplier = 256;  // 36881 tensors
#endif

constexpr archdesc::resnet::model deep{
    .layers = {3 * depth_multiplier, 4 * depth_multiplier, 6 * depth_multiplier, 3 * depth_multiplier},
    .groups = 32,
    .width_per_group = 4};
static_assert(archdesc::tensor_count<deep> == 17 + 144 * depth_multiplier);
