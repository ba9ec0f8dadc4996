// architectures/torchvision/ops_knobs.hpp: ops.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   ARCHDESC_KNOB_ENUM(archdesc::torchvision::norm_layer, ...) names conv_stem_config's norm and every norm_layer knob
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/ops.hpp>

ARCHDESC_KNOB_ENUM(archdesc::torchvision::norm_layer, none, batch_norm2d, layer_norm2d, frozen_batch_norm2d,
                   group_norm32, instance_norm2d);
