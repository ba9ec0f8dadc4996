// architectures/torchvision/raft_knobs.hpp: raft.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report raft_small --set num_flow_updates=32 --set input=3x368x768
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/ops_knobs.hpp>
#include <architectures/torchvision/raft.hpp>

ARCHDESC_KNOB_ENUM(archdesc::raft::block_type, residual_block, bottleneck_block);
BOOST_HANA_ADAPT_STRUCT(archdesc::raft::model, feature_encoder_layers, feature_encoder_block,
                        feature_encoder_norm_layer, context_encoder_layers, context_encoder_block,
                        context_encoder_norm_layer, corr_block_num_levels, corr_block_radius,
                        motion_encoder_corr_layers, motion_encoder_flow_layers, motion_encoder_out_channels,
                        recurrent_block_hidden_state_size, recurrent_block_kernel_size, recurrent_block_padding,
                        flow_head_hidden_size, use_mask_predictor, input, num_flow_updates);
