#include <archdesc/tool/memory_plan.hpp>

#include <archdesc/report.hpp>
#include <archdesc/tool/module_tree.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/units.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace archdesc::tool {
namespace {

struct sized_tensor {
  std::string_view name;
  std::int64_t bytes = 0;
  bool buffer = false;
};

// The model's tensors: every parameter at a dtype, every buffer at its declared one.
std::vector<sized_tensor> tensors_at(const trace_result& traced, precision d) {
  std::vector<sized_tensor> tensors;
  tensors.reserve(traced.parameters.size() + traced.buffers.size());
  for (const parameter_info& p : traced.parameters) tensors.push_back({p.name, bytes_of(p.dims.elements(), d)});
  for (const tensor_info& b : traced.buffers)
    tensors.push_back({b.name, checked_mul(b.dims.elements(), dtype_size(b.type)), true});
  return tensors;
}

std::int64_t total_bytes(const std::vector<sized_tensor>& tensors, bool buffers) {
  std::int64_t total = 0;
  for (const sized_tensor& t : tensors)
    if (buffers || !t.buffer) total = checked_add(total, t.bytes);
  return total;
}

buffer_bytes buffers_of(const trace_result& traced) {
  buffer_bytes sum;
  for (const tensor_info& b : traced.buffers) {
    std::int64_t& kind = b.kind == state_kind::persistent_buffer ? sum.persistent : sum.non_persistent;
    kind = checked_add(kind, checked_mul(b.dims.elements(), dtype_size(b.type)));
  }
  return sum;
}

std::string_view parent_of(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}

// accelerate's get_max_layer_size on the module tree, started as calculate_maximum_sizes starts
// it: the model's own parameters, its children, its own buffers; a module is split into its
// children unless it has none or is of a no-split class. (A split module's own tensors are then
// counted nowhere, as there.)
block largest_block(const module_tree& tree, const std::vector<sized_tensor>& tensors,
                    std::span<const std::string_view> no_split) {
  const std::vector<module_node>& nodes = tree.nodes;
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t n = 0; n < nodes.size(); ++n) index.emplace(nodes[n].name, n);
  // Each tensor's bytes on its owner (the nearest module of the tree: a buffer may belong to a
  // module never called), then every subtree's sum: children come after their parent.
  std::vector<std::int64_t> sizes(nodes.size(), 0);
  for (const sized_tensor& t : tensors) {
    std::string_view owner = parent_of(t.name);
    while (!index.contains(owner)) owner = parent_of(owner);
    std::int64_t& size = sizes[index.at(owner)];
    size = checked_add(size, t.bytes);
  }
  for (std::size_t n = nodes.size() - 1; n > 0; --n)
    sizes[nodes[n].parent] = checked_add(sizes[nodes[n].parent], sizes[n]);

  block best{"", -1, 0};
  const auto consider = [&](std::string_view name, std::int64_t bytes) {
    if (bytes > best.bytes) {
      best = {std::string(name), bytes, 1};
    } else if (bytes == best.bytes) {
      ++best.ties;
    }
  };
  const auto consider_own = [&](bool buffers) {
    for (const sized_tensor& t : tensors)
      if (t.buffer == buffers && parent_of(t.name).empty()) consider(t.name, t.bytes);
  };
  consider_own(false);
  std::vector<std::size_t> pending(nodes[0].children.rbegin(), nodes[0].children.rend());
  while (!pending.empty()) {
    const module_node& n = nodes[pending.back()];
    const std::int64_t size = sizes[pending.back()];
    pending.pop_back();
    if (n.children.empty() || std::find(no_split.begin(), no_split.end(), n.type) != no_split.end()) {
      consider(n.name, size);
    } else {
      pending.insert(pending.end(), n.children.rbegin(), n.children.rend());
    }
  }
  consider_own(true);
  if (best.bytes < 0) best = {"", 0, 1};  // a model without modules or tensors
  return best;
}

// The largest input and output alive at once in a forward pass of a batch of one, in values: the
// outputs of two consecutive leaf calls (a call's input is the output before it); for a transformer
// also one attention's hidden states, scores and softmax (eager attention, which no call shows).
std::int64_t peak_forward_values(const trace_result& traced, const std::optional<transformer_geometry>& geometry,
                                 std::int64_t sequence) {
  std::int64_t peak = 0, previous = 0;
  for (std::size_t i = 0; i < traced.modules.size(); ++i) {
    if (!is_leaf_call(traced, i)) continue;
    const std::int64_t output = traced.modules[i].output.elements();
    peak = std::max(peak, checked_add(previous, output));
    previous = output;
  }
  if (geometry) {
    const std::int64_t scores = checked_mul(geometry->attention_heads, checked_mul(sequence, sequence));
    peak = std::max(peak, checked_add(checked_mul(sequence, geometry->hidden_size), checked_mul(2, scores)));
  }
  return peak;
}

// Every leaf call's output, which the backward pass of a model without a transformer geometry keeps.
std::int64_t kept_output_values(const trace_result& traced) {
  std::int64_t kept = 0;
  for (std::size_t i = 0; i < traced.modules.size(); ++i)
    if (is_leaf_call(traced, i)) kept = checked_add(kept, traced.modules[i].output.elements());
  return kept;
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

std::vector<weights_row> weights_rows(const memory_subject& subject, const module_tree& tree) {
  const std::vector<std::vector<precision>> groups{
      {precision::fp32}, {precision::bf16, precision::fp16}, {precision::fp8, precision::int8}, {precision::int4}};
  std::vector<weights_row> rows;
  for (const auto& group : groups) {
    const std::vector<sized_tensor> tensors = tensors_at(subject.traced, group.front());
    rows.push_back({group, total_bytes(tensors, false), total_bytes(tensors, true),
                    largest_block(tree, tensors, subject.no_split_modules)});
  }
  return rows;
}

// What the key-value cache holds, or why a model has none.
std::string kv_cache_holds(const memory_subject& subject, const workload& work) {
  if (subject.geometry) return std::string(subject.geometry->cache);
  if (work.sequence == 0) return "none: an image model keeps nothing from one input to the next";
  return "none: no transformer layers described";
}

void check(const memory_subject& subject, const memory_request& request) {
  if (request.work.batch < 1) throw std::invalid_argument("the batch is at least 1");
  if (request.devices < 1) throw std::invalid_argument("--devices is at least 1");
  if (request.activations.tensor_parallel < 1) throw std::invalid_argument("--tensor-parallel is at least 1");
  if (request.zero_stage && (*request.zero_stage < 0 || *request.zero_stage > 3))
    throw std::invalid_argument("ZeRO stages are 0, 1, 2 and 3");
  const bool parallel_activations = request.activations.tensor_parallel != 1 || request.activations.sequence_parallel ||
                                    request.activations.recompute != recompute::none;
  if (parallel_activations && !subject.geometry)
    throw std::invalid_argument(
        fmt::format("--tensor-parallel, --sequence-parallel and --recompute follow Korthikanti et al.'s transformer "
                    "layers; {} has none",
                    subject.name));
}

}  // namespace

memory_plan plan_memory(const memory_subject& subject, const memory_request& request) {
  check(subject, request);
  const trace_result& traced = subject.traced;
  const workload& work = request.work;
  const std::int64_t sequence = work.sequence > 0 ? work.sequence : (subject.geometry ? subject.geometry->context : 0);
  const module_tree tree = build_module_tree(traced);
  memory_plan plan{std::string(subject.name),
                   request,
                   traced.input,
                   std::vector<std::string>(subject.no_split_modules.begin(), subject.no_split_modules.end()),
                   buffers_of(traced),
                   weights_rows(subject, tree),
                   {},
                   {}};
  plan.input[0] = work.batch;

  inference_plan& inference = plan.inference;
  const std::vector<sized_tensor> tensors = tensors_at(traced, request.dtype);
  inference.weights = total_bytes(tensors, true);
  inference.kv_cache_holds = kv_cache_holds(subject, work);
  if (subject.geometry) inference.kv_cache = kv_cache_bytes(*subject.geometry, {work.batch, sequence}, request.dtype);
  inference.peak_activation =
      bytes_of(checked_mul(peak_forward_values(traced, subject.geometry, sequence), work.batch), request.dtype);
  inference.total = checked_add(checked_add(inference.weights, inference.kv_cache), inference.peak_activation);
  if (request.device_memory > 0) {
    // Weights and cache spread evenly, but never less than the largest block on a device; each
    // device also holds the peak activation.
    const std::int64_t spread = checked_add(inference.weights, inference.kv_cache);
    const std::int64_t largest = largest_block(tree, tensors, subject.no_split_modules).bytes;
    inference.fewest_devices = fewest_devices(request.device_memory, std::max<std::int64_t>(spread, 1), [&](auto n) {
      return std::max(ceil_div(spread, n), largest) + inference.peak_activation;
    });
  }

  if (request.dtype == precision::int8 || request.dtype == precision::int4) return plan;
  training_plan& training = plan.training.emplace();
  training.per_parameter = model_state_bytes_per_parameter(request.dtype, request.optimizer);
  training.transformer_activations = subject.geometry.has_value();
  training.buffers = plan.buffers.total();
  const std::int64_t activations =
      subject.geometry ? activation_bytes(*subject.geometry, {work.batch, sequence}, request.dtype, request.activations)
                       : bytes_of(checked_mul(kept_output_values(traced), work.batch), request.dtype);
  const auto states = [&](int stage, std::int64_t devices) {
    return model_states_per_device(traced.parameter_total, request.dtype, request.optimizer,
                                   {stage, devices, request.activations.tensor_parallel});
  };
  const std::int64_t besides_states = checked_add(activations, training.buffers);
  for (int stage = 0; stage <= 3; ++stage) {
    if (request.zero_stage && *request.zero_stage != stage) continue;
    training_row row{stage, states(stage, request.devices), activations, 0, 0};
    row.total = checked_add(row.model_states, besides_states);
    if (request.device_memory > 0)
      row.fewest_devices =
          fewest_devices(request.device_memory, std::max<std::int64_t>(traced.parameter_total, 1),
                         [&](std::int64_t n) { return checked_add(states(stage, n), besides_states); });
    training.strategies.push_back(row);
  }
  return plan;
}

namespace {

std::string dtype_names(const std::vector<precision>& dtypes) {
  std::string names;
  for (precision d : dtypes) names += fmt::format("{}{}", names.empty() ? "" : "/", precision_name(d));
  return names;
}

std::string_view recompute_name(recompute r) {
  constexpr std::string_view names[] = {"none", "selective", "full"};
  return names[static_cast<int>(r)];
}

std::string strategy_name(int stage) { return stage == 0 ? "Data parallel" : fmt::format("ZeRO-{}", stage); }

// A count of devices; with tensor parallelism, data-parallel groups of tensor_parallel devices.
std::string devices_text(std::int64_t count, std::int64_t tensor_parallel = 1) {
  if (count == 0) return "none fits";
  return tensor_parallel == 1 ? grouped(count) : fmt::format("{} × {}", grouped(count), tensor_parallel);
}

std::string workload_text(const memory_plan& plan) {
  const memory_request& r = plan.request;
  if (r.work.sequence > 0) return fmt::format("batch {}, {} tokens", grouped(r.work.batch), grouped(r.work.sequence));
  return fmt::format("input {}", shape_text(plan.input));
}

}  // namespace

std::string memory_markdown(const memory_plan& plan) {
  const memory_request& r = plan.request;
  std::string md = fmt::format("# {} memory\n\n{}, {}\n\n", plan.name, precision_name(r.dtype), workload_text(plan));

  md += "**Weights**\n\n| dtype | Parameters | With buffers | Largest block |\n| --- | --- | --- | --- |\n";
  for (const weights_row& row : plan.weights) {
    const block& b = row.largest;
    const std::string others = b.ties > 1 ? fmt::format(", one of {}", b.ties) : "";
    md += fmt::format("| {} | {} | {} | {} ({}{}) |\n", dtype_names(row.dtypes), bytes_text(row.parameters),
                      bytes_text(row.bytes), bytes_text(b.bytes), b.name, others);
  }
  md += plan.buffers.total() == 0
            ? std::string("\nNo buffers.")
            : fmt::format(
                  "\nBuffers, in their declared dtypes, in every total and block: {} persistent (in the "
                  "state_dict), {} non-persistent (made at load; they occupy the device all the same).",
                  bytes_text(plan.buffers.persistent), bytes_text(plan.buffers.non_persistent));
  md += plan.no_split_modules.empty()
            ? " The largest block is the largest module without children or tensor of the model itself: no "
              "_no_split_modules keeps a layer whole.\n"
            : fmt::format(
                  " The largest block is the largest module a device map places whole: one of {} "
                  "(_no_split_modules), else a module without children.\n",
                  fmt::join(plan.no_split_modules, ", "));

  const inference_plan& in = plan.inference;
  md += fmt::format("\n**Inference** ({}, {})\n\n| | Bytes |\n| --- | --- |\n", precision_name(r.dtype),
                    workload_text(plan));
  md += fmt::format("| Weights and buffers | {} |\n| KV cache | {} |\n| Peak activation | {} |\n| Total | {} |\n",
                    bytes_text(in.weights), bytes_text(in.kv_cache), bytes_text(in.peak_activation),
                    bytes_text(in.total));
  if (r.device_memory > 0)
    md += fmt::format("| Devices of {} | {} |\n", bytes_text(r.device_memory), devices_text(in.fewest_devices));
  md += fmt::format("\nKV cache: {}.\n", in.kv_cache_holds);

  if (!plan.training) {
    md += fmt::format("\n**Training**: not estimated in {}, an inference format (choose fp32, bf16, fp16 or fp8).\n",
                      precision_name(r.dtype));
    return md;
  }
  const training_plan& t = *plan.training;
  const activation_options& a = r.activations;
  md += fmt::format(
      "\n**Training** ({}, {} + {} + {} bytes per parameter; {} data-parallel device{}; activations {})\n\n",
      r.optimizer == optimizer::adam ? "Adam" : "SGD", t.per_parameter.weights, t.per_parameter.gradients,
      t.per_parameter.optimizer_states, grouped(r.devices), r.devices == 1 ? "" : "s",
      t.transformer_activations
          ? fmt::format("per Korthikanti et al. 2022, tensor parallel {}{}, recompute {}", a.tensor_parallel,
                        a.sequence_parallel ? " with sequence parallelism" : "", recompute_name(a.recompute))
          : std::string("kept for the backward pass: every leaf call's output, the model having no transformer "
                        "layers as Korthikanti et al. define them"));
  if (t.buffers > 0)
    md += fmt::format("Each device also holds the buffers, {}, in its total.\n\n", bytes_text(t.buffers));
  md += "| Strategy | Model states | Activations | Total per device |";
  md += r.device_memory > 0
            ? fmt::format(" Devices of {} |\n| --- | --- | --- | --- | --- |\n", bytes_text(r.device_memory))
            : "\n| --- | --- | --- | --- |\n";
  for (const training_row& row : t.strategies) {
    md += fmt::format("| {} | {} | {} | {} |", strategy_name(row.zero_stage), bytes_text(row.model_states),
                      bytes_text(row.activations), bytes_text(row.total));
    md += r.device_memory > 0 ? fmt::format(" {} |\n", devices_text(row.fewest_devices, a.tensor_parallel)) : "\n";
  }
  return md;
}

std::string memory_json(const memory_plan& plan) {
  const memory_request& r = plan.request;
  nlohmann::ordered_json out;
  out["name"] = plan.name;
  out["dtype"] = precision_name(r.dtype);
  out["input_shape"] = std::vector<std::int64_t>(plan.input.begin(), plan.input.end());
  out["batch"] = r.work.batch;
  out["sequence"] = r.work.sequence > 0 ? nlohmann::ordered_json(r.work.sequence) : nlohmann::ordered_json();
  out["device_memory"] = r.device_memory > 0 ? nlohmann::ordered_json(r.device_memory) : nlohmann::ordered_json();
  out["no_split_modules"] = plan.no_split_modules;
  out["buffers"] = {{"persistent", plan.buffers.persistent}, {"non_persistent", plan.buffers.non_persistent}};
  nlohmann::ordered_json weights = nlohmann::ordered_json::array();
  for (const weights_row& row : plan.weights) {
    std::vector<std::string> names;
    for (precision d : row.dtypes) names.emplace_back(precision_name(d));
    weights.push_back(
        {{"dtypes", names},
         {"parameters", row.parameters},
         {"bytes", row.bytes},
         {"largest_block", {{"name", row.largest.name}, {"bytes", row.largest.bytes}, {"ties", row.largest.ties}}}});
  }
  out["weights"] = weights;
  const inference_plan& in = plan.inference;
  out["inference"] = {{"weights", in.weights},
                      {"kv_cache", in.kv_cache},
                      {"kv_cache_holds", in.kv_cache_holds},
                      {"peak_activation", in.peak_activation},
                      {"total", in.total}};
  if (r.device_memory > 0) out["inference"]["fewest_devices"] = in.fewest_devices;
  if (!plan.training) {
    out["training"] = nullptr;
    return out.dump(2) + "\n";
  }
  const training_plan& t = *plan.training;
  nlohmann::ordered_json training;
  training["optimizer"] = r.optimizer == optimizer::adam ? "adam" : "sgd";
  training["bytes_per_parameter"] = {{"weights", t.per_parameter.weights},
                                     {"gradients", t.per_parameter.gradients},
                                     {"optimizer_states", t.per_parameter.optimizer_states}};
  training["devices"] = r.devices;
  training["buffers"] = t.buffers;
  training["activations"] = {{"source", t.transformer_activations ? "korthikanti2022" : "trace"},
                             {"tensor_parallel", r.activations.tensor_parallel},
                             {"sequence_parallel", r.activations.sequence_parallel},
                             {"recompute", recompute_name(r.activations.recompute)}};
  nlohmann::ordered_json strategies = nlohmann::ordered_json::array();
  for (const training_row& row : t.strategies) {
    nlohmann::ordered_json s{{"zero_stage", row.zero_stage},
                             {"model_states", row.model_states},
                             {"activations", row.activations},
                             {"total", row.total}};
    if (r.device_memory > 0) s["fewest_devices"] = row.fewest_devices;
    strategies.push_back(s);
  }
  training["strategies"] = strategies;
  out["training"] = training;
  return out.dump(2) + "\n";
}

}  // namespace archdesc::tool
