// tools/builtins/builtin_models.hpp: every named model archdesc knows, by name, for the tool and the tests.
#pragma once

#include <archdesc/memory.hpp>
#include <archdesc/trace.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace archdesc::tool {

// Where a model's reference comes from: torchvision models have golden data made from torchvision
// (tests/data/goldens); transformers models are checked against the transformers source by their
// family's tests.
enum class reference { torchvision, transformers };

struct builtin_model {
  std::string_view name;
  std::string_view family;
  archdesc::tool::reference reference;
  std::int64_t num_classes;  // -1 for models without a classifier head (BertModel, causal LMs)
  shape input;               // the default input, without the batch dimension
  std::function<trace_result(const shape& input)> trace_at;
  // For memory planning: the transformer families' layers (their geometry_of), and the blocks a
  // device map places whole (transformers' _no_split_modules; empty elsewhere).
  std::optional<transformer_geometry> geometry;
  std::span<const std::string_view> no_split_modules;

  trace_result trace() const { return trace_at(input); }
};

// Sorted by name.
const std::vector<builtin_model>& builtin_models();

// The builtin of that name, or nullptr.
const builtin_model* find_builtin(std::string_view name);

// Up to `count` builtin names closest to `name` (by edit distance), closest first.
std::vector<std::string_view> closest_builtins(std::string_view name, std::size_t count);

}  // namespace archdesc::tool
