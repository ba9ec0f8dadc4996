// architectures/torchvision/retinanet_knobs.hpp: retinanet.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report retinanet_resnet50_fpn --set head_norm=group_norm32
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/detection_ops_knobs.hpp>
#include <architectures/torchvision/retinanet.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::retinanet::model, backbone, num_classes, min_size, max_size, anchors_per_location,
                        head_norm, weights_layout, input);
