// architectures/torchvision/googlenet_knobs.hpp: googlenet.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report googlenet --set aux_logits=false
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/googlenet.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::googlenet::model, num_classes, aux_logits, input);
