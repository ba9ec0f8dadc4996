// small_resnext.hpp: this project's own architecture, a ResNeXt designed by editing the knobs of
// torchvision's ResNet class: bottleneck blocks, two per stage, 8 groups of width 16, 37 classes.
#pragma once

#include <archdesc/archdesc.hpp>
#include <architectures/torchvision/resnet.hpp>

namespace consumer {

inline constexpr archdesc::resnet::model small_resnext{.block = archdesc::resnet::block_type::bottleneck,
                                                       .layers = {2, 2, 2, 2},
                                                       .num_classes = 37,
                                                       .groups = 8,
                                                       .width_per_group = 16};

// Checked when this header compiles: every module fits its input (or an error naming the module),
// and the totals are the ones torchvision reports for
// ResNet(Bottleneck, [2, 2, 2, 2], num_classes=37, groups=8, width_per_group=16).
static_assert(archdesc::valid<small_resnext>);
static_assert(archdesc::tensor_count<small_resnext> == 89);
static_assert(archdesc::parameter_count<small_resnext> == 15'766'373);
static_assert(archdesc::output_shape<small_resnext> == archdesc::shape{1, 37});

}  // namespace consumer
