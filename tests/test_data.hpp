// Golden data of the tests (made from torchvision by tools/make_goldens.py) and the non-default
// variants they were made for.
#pragma once

#include <architectures/mobilenet_v2.hpp>
#include <architectures/resnet.hpp>

#include <builtin_models.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace archdesc::test {

inline std::filesystem::path data_path(const std::string& relative) { return std::filesystem::path(ARCHDESC_TEST_DATA) / relative; }

// The file's bytes; empty if it does not exist.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct variant {
  std::string name;
  std::function<trace_result()> trace;
};

template <descriptor D>
variant make_variant(std::string name, const D& net) {
  return {std::move(name), [net] { return archdesc::trace(net); }};
}

// Non-default variants, at least two per family: the same names as in tools/make_goldens.py.
inline std::vector<variant> variants() {
  using resnet::block_type;
  return {
      // resnet
      make_variant("resnext_2222_g8w16_c37", resnet::model{.block = block_type::bottleneck, .layers = {2, 2, 2, 2},
                                                           .num_classes = 37, .groups = 8, .width_per_group = 16}),
      make_variant("resnet_basic_1111_c10", resnet::model{.block = block_type::basic, .layers = {1, 1, 1, 1}, .num_classes = 10}),
      make_variant("resnet50_dilated", resnet::model{.replace_stride_with_dilation = {false, true, true}}),
      // mobilenet_v2
      make_variant("mobilenet_v2_w0_75", mobilenet_v2::model{.width_mult = 0.75}),
      make_variant("mobilenet_v2_w0_35_c10", mobilenet_v2::model{.num_classes = 10, .width_mult = 0.35}),
      make_variant("mobilenet_v2_custom", mobilenet_v2::model{.width_mult = 1.3,
                                                               .inverted_residual_setting = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {4, 64, 2, 2}},
                                                               .round_nearest = 4}),
  };
}

// Every model with goldens: the built-ins and the variants.
inline std::vector<variant> all_models() {
  std::vector<variant> models = variants();
  for (const auto& builtin : tool::builtin_models()) models.push_back({std::string(builtin.name), builtin.trace});
  return models;
}

}  // namespace archdesc::test
