// architectures/torchvision/maxvit_knobs.hpp: maxvit.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report maxvit_t --set activation_layer=silu
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/maxvit.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::maxvit::model, input_size, stem_channels, partition_size, block_channels,
                        block_layers, head_dim, stochastic_depth_prob, activation_layer, squeeze_ratio, expansion_ratio,
                        mlp_ratio, num_classes);
