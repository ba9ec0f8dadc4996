// architectures/torchvision/vgg_knobs.hpp: vgg.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report vgg11 --set batch_norm=true
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/vgg.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::vgg::model, cfg, batch_norm, num_classes, input);
