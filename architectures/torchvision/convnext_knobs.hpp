// architectures/torchvision/convnext_knobs.hpp: convnext.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report convnext_tiny --set "block_setting=[[96,192,3],[192,384,3],[384,768,9],[768,0,3]]"
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/convnext.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::convnext::cn_block_config, input_channels, out_channels, num_layers);
BOOST_HANA_ADAPT_STRUCT(archdesc::convnext::model, block_setting, num_classes, input);
