// architectures/torchvision/squeezenet_knobs.hpp: squeezenet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report squeezenet1_0 --set version=v1_1
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/squeezenet.hpp>

ARCHDESC_KNOB_ENUM(archdesc::squeezenet::version_type, v1_0, v1_1);
BOOST_HANA_ADAPT_STRUCT(archdesc::squeezenet::model, version, num_classes, input);
