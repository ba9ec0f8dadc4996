// architectures/torchvision/mobilenet_v2_knobs.hpp: mobilenet_v2.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mobilenet_v2 --set "inverted_residual_setting=[[1,16,1,1],[6,24,2,2]]"
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mobilenet_v2::inverted_residual_row, t, c, n, s);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilenet_v2::model, num_classes, width_mult, inverted_residual_setting,
                        round_nearest, input);
