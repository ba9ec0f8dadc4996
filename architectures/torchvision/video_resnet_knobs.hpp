// architectures/torchvision/video_resnet_knobs.hpp: video_resnet.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report r3d_18 --set layers=[1,1,1,1] --set input=3x8x112x112
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/video_resnet.hpp>

ARCHDESC_KNOB_ENUM(archdesc::video_resnet::block_type, basic, bottleneck);
ARCHDESC_KNOB_ENUM(archdesc::video_resnet::conv_maker, conv3d_simple, conv3d_no_temporal, conv2plus1d);
ARCHDESC_KNOB_ENUM(archdesc::video_resnet::stem_type, basic, r2plus1d);
BOOST_HANA_ADAPT_STRUCT(archdesc::video_resnet::model, block, conv_makers, layers, stem, num_classes, input);
