// architectures/torchvision/ssd_knobs.hpp: ssd.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report ssd300_vgg16 --set num_classes=21
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/ssd.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::ssd::model, num_classes, size, num_anchors, out_channels, input);
