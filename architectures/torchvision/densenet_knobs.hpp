// architectures/torchvision/densenet_knobs.hpp: densenet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report densenet121 --set block_config=[6,12,24]
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/densenet.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::densenet::model, growth_rate, block_config, num_init_features, bn_size, num_classes,
                        input);
