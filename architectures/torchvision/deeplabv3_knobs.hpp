// architectures/torchvision/deeplabv3_knobs.hpp: deeplabv3.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order.
//
//   archdesc report deeplabv3_resnet50 --set aux_loss=true --set num_classes=2
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/deeplabv3.hpp>
#include <architectures/torchvision/fcn_knobs.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::deeplabv3::model, backbone, num_classes, aux_loss, input);
