// architectures/torchvision/vision_transformer_knobs.hpp: vision_transformer.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report vit_b_16 --set image_size=384
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/ops_knobs.hpp>
#include <architectures/torchvision/vision_transformer.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::vision_transformer::conv_stem_config, out_channels, kernel_size, stride, norm,
                        activation_layer);
BOOST_HANA_ADAPT_STRUCT(archdesc::vision_transformer::model, image_size, patch_size, num_layers, num_heads, hidden_dim,
                        mlp_dim, num_classes, representation_size, conv_stem_configs);
