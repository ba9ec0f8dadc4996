// The parameter table of a ResNeXt many times as deep as resnext50_32x4d: more constexpr work than
// clang++ 14's default limit allows (the table copies the rows of a stage's repeated blocks, about
// 19 steps a tensor, so 27,665 tensors of it fit the default; 72,017 do not, and fit 4x; this test
// runs with clang++ only: tests/CMakeLists.txt). CTest compiles it as it is, which must fail with
// the compiler's limit message, and builds it as the target deep_resnext_raised, with
// archdesc_raise_constexpr_limit, which must succeed.
// Counts describe a stage's identical blocks once: a ResNeXt of 20,033 tensors counts in 3 % of
// clang++'s default steps and 1 % of g++'s operations (bench/headroom's resnext-20033, both compilers).
#include <architectures/torchvision/resnet.hpp>

#include <archdesc/parameter_table.hpp>

#include <cstddef>

constexpr archdesc::resnet::model resnext_of_depth(int multiplier) {
  return {
      .layers = {3 * multiplier, 4 * multiplier, 6 * multiplier, 3 * multiplier}, .groups = 32, .width_per_group = 4};
}

constexpr auto counted = resnext_of_depth(139);
static_assert(archdesc::tensor_count<counted> == 20'033);
static_assert(archdesc::parameter_count<counted> == 3'005'087'016);

constexpr int depth_multiplier = 500;  // 72,017 tensors

constexpr auto deep = resnext_of_depth(depth_multiplier);
static_assert(archdesc::parameter_table<deep>.size() == std::size_t{17} + 144 * depth_multiplier);
