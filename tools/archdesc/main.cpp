// archdesc: prints what the descriptors compute. `archdesc --help` lists the commands.
// Exit status: 0 done, 1 a failure (a file that cannot be read or written, a checkpoint that does
// not match), 2 a usage mistake (unknown command, flag, option value, architecture or knob, or a
// knob value the descriptor refuses).
#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/safetensors.hpp>
#include <builtin_models.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using archdesc::tool::builtin_model;

constexpr int failure = 1;
constexpr int usage_error = 2;

// A usage mistake found after parsing: the message goes to stderr and the exit status is 2.
struct usage_mistake : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const builtin_model& find_model(const std::string& name) {
  if (const auto* model = archdesc::tool::find_builtin(name)) return *model;
  throw usage_mistake(fmt::format("unknown architecture '{}'; the closest known: {}", name,
                                  fmt::join(archdesc::tool::closest_builtins(name, 3), ", ")));
}

// "3x256x256" -> {3, 256, 256}
archdesc::shape parse_input(const std::string& text) {
  archdesc::shape input;
  std::string_view rest = text;
  while (true) {
    const std::size_t cut = rest.find('x');
    const std::string_view part = rest.substr(0, cut);
    std::int64_t size = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), size);
    if (error != std::errc{} || end != part.data() + part.size() || size <= 0 ||
        input.rank == archdesc::shape::max_rank - 1)
      throw usage_mistake(fmt::format("--input '{}' is not a shape such as 3x224x224 (positive sizes, at most {})",
                                      text, archdesc::shape::max_rank - 1));
    input.push_back(size);
    if (cut == std::string_view::npos) return input;
    rest.remove_prefix(cut + 1);
  }
}

// A model as the command line names it: a built-in, the knobs --set changes, a title.
struct model_request {
  std::string name;
  std::vector<std::string> sets;  // KNOB=VALUE, in order
  std::string title;              // empty: the built-in's name
  std::string hf_config;          // a Hugging Face config.json instead of NAME
  std::string hf_class;           // --class: instead of the config's architectures[0]
  bool verbose = false;           // -v: list the config keys that change no parameter
};

// The model a request names: the built-in's knobs with the changes, checked by the descriptor's own
// code (the checks a compile error would report).
struct resolved_model {
  const builtin_model* base = nullptr;
  std::unique_ptr<archdesc::tool::configured_model> net;
  std::string title;

  archdesc::trace_result trace(const std::string& input) const {
    return net->trace(input.empty() ? net->default_input() : parse_input(input));
  }
};

// The Hugging Face classes archdesc describes, by config.json's model_type and class name, with the
// built-in of that class whose knobs a config sets (from the class defaults).
struct hf_class {
  std::string_view model_type;
  std::string_view class_name;
  std::string_view builtin;
};
constexpr hf_class hf_classes[] = {
    {"bert", "BertModel", "bert"},
    {"bert", "BertForSequenceClassification", "bert-base-uncased"},
    {"gpt2", "GPT2Model", "gpt2"},
    {"gpt2", "GPT2ForSequenceClassification", "gpt2_for_sequence_classification"},
    {"llama", "LlamaForCausalLM", "llama-2-7b"},
    {"mistral", "MistralForCausalLM", "mistral-7b-v0.1"},
    {"mixtral", "MixtralForCausalLM", "mixtral-8x7b-v0.1"},
    {"mobilebert", "MobileBertModel", "mobilebert"},
    {"mobilevit", "MobileViTModel", "mobilevit"},
    {"mobilevitv2", "MobileViTV2Model", "mobilevitv2"},
    {"openai-gpt", "OpenAIGPTModel", "gpt"},
    {"t5", "T5Model", "t5-small"},
    {"xlnet", "XLNetForSequenceClassification", "xlnet-base-cased"},
};

// Config keys that change no parameter (dropouts, epsilons, rope settings, token ids, bookkeeping).
bool changes_no_parameter(std::string_view key) {
  constexpr std::string_view exact[] = {"architectures",
                                        "model_type",
                                        "torch_dtype",
                                        "transformers_version",
                                        "use_cache",
                                        "initializer_range",
                                        "initializer_factor",
                                        "hidden_act",
                                        "activation_function",
                                        "pretraining_tp",
                                        "problem_type",
                                        "label2id",
                                        "task_specific_params",
                                        "gradient_checkpointing",
                                        "sliding_window",
                                        "output_router_logits",
                                        "router_aux_loss_coef",
                                        "router_jitter_noise",
                                        "n_ctx",
                                        "position_embedding_type",
                                        "scale_attn_weights",
                                        "reorder_and_upcast_attn",
                                        "scale_attn_by_inverse_layer_idx",
                                        "is_encoder_decoder",
                                        "dense_act_fn",
                                        "is_gated_act",
                                        "attention_window",
                                        "max_window_layers",
                                        "use_sliding_window",
                                        "classifier_dropout",
                                        "summary_type",
                                        "summary_activation",
                                        "summary_first_dropout",
                                        "summary_last_dropout",
                                        "start_n_top",
                                        "end_n_top",
                                        "mem_len",
                                        "reuse_len",
                                        "bi_data",
                                        "clamp_len",
                                        "same_length",
                                        "ff_activation",
                                        "untie_r",
                                        "use_mems_eval",
                                        "use_mems_train",
                                        "afn",
                                        "predict_special_tokens",
                                        "num_experts_per_tok_dropout",
                                        "true_hidden_size",
                                        "output_past",
                                        "layer_norm_type",
                                        "hidden_dropout",
                                        "summary_use_proj",
                                        "summary_proj_to_labels"};
  constexpr std::string_view suffixes[] = {"dropout", "dropout_prob", "_pdrop",     "eps",
                                           "epsilon", "_token_id",    "_token_ids", "_dropout_rate"};
  if (key.starts_with("rope_") || key.starts_with("_")) return true;
  for (const auto& name : exact)
    if (key == name) return true;
  for (const auto& suffix : suffixes)
    if (key.ends_with(suffix)) return true;
  return false;
}

// A config.json value as a knob value: objects are records, null is 0 (the knobs that take None,
// num_key_value_heads, n_inner, hold 0 for it), strings are names with '-' as '_' (gated-gelu).
archdesc::knob_value hf_value(const nlohmann::json& value) {
  if (value.is_boolean()) return archdesc::knob_value::of_boolean(value.get<bool>());
  if (value.is_number_integer()) return archdesc::knob_value::of_integer(value.get<std::int64_t>());
  if (value.is_number_unsigned())
    return archdesc::knob_value::of_integer(
        static_cast<std::int64_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), INT64_MAX)));
  if (value.is_number()) return archdesc::knob_value::of_real(value.get<double>());
  if (value.is_null()) return archdesc::knob_value::of_integer(0);
  if (value.is_string()) {
    std::string name = value.get<std::string>();
    std::replace(name.begin(), name.end(), '-', '_');
    return archdesc::knob_value::of_name(name);
  }
  std::vector<archdesc::knob_value> items;
  if (value.is_array()) {
    for (const auto& item : value) items.push_back(hf_value(item));
    return archdesc::knob_value::of_list(std::move(items));
  }
  archdesc::knob_value record = archdesc::knob_value::of(archdesc::knob_value::kind::record);
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
  std::ifstream in(request.hf_config, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}", request.hf_config));
  const nlohmann::json config = nlohmann::json::parse(in, nullptr, false);
  if (config.is_discarded() || !config.is_object())
    throw usage_mistake(fmt::format("{} is not a JSON object (a Hugging Face config.json)", request.hf_config));
  if (!config.contains("model_type") || !config["model_type"].is_string())
    throw usage_mistake(fmt::format("{} has no \"model_type\" string: which family is it?", request.hf_config));
  const std::string model_type = config["model_type"].get<std::string>();
  std::string class_name = request.hf_class;
  if (class_name.empty() && config.contains("architectures") && config["architectures"].is_array() &&
      !config["architectures"].empty() && config["architectures"][0].is_string())
    class_name = config["architectures"][0].get<std::string>();
  std::vector<std::string_view> known;
  const hf_class* chosen = nullptr;
  for (const auto& entry : hf_classes) {
    if (entry.model_type != model_type) continue;
    known.push_back(entry.class_name);
    if (entry.class_name == class_name || (class_name.empty() && chosen == nullptr)) chosen = &entry;
  }
  if (known.empty()) {
    std::vector<std::string_view> types;
    for (const auto& entry : hf_classes)
      if (types.empty() || types.back() != entry.model_type) types.push_back(entry.model_type);
    throw usage_mistake(fmt::format("{}: model_type \"{}\" is no family archdesc describes ({})", request.hf_config,
                                    model_type, fmt::join(types, ", ")));
  }
  if (chosen == nullptr)
    throw usage_mistake(fmt::format("{}: archdesc does not describe {}; of {}, it describes {} (choose with --class)",
                                    request.hf_config, class_name, model_type, fmt::join(known, ", ")));
  resolved_model model{&find_model(std::string(chosen->builtin)), nullptr,
                       request.title.empty() ? std::string(chosen->class_name) : request.title};
  model.net = model.base->configure();
  model.net->use_class_defaults();
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
          model.net->set("num_classes", key == "num_labels" ? hf_value(value)
                                                            : archdesc::knob_value::of_integer(
                                                                  static_cast<std::int64_t>(value.size())));
        }
      } else if (has_knob("config." + key)) {
        model.net->set("config." + key, hf_value(value));
      } else if (has_knob(key) && key != "input") {
        model.net->set(key, hf_value(value));
      } else if (changes_no_parameter(key)) {
        ignored.push_back(key);
      } else {
        undescribed.push_back(key);
      }
    } catch (const archdesc::knob_error& e) {
      throw usage_mistake(fmt::format("{}: \"{}\": {}", request.hf_config, key, e.what()));
    }
  }
  if (!undescribed.empty())
    throw usage_mistake(fmt::format("{}: archdesc does not describe what these keys change in {}: {}",
                                    request.hf_config, chosen->class_name, fmt::join(undescribed, ", ")));
  if (request.verbose && !ignored.empty())
    fmt::print(stderr, "archdesc: {}: ignored (they change no parameter): {}\n", request.hf_config,
               fmt::join(ignored, ", "));
  return model;
}

// Every command that takes a NAME resolves it here: an unknown name or knob, a value of the wrong
// type and a variant the descriptor refuses are usage mistakes, with the descriptor's own message.
resolved_model resolve_model(const model_request& request) {
  if (request.name.empty() == request.hf_config.empty())
    throw usage_mistake("give a built-in NAME or --hf-config FILE (one of the two)");
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
      const auto [knob, value] = archdesc::parse_knob_assignment(assignment);
      model.net->set(knob, value);
    }
  } catch (const archdesc::knob_error& e) {
    throw usage_mistake(fmt::format("--set: {}", e.what()));
  }
  try {
    model.net->trace(model.net->default_input());
  } catch (const std::logic_error& e) {  // invalid_descriptor, and a list or shape a pass overfills
    throw usage_mistake(e.what());
  }
  return model;
}

// A name for a side of a diff: the built-in's, with the knobs --set changed.
std::string label(const model_request& request) {
  if (request.sets.empty() || !request.title.empty()) return request.title.empty() ? request.name : request.title;
  return fmt::format("{} ({})", request.name, fmt::join(request.sets, ", "));
}

nlohmann::ordered_json knob_json(const archdesc::knob_value& value) {
  using kind = archdesc::knob_value::kind;
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
  const auto find = [](const std::vector<archdesc::knob_row>& rows, const std::string& name) {
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

void print(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0) throw archdesc::tool::output_error("cannot write to standard output");
}

std::vector<archdesc::tool::pie_slice> slices_by_form(const archdesc::trace_result& traced) {
  std::vector<archdesc::tool::pie_slice> slices;
  for (archdesc::form f : archdesc::report_columns(traced.forms))
    slices.push_back({archdesc::form_name(f), traced.forms.parameters[static_cast<std::size_t>(f.rank)]});
  return slices;
}

struct report_options {
  model_request model;
  std::string format = "md";
  std::string output;
  std::string chart;
  std::string input;
  bool with_cost = false;
  bool all = false;
  bool charts = false;
};

// The report in the chosen format; the Markdown's image links to chart_link when given. JSON says what
// it describes: the built-in it started from and every knob's value.
std::string render_report(const report_options& options, std::string_view name, const builtin_model& base,
                          const archdesc::tool::configured_model& net, const archdesc::trace_result& traced,
                          const std::string& chart_link) {
  if (options.format == "json")
    return archdesc::tool::json_report(name, traced, {{"base", base.name}, {"knobs", knob_json(net.knob_record())}});
  if (options.format == "csv") return archdesc::tool::csv_report(traced);
  std::string md = archdesc::markdown_report(name, traced, chart_link);
  if (options.with_cost) md += archdesc::tool::markdown_cost_section(traced);
  return md;
}

int report_one(const report_options& options) {
  const resolved_model model = resolve_model(options.model);
  const archdesc::trace_result traced = model.trace(options.input);
  std::string chart_link;
  if (!options.chart.empty()) {
    archdesc::tool::write_pie_chart(options.chart, fmt::format("{}: parameters by form", model.title),
                                    slices_by_form(traced));
    const fs::path base = options.output.empty() ? fs::current_path() : fs::absolute(options.output).parent_path();
    chart_link = fs::relative(fs::absolute(options.chart), base).generic_string();
  }
  const std::string report = render_report(options, model.title, *model.base, *model.net, traced, chart_link);
  if (options.output.empty()) {
    print(report);
  } else {
    archdesc::tool::write_text_atomically(options.output, report);
  }
  return 0;
}

int report_all(const report_options& options) {
  const fs::path directory = options.output;
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw archdesc::tool::output_error(fmt::format("cannot create {}: {}", directory, error.message()));
  const bool progress = ::isatty(STDERR_FILENO) == 1;
  const auto& models = archdesc::tool::builtin_models();
  std::size_t done = 0;
  for (const auto& model : models) {
    if (progress) fmt::print(stderr, "\r\033[K[{}/{}] {}", ++done, models.size(), model.name);
    const archdesc::trace_result traced = model.trace();
    std::string chart_link;
    if (options.charts) {
      chart_link = fmt::format("{}_pie_chart.png", model.name);
      archdesc::tool::write_pie_chart(directory / chart_link, fmt::format("{}: parameters by form", model.name),
                                      slices_by_form(traced));
    }
    archdesc::tool::write_text_atomically(
        directory / fmt::format("{}.{}", model.name, options.format),
        render_report(options, model.name, model, *model.configure(), traced, chart_link));
  }
  if (progress) fmt::print(stderr, "\r\033[Kwrote {} reports to {}\n", models.size(), directory);
  return 0;
}

int verify_checkpoint(const std::string& checkpoint, const model_request& request) {
  const resolved_model model = resolve_model(request);
  const auto comparison =
      archdesc::tool::compare_checkpoint(archdesc::tool::read_safetensors_header(checkpoint), model.trace(""));
  std::string out;
  const auto section = [&](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += fmt::format("{} ({}):\n", title, lines.size());
    for (const auto& line : lines) out += fmt::format("  {}\n", line);
  };
  section("missing", comparison.missing);
  section("unexpected", comparison.unexpected);
  section("mis-shaped", comparison.misshaped);
  out += comparison.matches() ? fmt::format("{} matches {}\n", checkpoint, model.title)
                              : fmt::format("{} does not match {}\n", checkpoint, model.title);
  print(out);
  return comparison.matches() ? 0 : failure;
}

// 25028904 -> 25'028'904
std::string grouped_digits(std::int64_t count) {
  std::string digits = std::to_string(count), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '\'';
    out += digits[i];
  }
  return out;
}

// `archdesc descriptor`: a C++ file that pins the model in a user's build: the descriptor as the
// designated initialisers of the knobs that differ from the class defaults, and its counts asserted.
std::string descriptor_source(const resolved_model& model, const model_request& request) {
  const archdesc::trace_result traced = model.trace("");
  std::string command = request.hf_config.empty()
                            ? fmt::format("archdesc descriptor {}", request.name)
                            : fmt::format("archdesc descriptor --hf-config {}", request.hf_config);
  for (const auto& assignment : request.sets) command += fmt::format(" --set '{}'", assignment);
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

// --set, --title and --hf-config, on every command that takes one NAME; returns --set.
CLI::Option* add_model_options(CLI::App& command, model_request& request) {
  command.add_option("--title", request.title, "The report's title (default: NAME)");
  command.add_option("--hf-config", request.hf_config,
                     "A Hugging Face config.json instead of NAME: family from model_type, class from architectures[0]");
  command.add_option("--class", request.hf_class, "With --hf-config: the Hugging Face class (BertModel, ...)");
  command.add_flag("-v,--verbose", request.verbose, "With --hf-config: list the keys that change no parameter");
  return command
      .add_option("--set", request.sets,
                  "KNOB=VALUE: change a knob (repeatable): groups=32, width_mult=0.75, block=basic, "
                  "layers=[2,2,2,2], input=3x320x320; `archdesc knobs NAME` lists them")
      ->allow_extra_args(false);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "archdesc: parameter reports, shapes and costs of neural-network architectures, from constexpr descriptors"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(ARCHDESC_VERSION));

  bool long_list = false;
  auto* list = app.add_subcommand("list", "Print the built-in architectures, one a line");
  list->add_flag("--long", long_list, "Add family, tensors and parameters");

  report_options report_args;
  auto* report = app.add_subcommand("report", "Print or write the parameter report of a built-in architecture");
  auto* report_name =
      report->add_option("NAME", report_args.model.name, "A built-in architecture (see `archdesc list`)");
  auto* report_set = add_model_options(*report, report_args.model);
  report->add_option("--format", report_args.format, "md (the reference format), json or csv")
      ->check(CLI::IsMember({"md", "json", "csv"}));
  report->add_option("-o,--output", report_args.output, "Write to this file (with --all: this directory)");
  auto* chart =
      report->add_option("--chart", report_args.chart, "Also draw the pie chart of parameters by form (.png or .svg)");
  report->add_flag("--with-cost", report_args.with_cost, "Markdown: add input, output, MACs and memory");
  report->add_option("--input", report_args.input, "Input shape without the batch, e.g. 3x256x256");
  auto* all = report->add_flag("--all", report_args.all, "Write every built-in report into the --output directory");
  report->add_flag("--charts", report_args.charts, "With --all: also draw every pie chart (PNG)")->needs(all);
  all->excludes(report_name)->excludes(chart)->excludes(report_set);

  model_request shapes_model;
  std::string shapes_input;
  auto* shapes = app.add_subcommand("shapes", "Print every module's output shape, parameters and MACs");
  shapes->add_option("NAME", shapes_model.name, "A built-in architecture");
  add_model_options(*shapes, shapes_model);
  shapes->add_option("--input", shapes_input, "Input shape without the batch, e.g. 3x256x256");

  model_request diff_a, diff_b;
  auto* diff = app.add_subcommand("diff", "What changes from architecture A to B");
  diff->add_option("A", diff_a.name, "A built-in architecture")->required();
  diff->add_option("B", diff_b.name, "A built-in architecture")->required();
  diff->add_option("--set-a", diff_a.sets, "KNOB=VALUE: change a knob of A (repeatable)")->allow_extra_args(false);
  diff->add_option("--set-b", diff_b.sets, "KNOB=VALUE: change a knob of B (repeatable)")->allow_extra_args(false);

  model_request knobs_model;
  std::string knobs_format = "text";
  auto* knobs = app.add_subcommand("knobs", "Print every knob of an architecture: name, type, value, class default");
  knobs->add_option("NAME", knobs_model.name, "A built-in architecture");
  add_model_options(*knobs, knobs_model);
  knobs->add_option("--format", knobs_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  model_request descriptor_model;
  auto* descriptor =
      app.add_subcommand("descriptor", "Print the architecture as a C++ file: its knobs and its counts asserted");
  descriptor->add_option("NAME", descriptor_model.name, "A built-in architecture");
  add_model_options(*descriptor, descriptor_model);

  std::string checkpoint;
  model_request verify_model;
  auto* verify =
      app.add_subcommand("verify", "Check a .safetensors checkpoint's tensor names and shapes against an architecture");
  verify->add_option("CHECKPOINT", checkpoint, "A .safetensors file (only its header is read)")->required();
  verify->add_option("NAME", verify_model.name, "A built-in architecture");
  add_model_options(*verify, verify_model);

  try {
    app.parse(argc, argv);
    if (*report && !report_args.all && report_args.model.name.empty() && report_args.model.hf_config.empty())
      throw CLI::RequiredError("NAME (or --all, or --hf-config)");
    if (*report && report_args.all && report_args.output.empty())
      throw CLI::RequiredError("--output DIRECTORY (with --all)");
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const CLI::App* command = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    fmt::print(stderr, "archdesc: {}\n\n{}", e.what(), command->help());
    return usage_error;
  }

  try {
    if (*list) {
      std::string out;
      for (const auto& model : archdesc::tool::builtin_models()) {
        if (!long_list) {
          out += fmt::format("{}\n", model.name);
          continue;
        }
        const auto traced = model.trace();
        out +=
            fmt::format("{:<22} {:<20} {:>6} tensors {:>16} parameters ({})\n", model.name, model.family,
                        traced.parameters.size(), traced.parameter_total, archdesc::count_text(traced.parameter_total));
      }
      print(out);
      return 0;
    }
    if (*report) return report_args.all ? report_all(report_args) : report_one(report_args);
    if (*shapes) {
      const resolved_model model = resolve_model(shapes_model);
      print(archdesc::tool::shapes_table(model.title, model.trace(shapes_input)));
      return 0;
    }
    if (*diff) {
      const resolved_model a = resolve_model(diff_a);
      const resolved_model b = resolve_model(diff_b);
      print(archdesc::tool::diff_report(label(diff_a), a.trace(""), label(diff_b), b.trace(""), knob_changes(a, b)));
      return 0;
    }
    if (*knobs) {
      print(knobs_listing(resolve_model(knobs_model), knobs_format));
      return 0;
    }
    if (*descriptor) {
      print(descriptor_source(resolve_model(descriptor_model), descriptor_model));
      return 0;
    }
    return verify_checkpoint(checkpoint, verify_model);
  } catch (const usage_mistake& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return usage_error;
  } catch (const std::exception& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return failure;
  }
}
