// architectures/torchvision/inception_knobs.hpp: inception.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report inception_v3 --set aux_logits=false
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/inception.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::inception::model, num_classes, aux_logits, input);
