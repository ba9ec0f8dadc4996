#include <archdesc/tool/memory_plan.hpp>

#include <archdesc/report.hpp>
#include <archdesc/tool/module_tree.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/units.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace archdesc::tool {
namespace {

struct sized_tensor {
  std::string_view name;
  std::int64_t bytes = 0;
};

// The model's tensors at a dtype: every parameter. (Buffers join this list, in their own dtypes.)
std::vector<sized_tensor> tensors_at(const trace_result& traced, precision d) {
  std::vector<sized_tensor> tensors;
  tensors.reserve(traced.parameters.size());
  for (const parameter_info& p : traced.parameters) tensors.push_back({p.name, bytes_of(p.dims.elements(), d)});
  return tensors;
}

std::int64_t total_bytes(const std::vector<sized_tensor>& tensors) {
  std::int64_t total = 0;
  for (const sized_tensor& t : tensors) total = checked_add(total, t.bytes);
  return total;
}

std::string_view parent_of(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}

// The module tree as accelerate sees it, to find the largest block: every module called, every module owning a
// parameter, and their ancestors, with their children in the order first met.
class block_tree {
 public:
  explicit block_tree(const trace_result& traced) {
    for (const module_info& m : traced.modules) add(m.name, m.type);
    for (const parameter_info& p : traced.parameters)
      if (const std::string_view owner = parent_of(p.name); !owner.empty()) add(owner, {});
  }

  // accelerate's get_max_layer_size, started as calculate_maximum_sizes starts it: the model's own
  // parameters, then its children; a module is split into its children unless it has none or is of
  // a no-split class. (A split module's own parameters are then counted nowhere, as there.)
  block largest(const std::vector<sized_tensor>& tensors, std::span<const std::string_view> no_split) const {
    std::map<std::string, std::int64_t, std::less<>> sizes;
    for (const sized_tensor& t : tensors)
      for (std::string_view module = parent_of(t.name); !module.empty(); module = parent_of(module))
        sizes[std::string(module)] += t.bytes;
    block best{"", -1, 0};
    const auto consider = [&](std::string_view name, std::int64_t bytes) {
      if (bytes > best.bytes) {
        best = {std::string(name), bytes, 1};
      } else if (bytes == best.bytes) {
        ++best.ties;
      }
    };
    for (const sized_tensor& t : tensors)
      if (parent_of(t.name).empty()) consider(t.name, t.bytes);
    std::vector<std::string_view> pending(nodes_.at("").children.rbegin(), nodes_.at("").children.rend());
    while (!pending.empty()) {
      const std::string_view name = pending.back();
      pending.pop_back();
      const node& n = nodes_.find(name)->second;
      if (n.children.empty() || std::find(no_split.begin(), no_split.end(), n.type) != no_split.end()) {
        const auto size = sizes.find(name);
        consider(name, size == sizes.end() ? 0 : size->second);
      } else {
        pending.insert(pending.end(), n.children.rbegin(), n.children.rend());
      }
    }
    if (best.bytes < 0) best = {"", 0, 1};  // a model without modules or parameters
    return best;
  }

 private:
  struct node {
    std::string type;
    std::vector<std::string_view> children;  // keys of nodes_, which stay put
  };

  void add(std::string_view path, std::string_view type) {
    if (const auto found = nodes_.find(path); found != nodes_.end()) {
      if (found->second.type.empty()) found->second.type = type;
      return;
    }
    const std::string_view parent = parent_of(path);
    add(parent, {});
    const auto made = nodes_.emplace(std::string(path), node{std::string(type), {}}).first;
    nodes_.find(parent)->second.children.push_back(made->first);
  }

  std::map<std::string, node, std::less<>> nodes_{{"", node{}}};
};

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

std::vector<weights_row> weights_rows(const memory_subject& subject, const block_tree& tree) {
  const std::vector<std::vector<precision>> groups{
      {precision::fp32}, {precision::bf16, precision::fp16}, {precision::fp8, precision::int8}, {precision::int4}};
  std::vector<weights_row> rows;
  for (const auto& group : groups) {
    const std::vector<sized_tensor> tensors = tensors_at(subject.traced, group.front());
    rows.push_back({group, total_bytes(tensors), tree.largest(tensors, subject.no_split_modules)});
  }
  return rows;
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
  const block_tree tree(traced);
  memory_plan plan{std::string(subject.name), request, traced.input, weights_rows(subject, tree), {}, {}};
  plan.input[0] = work.batch;

  inference_plan& inference = plan.inference;
  const std::vector<sized_tensor> tensors = tensors_at(traced, request.dtype);
  inference.weights = total_bytes(tensors);
  if (subject.geometry) inference.kv_cache = kv_cache_bytes(*subject.geometry, {work.batch, sequence}, request.dtype);
  inference.peak_activation =
      bytes_of(checked_mul(peak_forward_values(traced, subject.geometry, sequence), work.batch), request.dtype);
  inference.total = checked_add(checked_add(inference.weights, inference.kv_cache), inference.peak_activation);
  if (request.device_memory > 0) {
    // Weights and cache spread evenly, but never less than the largest block on a device; each
    // device also holds the peak activation.
    const std::int64_t spread = checked_add(inference.weights, inference.kv_cache);
    const std::int64_t largest = tree.largest(tensors, subject.no_split_modules).bytes;
    inference.fewest_devices = fewest_devices(request.device_memory, std::max<std::int64_t>(spread, 1), [&](auto n) {
      return std::max(ceil_div(spread, n), largest) + inference.peak_activation;
    });
  }

  if (request.dtype == precision::int8 || request.dtype == precision::int4) return plan;
  training_plan& training = plan.training.emplace();
  training.per_parameter = model_state_bytes_per_parameter(request.dtype, request.optimizer);
  training.transformer_activations = subject.geometry.has_value();
  const std::int64_t activations =
      subject.geometry ? activation_bytes(*subject.geometry, {work.batch, sequence}, request.dtype, request.activations)
                       : bytes_of(checked_mul(kept_output_values(traced), work.batch), request.dtype);
  const auto states = [&](int stage, std::int64_t devices) {
    return model_states_per_device(traced.parameter_total, request.dtype, request.optimizer,
                                   {stage, devices, request.activations.tensor_parallel});
  };
  for (int stage = 0; stage <= 3; ++stage) {
    if (request.zero_stage && *request.zero_stage != stage) continue;
    training_row row{stage, states(stage, request.devices), activations, 0, 0};
    row.total = checked_add(row.model_states, activations);
    if (request.device_memory > 0)
      row.fewest_devices = fewest_devices(request.device_memory, std::max<std::int64_t>(traced.parameter_total, 1),
                                          [&](std::int64_t n) { return checked_add(states(stage, n), activations); });
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

  md += "**Weights**\n\n| dtype | Weights | Largest block |\n| --- | --- | --- |\n";
  for (const weights_row& row : plan.weights) {
    const block& b = row.largest;
    const std::string others = b.ties > 1 ? fmt::format(", one of {}", b.ties) : "";
    md += fmt::format("| {} | {} | {} ({}{}) |\n", dtype_names(row.dtypes), bytes_text(row.bytes), bytes_text(b.bytes),
                      b.name, others);
  }

  const inference_plan& in = plan.inference;
  md += fmt::format("\n**Inference** ({}, {})\n\n| | Bytes |\n| --- | --- |\n", precision_name(r.dtype),
                    workload_text(plan));
  md += fmt::format("| Weights | {} |\n| KV cache | {} |\n| Peak activation | {} |\n| Total | {} |\n",
                    bytes_text(in.weights), bytes_text(in.kv_cache), bytes_text(in.peak_activation),
                    bytes_text(in.total));
  if (r.device_memory > 0)
    md += fmt::format("| Devices of {} | {} |\n", bytes_text(r.device_memory), devices_text(in.fewest_devices));

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
          : std::string("kept for the backward pass: every leaf call's output"));
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
  nlohmann::ordered_json weights = nlohmann::ordered_json::array();
  for (const weights_row& row : plan.weights) {
    std::vector<std::string> names;
    for (precision d : row.dtypes) names.emplace_back(precision_name(d));
    weights.push_back(
        {{"dtypes", names},
         {"bytes", row.bytes},
         {"largest_block", {{"name", row.largest.name}, {"bytes", row.largest.bytes}, {"ties", row.largest.ties}}}});
  }
  out["weights"] = weights;
  const inference_plan& in = plan.inference;
  out["inference"] = {
      {"weights", in.weights}, {"kv_cache", in.kv_cache}, {"peak_activation", in.peak_activation}, {"total", in.total}};
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
