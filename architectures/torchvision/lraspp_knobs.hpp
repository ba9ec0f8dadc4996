// architectures/torchvision/lraspp_knobs.hpp: lraspp.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order.
//
//   archdesc report lraspp_mobilenet_v3_large --set num_classes=1
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/lraspp.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::lraspp::model, num_classes, inter_channels, input);
