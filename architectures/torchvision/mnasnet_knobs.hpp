// architectures/torchvision/mnasnet_knobs.hpp: mnasnet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mnasnet1_0 --set alpha=0.35
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/mnasnet.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mnasnet::model, alpha, num_classes, input);
