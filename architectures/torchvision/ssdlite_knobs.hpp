// architectures/torchvision/ssdlite_knobs.hpp: ssdlite.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report ssdlite320_mobilenet_v3_large --set reduced_tail=false
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/ssdlite.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::ssdlite::model, num_classes, size, reduced_tail, anchors_per_location, input);
