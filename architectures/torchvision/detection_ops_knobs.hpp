// architectures/torchvision/detection_ops_knobs.hpp: detection_ops.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): the structs and enums the detection families' knobs share.
//
//   archdesc report fasterrcnn_resnet50_fpn --set backbone.fpn_norm=batch_norm2d
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/detection_ops.hpp>
#include <architectures/torchvision/ops_knobs.hpp>

ARCHDESC_KNOB_ENUM(archdesc::detection::backbone_type, resnet50, mobilenet_v3_large);
ARCHDESC_KNOB_ENUM(archdesc::detection::extra_fpn_block, none, last_level_max_pool, last_level_p6p7);
ARCHDESC_KNOB_ENUM(archdesc::detection::box_head_type, two_mlp, conv_fc);
BOOST_HANA_ADAPT_STRUCT(archdesc::detection::fpn_backbone_config, type, body_norm, returned_layers, extra_blocks,
                        extra_in_channels, fpn_norm, out_channels);
BOOST_HANA_ADAPT_STRUCT(archdesc::detection::box_head_config, type, representation_size, conv_layers, conv_channels);
