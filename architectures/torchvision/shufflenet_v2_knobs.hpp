// architectures/torchvision/shufflenet_v2_knobs.hpp: shufflenet_v2.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report shufflenet_v2_x1_0 --set stages_repeats=[2,4,2]
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/shufflenet_v2.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::shufflenet_v2::model, stages_repeats, stages_out_channels, num_classes, input);
