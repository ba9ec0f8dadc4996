// architectures/torchvision/mvit_knobs.hpp: mvit.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order.
//
//   archdesc report mvit_v2_s --set temporal_size=8 --set spatial_size=[112,112]
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/mvit.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mvit::ms_block_config, num_heads, input_channels, output_channels, kernel_q,
                        kernel_kv, stride_q, stride_kv);
BOOST_HANA_ADAPT_STRUCT(archdesc::mvit::model, spatial_size, temporal_size, block_setting, residual_pool,
                        residual_with_cls_embed, rel_pos_embed, proj_after_attn, dropout, attention_dropout,
                        stochastic_depth_prob, num_classes, patch_embed_kernel, patch_embed_stride,
                        patch_embed_padding);
