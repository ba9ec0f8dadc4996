// archdesc/tool/treemap.hpp: the module tree as a treemap: nested boxes, one per module, of areas
// proportional to a measure (parameters, MACs, memory), the biggest named.
//
//   write_drawing("resnet18.svg", treemap_drawing("resnet18", build_module_tree(traced), measure::macs));
#pragma once

#include <archdesc/tool/drawing.hpp>
#include <archdesc/tool/module_tree.hpp>

#include <string_view>
#include <vector>

namespace archdesc::tool {

struct layout_box {
  double x = 0, y = 0, width = 0, height = 0;
};

// Bruls, Huizing and van Wijk's squarified layout: one box in `area` per weight (positive, largest
// first), of area proportional to its weight, the boxes tiling `area` as close to squares as the
// order allows.
std::vector<layout_box> squarify(const std::vector<double>& weights, layout_box area);

// Titled with the model's name and total; a box's tooltip (SVG) gives its path, type and share.
drawing treemap_drawing(std::string_view model_name, const module_tree& tree, measure by);

}  // namespace archdesc::tool
