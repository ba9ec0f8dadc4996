// archdesc/archdesc.hpp: everything needed to write descriptors and query them at compile time.
//
//   #include <archdesc/archdesc.hpp>
//   #include <architectures/torchvision/resnet.hpp>
//   constexpr auto net = archdesc::resnet::resnext50_32x4d();
//   static_assert(archdesc::parameter_count<net> == 25'028'904);
//
// Memory planning (weights, caches, training states, activations) is in <archdesc/memory.hpp>, which
// this header includes. The parameter table is in <archdesc/parameter_table.hpp>, run-time traces in
// <archdesc/trace.hpp>, reports (which need {fmt}) in <archdesc/report.hpp>.
#pragma once

#include <archdesc/bounded_list.hpp>
#include <archdesc/builder.hpp>
#include <archdesc/checked.hpp>
#include <archdesc/child_name.hpp>
#include <archdesc/containers.hpp>
#include <archdesc/descriptor.hpp>
#include <archdesc/diagnostic.hpp>
#include <archdesc/modules.hpp>
#include <archdesc/queries.hpp>
#include <archdesc/real.hpp>
#include <archdesc/scope.hpp>
#include <archdesc/shape.hpp>

// After queries.hpp, which it uses: a wrong descriptor's compile error then names queries.hpp as
// included from here, and keeps its message in the compiler's first lines.
#include <archdesc/memory.hpp>
