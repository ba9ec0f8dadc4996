// architectures/torchvision/fcos_knobs.hpp: fcos.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report fcos_resnet50_fpn --set num_classes=2
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/detection_ops_knobs.hpp>
#include <architectures/torchvision/fcos.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::fcos::model, backbone, num_classes, min_size, max_size, anchors_per_location,
                        weights_layout, input);
