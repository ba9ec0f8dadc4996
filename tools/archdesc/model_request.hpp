// tools/archdesc/model_request.hpp: the model a command names (a built-in, the knobs --set changes,
// or a Hugging Face config.json) resolved through the knobs' reflection, and what the knob commands
// print of it.
//   const resolved_model model = resolve_model({.name = "resnet50", .sets = {"groups=32"}});
//   write_stdout(knobs_listing(model, "text"));
#pragma once

#include <builtin_models.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace archdesc::tool {

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
  std::unique_ptr<configured_model> net;
  std::string title;

  trace_result trace(const trace_tables& tables = {}) const { return net->trace(net->default_input(), tables); }
  trace_result trace(const shape& input, const trace_tables& tables = {}) const { return net->trace(input, tables); }
  // At `input` when one is given, else at the model's default input.
  trace_result trace(const std::optional<shape>& input, const trace_tables& tables = {}) const {
    return input ? trace(*input, tables) : trace(tables);
  }
};

// The built-in of that name; an unknown one is a usage_error naming the closest.
const builtin_model& find_model(const std::string& name);

// Every command that takes a NAME resolves it here: an unknown name or knob, a value of the wrong
// type and a variant the descriptor refuses are usage errors, with the descriptor's own message.
resolved_model resolve_model(const model_request& request);

// A name for a side of a diff: the built-in's, with the knobs --set changed.
std::string label(const model_request& request);

// A knob record as JSON (the JSON report's "knobs").
nlohmann::ordered_json knob_json(const knob_value& value);

// `archdesc diff`'s first section: each knob whose value differs, or that only one side has.
std::vector<std::string> knob_changes(const resolved_model& a, const resolved_model& b);

// `archdesc knobs`: one knob a line, or --format json.
std::string knobs_listing(const resolved_model& model, const std::string& format);

// `archdesc descriptor`: a C++ file that pins the model in a user's build.
std::string descriptor_source(const resolved_model& model, const model_request& request);

}  // namespace archdesc::tool
