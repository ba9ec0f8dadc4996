// architectures/torchvision/fcn_knobs.hpp: fcn.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators (the
// segmentation builders' backbone_type, which deeplabv3_knobs.hpp shares).
//
//   archdesc report fcn_resnet50 --set aux_loss=true
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/fcn.hpp>

ARCHDESC_KNOB_ENUM(archdesc::segmentation::backbone_type, resnet50, resnet101, mobilenet_v3_large);
BOOST_HANA_ADAPT_STRUCT(archdesc::fcn::model, backbone, num_classes, aux_loss, input);
