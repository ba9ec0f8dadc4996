#include <archdesc/tool/report_formats.hpp>

#include <archdesc/tool/html_report.hpp>
#include <archdesc/tool/module_tree.hpp>

#include <archdesc/report.hpp>
#include <archdesc/tool/units.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

namespace archdesc::tool {
namespace {

nlohmann::ordered_json dims_json(const shape& s) {
  return nlohmann::ordered_json(std::vector<std::int64_t>(s.begin(), s.end()));
}

double percent(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string signed_count(std::int64_t delta) { return (delta >= 0 ? "+" : "") + grouped(delta); }

}  // namespace

memory_estimate estimate_memory(const trace_result& traced) {
  memory_estimate memory;
  memory.parameters_fp32 = checked_mul(traced.parameter_total, 4);
  memory.parameters_16bit = checked_mul(traced.parameter_total, 2);
  memory.parameters_int8 = traced.parameter_total;
  memory.buffers = traced.buffer_bytes;
  for (std::size_t i = 0; i < traced.modules.size(); ++i)
    if (is_leaf_call(traced, i))
      memory.activations_fp32 =
          checked_add(memory.activations_fp32, checked_mul(traced.modules[i].output.elements(), 4));
  return memory;
}

std::string json_report(std::string_view name, const trace_result& traced, const nlohmann::ordered_json& about) {
  const auto tensors = static_cast<std::int64_t>(traced.parameters.size());
  nlohmann::ordered_json report;
  report["name"] = name;
  for (const auto& [key, value] : about.items()) report[key] = value;
  report["tensors"] = tensors;
  report["parameters"] = traced.parameter_total;
  report["parameters_text"] = count_text(traced.parameter_total);
  report["active_parameters"] = traced.active_parameter_total;
  nlohmann::ordered_json forms = nlohmann::ordered_json::array();
  for (form f : report_columns(traced.forms)) {
    const auto rank = static_cast<std::size_t>(f.rank);
    forms.push_back({{"form", form_name(f)},
                     {"rank", f.rank},
                     {"tensors", traced.forms.tensors[rank]},
                     {"tensors_percent", percent(traced.forms.tensors[rank], tensors)},
                     {"parameters", traced.forms.parameters[rank]},
                     {"parameters_percent", percent(traced.forms.parameters[rank], traced.parameter_total)}});
  }
  report["forms"] = forms;
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const parameter_info& p : traced.parameters)
    layers.push_back({{"name", p.name},
                      {"shape", dims_json(p.dims)},
                      {"squeezed_shape", dims_json(p.dims.squeezed())},
                      {"parameters", p.dims.elements()},
                      {"form", form_name(form_of(p.dims))}});
  report["layers"] = layers;
  nlohmann::ordered_json buffers = nlohmann::ordered_json::array();
  for (const tensor_info& b : traced.buffers)
    buffers.push_back({{"name", b.name},
                       {"shape", dims_json(b.dims)},
                       {"dtype", torch_name(b.type)},
                       {"persistent", b.kind == state_kind::persistent_buffer}});
  report["buffers"] = buffers;
  report["state_dict_tensors"] = traced.state_dict.size();
  report["input_shape"] = dims_json(traced.input);
  report["output_shape"] = dims_json(traced.output);
  report["macs"] = traced.mac_total;
  const memory_estimate memory = estimate_memory(traced);
  report["memory"] = {{"parameter_bytes",
                       {{"fp32", memory.parameters_fp32},
                        {"bf16", memory.parameters_16bit},
                        {"fp16", memory.parameters_16bit},
                        {"int8", memory.parameters_int8}}},
                      {"buffer_bytes", memory.buffers},
                      {"activation_bytes_fp32", memory.activations_fp32}};
  nlohmann::ordered_json modules = nlohmann::ordered_json::array();
  for (const module_info& m : traced.modules)
    modules.push_back({{"name", m.name},
                       {"type", m.type},
                       {"output_shape", dims_json(m.output)},
                       {"parameters", m.parameters},
                       {"macs", m.macs}});
  report["modules"] = modules;
  return report.dump(2) + "\n";
}

std::string csv_report(const trace_result& traced) {
  std::string csv = "name,shape,squeezed_shape,parameters,form\n";
  for (const parameter_info& p : traced.parameters)
    csv += fmt::format("{},{},{},{},{}\n", csv_field(p.name), csv_field(shape_text(p.dims)),
                       csv_field(shape_text(p.dims.squeezed())), p.dims.elements(), form_name(form_of(p.dims)));
  return csv;
}

trace_tables report_tables(std::string_view format, bool with_cost) {
  return (format == "md" && !with_cost) || format == "csv" ? trace_tables::parameters_only() : trace_tables{};
}

std::string report_text(std::string_view format, bool with_cost, std::string_view name, const trace_result& traced,
                        const std::string& chart_link, const nlohmann::ordered_json& about) {
  if (format == "json") return json_report(name, traced, about);
  if (format == "csv") return csv_report(traced);
  if (format == "html") return html_report(name, traced);
  if (format != "md") throw std::invalid_argument(fmt::format("no report format {}", format));
  std::string md = markdown_report(name, traced, chart_link);
  if (with_cost) md += markdown_cost_section(traced);
  return md;
}

std::string markdown_cost_section(const trace_result& traced) {
  const memory_estimate memory = estimate_memory(traced);
  std::string md = "**Cost at batch 1**\n\n";
  md +=
      "| Input | Output | MACs | Active parameters | Parameters fp32 | Parameters bf16/fp16 | Parameters int8 | "
      "Buffers | Activations fp32 |\n";
  md += "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  md +=
      fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n\n", shape_text(traced.input),
                  shape_text(traced.output), grouped(traced.mac_total), grouped(traced.active_parameter_total),
                  bytes_text(memory.parameters_fp32), bytes_text(memory.parameters_16bit),
                  bytes_text(memory.parameters_int8), bytes_text(memory.buffers), bytes_text(memory.activations_fp32));
  return md;
}

std::string shapes_table(std::string_view name, const trace_result& traced) {
  std::size_t name_width = 6, type_width = 4, shape_width = 12, parameters_width = 10, macs_width = 4;
  for (const module_info& m : traced.modules) {
    name_width = std::max(name_width, m.name.size());
    type_width = std::max(type_width, m.type.size());
    shape_width = std::max(shape_width, shape_text(m.output).size());
    parameters_width = std::max(parameters_width, grouped(m.parameters).size());
    macs_width = std::max(macs_width, grouped(m.macs).size());
  }
  std::string table = fmt::format("{} at input {}\n\n", name, shape_text(traced.input));
  table += fmt::format("{:<{}}  {:<{}}  {:<{}}  {:>{}}  {:>{}}\n", "Module", name_width, "Type", type_width,
                       "Output shape", shape_width, "Parameters", parameters_width, "MACs", macs_width);
  for (const module_info& m : traced.modules)
    table += fmt::format("{:<{}}  {:<{}}  {:<{}}  {:>{}}  {:>{}}\n", m.name, name_width, m.type, type_width,
                         shape_text(m.output), shape_width, grouped(m.parameters), parameters_width, grouped(m.macs),
                         macs_width);
  if (!traced.data_dependent.empty()) {
    table += "\nNot run, as it depends on the data (its MACs are not counted):\n";
    for (const std::string& said : traced.data_dependent) table += fmt::format("  {}\n", said);
  }
  const memory_estimate memory = estimate_memory(traced);
  table += fmt::format("\nOutput: {}\nParameters: {} ({})", shape_text(traced.output), grouped(traced.parameter_total),
                       count_text(traced.parameter_total));
  // Only a mixture of experts leaves some parameters idle for a token.
  if (traced.active_parameter_total != traced.parameter_total)
    table += fmt::format(", active per token: {} ({})", grouped(traced.active_parameter_total),
                         count_text(traced.active_parameter_total));
  table += fmt::format(
      "\nMACs: {} ({:.2f} G)\nParameter memory: {} fp32, {} bf16/fp16, {} int8\n"
      "Buffer memory: {} ({} buffers, {} in state_dict())\n"
      "Activation memory (forward, batch 1): {} fp32\n",
      grouped(traced.mac_total), static_cast<double>(traced.mac_total) / 1e9, bytes_text(memory.parameters_fp32),
      bytes_text(memory.parameters_16bit), bytes_text(memory.parameters_int8), bytes_text(memory.buffers),
      traced.buffers.size(),
      std::count_if(traced.buffers.begin(), traced.buffers.end(),
                    [](const tensor_info& b) { return b.kind == state_kind::persistent_buffer; }),
      bytes_text(memory.activations_fp32));
  return table;
}

std::string diff_report(std::string_view a_name, const trace_result& a, std::string_view b_name, const trace_result& b,
                        const std::vector<std::string>& knob_changes) {
  std::map<std::string, shape> a_shapes, b_shapes;
  for (const auto& p : a.parameters) a_shapes.emplace(p.name, p.dims);
  for (const auto& p : b.parameters) b_shapes.emplace(p.name, p.dims);
  std::vector<std::string> removed, added, reshaped;
  for (const auto& p : a.parameters) {
    const auto other = b_shapes.find(p.name);
    if (other == b_shapes.end()) {
      removed.push_back(fmt::format("- {} {}", p.name, shape_text(p.dims)));
    } else if (!(other->second == p.dims)) {
      reshaped.push_back(fmt::format("~ {} {} -> {}", p.name, shape_text(p.dims), shape_text(other->second)));
    }
  }
  for (const auto& p : b.parameters)
    if (!a_shapes.contains(p.name)) added.push_back(fmt::format("+ {} {}", p.name, shape_text(p.dims)));

  std::string out = fmt::format("# {} -> {}\n\n", a_name, b_name);
  const auto section = [&](std::string_view title, const std::vector<std::string>& lines) {
    out += fmt::format("{} ({}):\n", title, lines.size());
    for (const auto& line : lines) out += line + "\n";
    out += "\n";
  };
  if (!knob_changes.empty()) section("Knobs that differ", knob_changes);
  section("Removed tensors", removed);
  section("Added tensors", added);
  section("Reshaped tensors", reshaped);

  const auto a_tensors = static_cast<std::int64_t>(a.parameters.size());
  const auto b_tensors = static_cast<std::int64_t>(b.parameters.size());
  out += fmt::format("| | {} | {} | delta |\n| --- | --- | --- | --- |\n", a_name, b_name);
  out += fmt::format("| Tensors | {} | {} | {} |\n", a_tensors, b_tensors, signed_count(b_tensors - a_tensors));
  out += fmt::format("| Parameters | {} ({}) | {} ({}) | {} |\n", grouped(a.parameter_total),
                     count_text(a.parameter_total), grouped(b.parameter_total), count_text(b.parameter_total),
                     signed_count(b.parameter_total - a.parameter_total));
  form_totals both;
  for (std::size_t rank = 0; rank < both.tensors.size(); ++rank)
    both.tensors[rank] = a.forms.tensors[rank] + b.forms.tensors[rank];
  for (form f : report_columns(both)) {
    const auto rank = static_cast<std::size_t>(f.rank);
    const double a_share = percent(a.forms.tensors[rank], a_tensors),
                 b_share = percent(b.forms.tensors[rank], b_tensors);
    out += fmt::format("| {} tensors % | {:.2f} | {:.2f} | {:+.2f} |\n", form_name(f), a_share, b_share,
                       b_share - a_share);
  }
  for (form f : report_columns(both)) {
    const auto rank = static_cast<std::size_t>(f.rank);
    const double a_share = percent(a.forms.parameters[rank], a.parameter_total);
    const double b_share = percent(b.forms.parameters[rank], b.parameter_total);
    out += fmt::format("| {} parameters % | {:.2f} | {:.2f} | {:+.2f} |\n", form_name(f), a_share, b_share,
                       b_share - a_share);
  }
  return out;
}

}  // namespace archdesc::tool
