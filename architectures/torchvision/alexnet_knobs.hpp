// architectures/torchvision/alexnet_knobs.hpp: alexnet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report alexnet --set num_classes=10
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/alexnet.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::alexnet::model, num_classes, input);
