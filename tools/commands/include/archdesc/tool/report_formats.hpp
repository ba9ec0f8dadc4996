// archdesc/tool/report_formats.hpp: what the command prints besides the reference Markdown report.
#pragma once

#include <archdesc/trace.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc::tool {

// Bytes of a model's parameters and of its activations (a forward estimate: the outputs of every
// leaf module call, at batch 1, in fp32).
struct memory_estimate {
  std::int64_t parameters_fp32 = 0;
  std::int64_t parameters_16bit = 0;  // bf16 or fp16
  std::int64_t parameters_int8 = 0;
  std::int64_t buffers = 0;  // every buffer, persistent or not, in its own dtype
  std::int64_t activations_fp32 = 0;
};
memory_estimate estimate_memory(const trace_result& traced);

// Every number of the report, the totals per form, the input, MACs, memory and every module
// call (schema: docs/JSON_REPORT.md); `about`'s members (the command's "base" and "knobs") follow "name".
std::string json_report(std::string_view name, const trace_result& traced,
                        const nlohmann::ordered_json& about = nlohmann::ordered_json::object());

// A header row, then one row per parameter tensor.
std::string csv_report(const trace_result& traced);

// The Markdown section --with-cost appends to the report: input, output, MACs and memory
// (parameters, buffers, activations).
std::string markdown_cost_section(const trace_result& traced);

// The report in a format, md, json, csv or html (std::invalid_argument otherwise); with_cost
// appends markdown_cost_section to md, whose image links to chart_link when given; JSON adds `about`.
std::string report_text(std::string_view format, bool with_cost, std::string_view name, const trace_result& traced,
                        const std::string& chart_link,
                        const nlohmann::ordered_json& about = nlohmann::ordered_json::object());

// The tables report_text reads in that format: the Markdown report without the cost section and
// CSV list the parameters only.
trace_tables report_tables(std::string_view format, bool with_cost);

// `archdesc shapes`: every module call with its output shape, parameters and MACs, then totals.
std::string shapes_table(std::string_view name, const trace_result& traced);

// `archdesc diff A B`: the knobs that differ (lines given by the caller, first), tensors added,
// removed and reshaped, then totals and form proportions side by side with their deltas.
std::string diff_report(std::string_view a_name, const trace_result& a, std::string_view b_name, const trace_result& b,
                        const std::vector<std::string>& knob_changes = {});

}  // namespace archdesc::tool
