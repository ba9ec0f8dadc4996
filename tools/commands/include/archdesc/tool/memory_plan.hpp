// archdesc/tool/memory_plan.hpp: `archdesc memory`: the weights, inference and training memory of a
// traced model, per device, and how many devices fit it.
//
//   const archdesc::trace_result traced = archdesc::trace(net, {4096});
//   const auto plan = archdesc::tool::plan_memory({"llama-2-7b", traced, archdesc::llama::geometry_of(net.config)},
//                                                 {.dtype = archdesc::precision::bf16, .work = {1, 4096}});
//   std::string md = archdesc::tool::memory_markdown(plan);
//
// The figures are <archdesc/memory.hpp>'s functions; this adds what needs the trace (the buffers,
// the largest block, the peak activation, a convolutional model's activations) and the tables.
#pragma once

#include <archdesc/memory.hpp>
#include <archdesc/trace.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc::tool {

// What is asked. Mistakes in it (a dtype that cannot train, parallelism for a model without a
// transformer geometry) throw std::invalid_argument.
struct memory_request {
  archdesc::precision dtype = archdesc::precision::fp32;
  workload work{};  // sequence: tokens of a language model; 0 for an image model
  archdesc::optimizer optimizer = optimizer::adam;
  std::optional<int> zero_stage{};   // empty: stages 0 to 3 side by side
  std::int64_t devices = 1;          // data-parallel devices
  activation_options activations{};  // tensor and sequence parallelism, recomputation
  std::int64_t device_memory = 0;    // bytes per device; 0: do not count devices
};

// The model: its trace on a batch of one at the request's input, and what its family states.
struct memory_subject {
  std::string_view name;
  const trace_result& traced;
  std::optional<transformer_geometry> geometry{};
  std::span<const std::string_view> no_split_modules{};
};

// The unit a device map places whole, as accelerate's estimate-memory finds it: a module without
// children or of a no-split class, or a tensor of the model itself; the first of the largest. Its
// bytes count its parameters and buffers, as accelerate's compute_module_sizes does.
struct block {
  std::string name;
  std::int64_t bytes = 0;
  std::int64_t ties = 1;  // blocks of the same size (the decoder layers)
};

struct weights_row {
  std::vector<archdesc::precision> dtypes;  // those of the same size: bf16 and fp16, fp8 and int8
  std::int64_t parameters = 0;              // bytes of the parameters in these dtypes
  std::int64_t bytes = 0;                   // and of every buffer, in its declared dtype
  block largest;
};

// Every buffer in its declared dtype (an int64 index stays int64 when the weights are bf16). Both
// kinds occupy the device at run time; only persistent ones are in the state_dict and checkpoints.
struct buffer_bytes {
  std::int64_t persistent = 0;
  std::int64_t non_persistent = 0;

  std::int64_t total() const { return persistent + non_persistent; }
};

struct inference_plan {
  std::int64_t weights = 0;    // parameters in the request's dtype and the buffers
  std::string kv_cache_holds;  // what the cache holds, or why there is none
  std::int64_t kv_cache = 0;
  std::int64_t peak_activation = 0;
  std::int64_t total = 0;
  std::int64_t fewest_devices = 0;  // with device_memory: 0 when no count fits
};

struct training_row {
  int zero_stage = 0;
  std::int64_t model_states = 0;    // per device
  std::int64_t activations = 0;     // per device
  std::int64_t total = 0;           // model states, activations and the buffers
  std::int64_t fewest_devices = 0;  // with device_memory: data-parallel devices, 0 when no count fits
};

struct training_plan {
  model_state_bytes per_parameter;
  bool transformer_activations = false;  // Korthikanti et al.'s formula, or the trace's outputs
  std::int64_t buffers = 0;              // on every device, besides ZeRO's model states
  std::vector<training_row> strategies;
};

struct memory_plan {
  std::string name;
  memory_request request;
  shape input;                                // batch dimension first
  std::vector<std::string> no_split_modules;  // the subject's
  buffer_bytes buffers;
  std::vector<weights_row> weights;
  inference_plan inference;
  std::optional<training_plan> training;  // empty for int8 and int4
};

memory_plan plan_memory(const memory_subject& subject, const memory_request& request);

// Markdown with binary units ("87.0 GiB"); JSON with exact bytes.
std::string memory_markdown(const memory_plan& plan);
std::string memory_json(const memory_plan& plan);

}  // namespace archdesc::tool
