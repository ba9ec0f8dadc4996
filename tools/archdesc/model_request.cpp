#include "model_request.hpp"

#include <archdesc/tool/input_file.hpp>
#include <archdesc/tool/options.hpp>
#include <archdesc/tool/printable.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace archdesc::tool {
namespace {

// Keys of every config.json that change no parameter: PretrainedConfig's own (bookkeeping, generation
// and task settings), and the conventions the families share: dropouts, epsilons, rope settings, token
// ids, activations. Each family's own such keys are beside it (hf_class_of in its knobs header).
bool changes_no_parameter_of_any_family(std::string_view key) {
  constexpr std::string_view exact[] = {"architectures",
                                        "model_type",
                                        "torch_dtype",
                                        "dtype",
                                        "transformers_version",
                                        "use_cache",
                                        "initializer_range",
                                        "initializer_factor",
                                        "hidden_act",
                                        "problem_type",
                                        "label2id",
                                        "task_specific_params",
                                        "gradient_checkpointing",
                                        "is_encoder_decoder",
                                        "auto_map",
                                        "output_attentions",
                                        "output_hidden_states",
                                        "return_dict"};
  constexpr std::string_view suffixes[] = {"dropout", "dropout_prob", "_pdrop",     "eps",
                                           "epsilon", "_token_id",    "_token_ids", "dropout_rate"};
  if (key.starts_with("rope_") || key.starts_with("_")) return true;
  for (const auto& name : exact)
    if (key == name) return true;
  for (const auto& suffix : suffixes)
    if (key.ends_with(suffix)) return true;
  return false;
}

// quantization_config of fp8 block quantization (deepseek-ai/DeepSeek-V3's): the checkpoint stores
// each quantized Linear's weight in fp8 with a weight_scale_inv tensor beside it, while the class
// (DeepseekV3ForCausalLM(config)) has the same parameters at any dtype: archdesc describes those,
// and not the scales. Other methods (GPTQ, AWQ, bitsandbytes) replace the Linear modules: refused.
bool is_fp8_quantization(std::string_view key, const nlohmann::json& value) {
  return key == "quantization_config" && value.is_object() && value.contains("quant_method") &&
         value["quant_method"] == "fp8";
}

// Whether the key changes no parameter of that class at that value.
bool changes_no_parameter(const hf_class& named, std::string_view key, const nlohmann::json& value) {
  if (is_fp8_quantization(key, value)) return true;
  for (const auto& harmless : named.keys_without_parameters)
    if (harmless.name == key) return harmless.only_at.empty() || nlohmann::json::parse(harmless.only_at) == value;
  return changes_no_parameter_of_any_family(key);
}

// A config.json value as a knob value: objects are records, null is 0 (the knobs that take None,
// num_key_value_heads, n_inner, hold 0 for it), strings are names with '-' as '_' (gated-gelu).
knob_value hf_value(const nlohmann::json& value) {
  if (value.is_boolean()) return knob_value::of_boolean(value.get<bool>());
  if (value.is_number_integer()) return knob_value::of_integer(value.get<std::int64_t>());
  if (value.is_number_unsigned())
    return knob_value::of_integer(
        static_cast<std::int64_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), INT64_MAX)));
  if (value.is_number()) return knob_value::of_real(value.get<double>());
  if (value.is_null()) return knob_value::of_integer(0);
  if (value.is_string()) {
    std::string name = value.get<std::string>();
    std::replace(name.begin(), name.end(), '-', '_');
    return knob_value::of_name(name);
  }
  std::vector<knob_value> items;
  if (value.is_array()) {
    for (const auto& item : value) items.push_back(hf_value(item));
    return knob_value::of_list(std::move(items));
  }
  knob_value record = knob_value::of(knob_value::kind::record);
  for (const auto& [key, item] : value.items()) {
    record.field_names.push_back(key);
    record.items.push_back(hf_value(item));
  }
  return record;
}

// --hf-config: the family from model_type, the class from architectures[0] (or --class), the knobs
// from the keys of the same names (config.hidden_size, or a model's own knob such as
// num_local_experts), num_labels or id2label as num_classes. A key that is no knob and may change
// parameters is a mistake: archdesc would describe another model than the config's.
resolved_model resolve_hf_config(const model_request& request) {
  const input_file file(request.hf_config);             // a regular file, or an error at once
  constexpr std::uint64_t max_config_bytes = 16 << 20;  // configs are a few kB; this is not one
  if (file.size() > max_config_bytes)
    throw usage_error(fmt::format("{}: {} bytes, too large for a config.json", request.hf_config, file.size()));
  const nlohmann::json config =
      nlohmann::json::parse(file.read(0, static_cast<std::size_t>(file.size())), nullptr, false);
  if (config.is_discarded() || !config.is_object())
    throw usage_error(fmt::format("{} is not a JSON object (a Hugging Face config.json)", request.hf_config));
  if (!config.contains("model_type") || !config["model_type"].is_string())
    throw usage_error(fmt::format("{} has no \"model_type\" string: which family is it?", request.hf_config));
  const std::string model_type = config["model_type"].get<std::string>();
  std::string class_name = request.hf_class;
  if (class_name.empty() && config.contains("architectures") && config["architectures"].is_array() &&
      !config["architectures"].empty() && config["architectures"][0].is_string())
    class_name = config["architectures"][0].get<std::string>();
  std::vector<std::string_view> known;
  const hf_class* chosen = nullptr;
  for (const auto& entry : hf_classes()) {
    if (entry.model_type != model_type) continue;
    known.push_back(entry.model.name);
    if (entry.model.name == class_name || (class_name.empty() && chosen == nullptr)) chosen = &entry;
  }
  if (known.empty()) {
    std::vector<std::string_view> types;
    for (const auto& entry : hf_classes())
      if (std::find(types.begin(), types.end(), entry.model_type) == types.end()) types.push_back(entry.model_type);
    throw usage_error(fmt::format("{}: model_type \"{}\" is no family archdesc describes ({})", request.hf_config,
                                  model_type, fmt::join(types, ", ")));
  }
  if (chosen == nullptr)
    throw usage_error(fmt::format("{}: archdesc does not describe {}; of {}, it describes {} (choose with --class)",
                                  request.hf_config, class_name, model_type, fmt::join(known, ", ")));
  resolved_model model{&chosen->model, chosen->model.configure(),
                       request.title.empty() ? std::string(chosen->model.name) : request.title};
  std::vector<std::string> names;
  for (const auto& row : model.net->knobs()) names.push_back(row.name);
  const auto has_knob = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  std::vector<std::string> ignored, undescribed;
  for (const auto& [key, value] : config.items()) {
    try {
      if (key == "num_labels" || key == "id2label") {
        if (!has_knob("num_classes")) {
          ignored.push_back(key);
        } else if (key == "num_labels" || !config.contains("num_labels")) {
          model.net->set("num_classes", key == "num_labels"
                                            ? hf_value(value)
                                            : knob_value::of_integer(static_cast<std::int64_t>(value.size())));
        }
      } else if (has_knob("config." + key)) {
        model.net->set("config." + key, hf_value(value));
      } else if (has_knob(key) && key != "input") {
        model.net->set(key, hf_value(value));
      } else if (changes_no_parameter(*chosen, key, value)) {
        ignored.push_back(key);
      } else {
        undescribed.push_back(key);
      }
    } catch (const knob_error& e) {
      throw usage_error(fmt::format("{}: \"{}\": {}", request.hf_config, key, e.what()));
    }
  }
  if (!undescribed.empty())
    throw usage_error(fmt::format("{}: archdesc does not describe what these keys change in {}: {}", request.hf_config,
                                  chosen->model.name, fmt::join(undescribed, ", ")));
  if (request.verbose && !ignored.empty())
    fmt::print(stderr, "archdesc: {}\n",
               printable(fmt::format("{}: ignored (they change no parameter): {}", request.hf_config,
                                     fmt::join(ignored, ", "))));
  if (request.verbose && config.contains("quantization_config") &&
      is_fp8_quantization("quantization_config", config["quantization_config"]))
    fmt::print(stderr, "archdesc: {}\n",
               printable(fmt::format("{}: quantization_config (fp8): the class's parameters are described, not the "
                                     "checkpoint's weight_scale_inv tensors beside each fp8 Linear weight",
                                     request.hf_config)));
  return model;
}

// 25028904 -> 25'028'904
// One word of a shell command, as a user would type it: bare when it is plain, else quoted; control
// characters (a file name may hold a newline) as $'...' escapes, so that the printed command stays
// one line of the C++ comment it is written in.
std::string shell_word(std::string_view word) {
  const auto plain = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_./-=,:+").find(c) != std::string_view::npos;
  };
  const auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
  if (!word.empty() && std::all_of(word.begin(), word.end(), plain)) return std::string(word);
  if (std::none_of(word.begin(), word.end(), control)) {
    std::string quoted = "'";
    for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  }
  std::string quoted = "$'";
  for (const char c : word) {
    if (control(c)) {
      quoted += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      if (c == '\'' || c == '\\') quoted += '\\';
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string grouped_digits(std::int64_t count) {
  std::string digits = std::to_string(count), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '\'';
    out += digits[i];
  }
  return out;
}

}  // namespace

const builtin_model& find_model(const std::string& name) {
  if (const auto* model = find_builtin(name)) return *model;
  throw usage_error(fmt::format("unknown architecture '{}'; the closest known: {}", name,
                                fmt::join(closest_builtins(name, 3), ", ")));
}

// Every command that takes a NAME resolves it here: an unknown name or knob, a value of the wrong
// type and a variant the descriptor refuses are usage mistakes, with the descriptor's own message.
resolved_model resolve_model(const model_request& request) {
  if (request.name.empty() == request.hf_config.empty())
    throw usage_error("give a built-in NAME or --hf-config FILE (one of the two)");
  resolved_model model;
  if (!request.hf_config.empty()) {
    model = resolve_hf_config(request);
  } else {
    model = {&find_model(request.name), nullptr, request.title.empty() ? request.name : request.title};
    model.net = model.base->configure();
  }
  if (request.sets.empty() && request.hf_config.empty()) return model;
  try {
    for (const auto& assignment : request.sets) {
      const auto [knob, value] = parse_knob_assignment(assignment);
      model.net->set(knob, value);
    }
  } catch (const knob_error& e) {
    throw usage_error(fmt::format("--set: {}", e.what()));
  }
  try {
    model.net->check(model.net->default_input());
  } catch (const std::logic_error& e) {  // invalid_descriptor, and a list or shape a pass overfills
    throw usage_error(e.what());
  } catch (const std::overflow_error& e) {  // a size beyond int, a count beyond 64 bits
    throw usage_error(fmt::format("{}: the knobs make a model too large to describe", e.what()));
  }
  return model;
}

// A name for a side of a diff: the built-in's, with the knobs --set changed.
std::string label(const model_request& request) {
  if (request.sets.empty() || !request.title.empty()) return request.title.empty() ? request.name : request.title;
  return fmt::format("{} ({})", request.name, fmt::join(request.sets, ", "));
}

nlohmann::ordered_json knob_json(const knob_value& value) {
  using kind = knob_value::kind;
  switch (value.type) {
    case kind::integer:
      return value.integer;
    case kind::real:
      return value.real;
    case kind::boolean:
      return value.boolean;
    case kind::name:
      return value.name;
    case kind::list: {
      nlohmann::ordered_json items = nlohmann::ordered_json::array();
      for (const auto& item : value.items) items.push_back(knob_json(item));
      return items;
    }
    case kind::record: {
      nlohmann::ordered_json fields = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < value.items.size(); ++i) fields[value.field_names[i]] = knob_json(value.items[i]);
      return fields;
    }
  }
  return nullptr;
}

// `archdesc diff`'s first section: each knob whose value differs, or that only one side has.
std::vector<std::string> knob_changes(const resolved_model& a, const resolved_model& b) {
  const auto a_rows = a.net->knobs(), b_rows = b.net->knobs();
  const auto find = [](const std::vector<knob_row>& rows, const std::string& name) {
    return std::find_if(rows.begin(), rows.end(), [&](const auto& row) { return row.name == name; });
  };
  std::vector<std::string> lines;
  for (const auto& row : a_rows) {
    const auto other = find(b_rows, row.name);
    if (other == b_rows.end()) {
      lines.push_back(fmt::format("- {} {}", row.name, row.value));
    } else if (other->value != row.value) {
      lines.push_back(fmt::format("~ {} {} -> {}", row.name, row.value, other->value));
    }
  }
  for (const auto& row : b_rows)
    if (find(a_rows, row.name) == a_rows.end()) lines.push_back(fmt::format("+ {} {}", row.name, row.value));
  return lines;
}

// `archdesc knobs`: one knob a line, name, type and value aligned, and the class default where it differs.
std::string knobs_listing(const resolved_model& model, const std::string& format) {
  const auto rows = model.net->knobs();
  if (format == "json") {
    nlohmann::ordered_json out = {
        {"name", model.title}, {"base", model.base->name}, {"class", model.base->qualified_type()}};
    out["knobs"] = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      nlohmann::ordered_json entry = {{"name", row.name}, {"type", row.type}, {"value", row.value}};
      if (row.value != row.class_default) entry["class_default"] = row.class_default;
      out["knobs"].push_back(entry);
    }
    out["values"] = knob_json(model.net->knob_record());
    return out.dump(2) + "\n";
  }
  std::size_t name_width = 0, type_width = 0, value_width = 0;
  for (const auto& row : rows) {
    name_width = std::max(name_width, row.name.size());
    type_width = std::max(type_width, row.type.size());
    value_width = std::max(value_width, row.value.size());
  }
  std::string out = fmt::format("{}: {}\n", model.title, model.base->qualified_type());
  for (const auto& row : rows) {
    std::string line =
        fmt::format("  {:<{}}  {:<{}}  {:<{}}", row.name, name_width, row.type, type_width, row.value, value_width);
    if (row.value != row.class_default) line += fmt::format("  (class default {})", row.class_default);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

// `archdesc descriptor`: a C++ file that pins the model in a user's build: the descriptor as the
// designated initialisers of the knobs that differ from the class defaults, and its counts asserted.
std::string descriptor_source(const resolved_model& model, const model_request& request) {
  const trace_result traced = model.trace(trace_tables::parameters_only());
  std::string command = request.hf_config.empty() ? "archdesc descriptor " + shell_word(request.name)
                                                  : "archdesc descriptor --hf-config " + shell_word(request.hf_config);
  if (!request.hf_class.empty()) command += " --class " + shell_word(request.hf_class);
  for (const auto& assignment : request.sets) command += " --set " + shell_word(assignment);
  return fmt::format(
      "// {}: written by `{}`.\n"
      "#include <archdesc/archdesc.hpp>\n"
      "#include <{}>\n"
      "\n"
      "constexpr {} net{};\n"
      "static_assert(archdesc::tensor_count<net> == {});\n"
      "static_assert(archdesc::parameter_count<net> == {});\n",
      model.title, command, model.base->header(), model.base->qualified_type(), model.net->cpp_initializer(),
      traced.parameters.size(), grouped_digits(traced.parameter_total));
}

}  // namespace archdesc::tool
