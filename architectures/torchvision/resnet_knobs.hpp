// architectures/torchvision/resnet_knobs.hpp: resnet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report resnet50 --set groups=32 --set width_per_group=4
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/ops_knobs.hpp>
#include <architectures/torchvision/resnet.hpp>

ARCHDESC_KNOB_ENUM(archdesc::resnet::block_type, basic, bottleneck);
BOOST_HANA_ADAPT_STRUCT(archdesc::resnet::model, block, layers, num_classes, groups, width_per_group,
                        replace_stride_with_dilation, norm_layer, input);
