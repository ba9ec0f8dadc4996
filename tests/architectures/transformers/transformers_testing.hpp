// Helpers of the Hugging Face transformers families' tests (bert_test.cpp, mobilebert_test.cpp,
// xlnet_test.cpp): no goldens can be made from transformers here, so the tests compare a trace with
// lists written by hand from the transformers source.
#pragma once

#include <archdesc/queries.hpp>
#include <archdesc/report.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc::test {

// Every parameter as "name (shape)", in named_parameters() order.
inline std::vector<std::string> parameter_lines(const trace_result& traced) {
  std::vector<std::string> lines;
  for (const auto& p : traced.parameters) lines.push_back(fmt::format("{} {}", p.name, shape_text(p.dims)));
  return lines;
}

// The rows of the Markdown report whose parameter names start with prefix, e.g. "encoder.layer.0.".
inline std::vector<std::string> report_rows(std::string_view name, const trace_result& traced,
                                            std::string_view prefix) {
  std::istringstream report(markdown_report(name, traced));
  const std::string start = fmt::format("| {}", prefix);
  std::vector<std::string> rows;
  for (std::string line; std::getline(report, line);)
    if (line.starts_with(start)) rows.push_back(line);
  return rows;
}

// Splits a block of report rows written as a raw string literal into its lines.
inline std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

// The same, after filling in the literal's fmt placeholders ({0}: a layer index, and so on).
template <class... Args>
std::vector<std::string> formatted_lines(std::string_view text, const Args&... args) {
  return lines_of(fmt::format(fmt::runtime(text), args...));
}

// The output shape of the module call of that qualified name; an empty shape if there is none.
inline shape call_output(const trace_result& traced, std::string_view name) {
  for (const auto& call : traced.modules)
    if (call.name == name) return call.output;
  return {};
}

// Every module call whose qualified name starts with prefix, as "name Type (output shape)", in call order.
inline std::vector<std::string> calls_under(const trace_result& traced, std::string_view prefix) {
  std::vector<std::string> calls;
  for (const auto& call : traced.modules)
    if (call.name.starts_with(prefix))
      calls.push_back(fmt::format("{} {} {}", call.name, call.type, shape_text(call.output)));
  return calls;
}

}  // namespace archdesc::test
