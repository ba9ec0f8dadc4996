// tools/builtins/builtin_models.hpp: every named model archdesc knows, by name, for the tool and the tests,
// with its knobs by name (<archdesc/knobs.hpp>) for --set.
#pragma once

#include <archdesc/knobs.hpp>
#include <archdesc/memory.hpp>
#include <archdesc/trace.hpp>
#include <architectures/transformers/hf_config.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc::tool {

// Where a model's reference comes from: torchvision models have golden data made from torchvision
// (tests/data/goldens); transformers models are checked against the transformers source by their
// family's tests.
enum class reference { torchvision, transformers };

// What a model is for: the headings `archdesc list` groups the built-ins under, in this order.
enum class domain {
  image_classification,
  object_detection,
  semantic_segmentation,
  video_classification,
  optical_flow,
  language_models
};

inline constexpr domain domains[] = {domain::image_classification,  domain::object_detection,
                                     domain::semantic_segmentation, domain::video_classification,
                                     domain::optical_flow,          domain::language_models};

// "image classification", "object detection" ...
std::string_view domain_name(domain d);

// A model of a family with its knobs: a built-in's, changed by --set. Its class is the built-in's.
class configured_model {
 public:
  virtual ~configured_model() = default;
  // Sets the knob of that dotted name, or throws knob_error (an unknown name, a wrong value).
  virtual void set(std::string_view dotted_name, const knob_value& value) = 0;
  // Every knob: dotted name, type, value, the class default.
  virtual std::vector<knob_row> knobs() const = 0;
  // The knobs as one record (the JSON report's "knobs").
  virtual knob_value knob_record() const = 0;
  // The designated initialisers of the knobs that differ from the class defaults: {.groups = 32}.
  virtual std::string cpp_initializer() const = 0;
  virtual shape default_input() const = 0;
  // A variant's check before any trace, by a counting pass (which costs one copy of each repeat):
  // throws invalid_descriptor with the message a compile error would print, or std::length_error
  // for more tensors than a trace lists (max_traced_tensors), before a table of gigabytes is built.
  virtual void check(const shape& input) const = 0;
  // Throws invalid_descriptor with the message a compile error would print. Builds the tables
  // asked for (trace_tables), every one by default.
  virtual trace_result trace(const shape& input, const trace_tables& tables = {}) const = 0;
  // For memory planning: a transformer family's layers (its geometry_of), nullopt elsewhere.
  virtual std::optional<transformer_geometry> geometry() const = 0;
  virtual std::unique_ptr<configured_model> clone() const = 0;
};

// The most tensors a model's trace lists, twice DeepSeek-V3's 45,337 (2 s): 200,000 took 9 s and
// 0.9 GB, a million 51 s and 5 GB. Knobs that make more are refused (configured_model::check)
// before the trace starts.
inline constexpr std::int64_t max_traced_tensors = 100'000;

struct builtin_model {
  std::string_view name;
  std::string_view family;  // the header's stem and the namespace: resnet
  std::string_view world;   // the header's directory: torchvision or transformers
  std::string_view type;    // the C++ class in the family's namespace: model, for_sequence_classification
  archdesc::tool::reference reference;
  archdesc::tool::domain domain;
  std::int64_t num_classes;  // -1 for models without a classifier head (BertModel, causal LMs, detectors)
  shape input;               // the default input, without the batch dimension
  std::function<std::unique_ptr<configured_model>()> configure;
  // The blocks a device map places whole (transformers' _no_split_modules; empty elsewhere).
  std::span<const std::string_view> no_split_modules;

  trace_result trace_at(const shape& at, const trace_tables& tables = {}) const {
    return configure()->trace(at, tables);
  }
  trace_result trace(const trace_tables& tables = {}) const { return trace_at(input, tables); }
  // architectures/torchvision/resnet.hpp, archdesc::resnet::model
  std::string header() const { return "architectures/" + std::string(world) + "/" + std::string(family) + ".hpp"; }
  std::string qualified_type() const { return "archdesc::" + std::string(family) + "::" + std::string(type); }
};

// Sorted by name.
const std::vector<builtin_model>& builtin_models();

// A Hugging Face class a config.json can name (--hf-config): its model_type and class name, the
// keys of its config that change no parameter (its family's knobs header), and the class with its
// defaults, which the config's keys change (a builtin_model named after the class).
struct hf_class {
  std::string_view model_type;
  std::span<const transformers::config_key> keys_without_parameters;
  builtin_model model;
};

// Every class of the registry's families that a config.json can name, by family, as declared.
const std::vector<hf_class>& hf_classes();

// The builtin of that name, or nullptr.
const builtin_model* find_builtin(std::string_view name);

// Up to `count` builtin names closest to `name` (by edit distance), closest first.
std::vector<std::string_view> closest_builtins(std::string_view name, std::size_t count);

}  // namespace archdesc::tool
