// architectures/torchvision/regnet_knobs.hpp: regnet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report regnet_y_400mf --set block_params.depth=12
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/regnet.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::regnet::init_params, depth, w_0, w_a, w_m, group_width, bottleneck_multiplier,
                        se_ratio);
BOOST_HANA_ADAPT_STRUCT(archdesc::regnet::model, block_params, num_classes, stem_width, input);
