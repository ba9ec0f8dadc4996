// architectures/torchvision/efficientnet_knobs.hpp: efficientnet.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report efficientnet_b0 --set last_channel=1024
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/efficientnet.hpp>

ARCHDESC_KNOB_ENUM(archdesc::efficientnet::block_type, mb_conv, fused_mb_conv);
BOOST_HANA_ADAPT_STRUCT(archdesc::efficientnet::block_config, expand_ratio, kernel, stride, input_channels,
                        out_channels, num_layers, block);
BOOST_HANA_ADAPT_STRUCT(archdesc::efficientnet::model, inverted_residual_setting, num_classes, last_channel, input);
