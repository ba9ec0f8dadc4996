// architectures/torchvision/mobilenet_v3_knobs.hpp: mobilenet_v3.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mobilenet_v3_small --set width_mult=0.75
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/ops_knobs.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mobilenet_v3::inverted_residual_config, input_channels, kernel, expanded_channels,
                        out_channels, use_se, use_hs, stride, dilation);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilenet_v3::model, inverted_residual_setting, last_channel, width_mult,
                        reduced_tail, dilated, num_classes, norm_layer, input);
