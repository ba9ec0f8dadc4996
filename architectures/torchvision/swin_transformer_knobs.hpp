// architectures/torchvision/swin_transformer_knobs.hpp: swin_transformer.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report swin_t --set depths=[2,2,2,2]
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/swin_transformer.hpp>

ARCHDESC_KNOB_ENUM(archdesc::swin_transformer::block_type, swin_transformer_block, swin_transformer_block_v2);
ARCHDESC_KNOB_ENUM(archdesc::swin_transformer::downsample_layer_type, patch_merging, patch_merging_v2);
BOOST_HANA_ADAPT_STRUCT(archdesc::swin_transformer::model, patch_size, embed_dim, depths, num_heads, window_size,
                        mlp_ratio, num_classes, block, downsample_layer, input);
