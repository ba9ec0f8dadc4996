// architectures/torchvision/s3d_knobs.hpp: s3d.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order.
//
//   archdesc report s3d --set num_classes=101
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/torchvision/s3d.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::s3d::model, num_classes, dropout, input);
