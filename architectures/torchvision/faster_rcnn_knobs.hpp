// architectures/torchvision/faster_rcnn_knobs.hpp: faster_rcnn.hpp's knobs by name at run time, for
// <archdesc/knobs.hpp> (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report fasterrcnn_resnet50_fpn --set num_classes=2 --set box_head.representation_size=512
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/detection_ops_knobs.hpp>
#include <architectures/torchvision/faster_rcnn.hpp>

// FasterRCNN, MaskRCNN and KeypointRCNN: one class template, adapted once per class.
BOOST_HANA_ADAPT_STRUCT(archdesc::faster_rcnn::faster_rcnn, backbone, num_classes, min_size, max_size,
                        rpn_anchors_per_location, rpn_conv_depth, box_head, mask_head_norm, num_keypoints,
                        weights_layout, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::faster_rcnn::mask_rcnn, backbone, num_classes, min_size, max_size,
                        rpn_anchors_per_location, rpn_conv_depth, box_head, mask_head_norm, num_keypoints,
                        weights_layout, input);
BOOST_HANA_ADAPT_STRUCT(archdesc::faster_rcnn::keypoint_rcnn, backbone, num_classes, min_size, max_size,
                        rpn_anchors_per_location, rpn_conv_depth, box_head, mask_head_norm, num_keypoints,
                        weights_layout, input);
