// archdesc: prints what the descriptors compute. `archdesc --help` lists the commands.
// Exit status: 0 done, 1 a failure (a file that cannot be read or written, a checkpoint that does
// not match), 2 a usage mistake (unknown command, flag, option value or architecture).
#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/checkpoint.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <builtin_models.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

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

archdesc::trace_result trace_model(const builtin_model& model, const std::string& input) {
  return input.empty() ? model.trace() : model.trace_at(parse_input(input));
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
  std::string name;
  std::string format = "md";
  std::string output;
  std::string chart;
  std::string input;
  bool with_cost = false;
  bool all = false;
  bool charts = false;
};

// The report in the chosen format; the Markdown's image links to chart_link when given.
std::string render_report(const report_options& options, std::string_view name, const archdesc::trace_result& traced,
                          const std::string& chart_link) {
  if (options.format == "json") return archdesc::tool::json_report(name, traced);
  if (options.format == "csv") return archdesc::tool::csv_report(traced);
  std::string md = archdesc::markdown_report(name, traced, chart_link);
  if (options.with_cost) md += archdesc::tool::markdown_cost_section(traced);
  return md;
}

int report_one(const report_options& options) {
  const builtin_model& model = find_model(options.name);
  const archdesc::trace_result traced = trace_model(model, options.input);
  std::string chart_link;
  if (!options.chart.empty()) {
    archdesc::tool::write_pie_chart(options.chart, fmt::format("{}: parameters by form", model.name),
                                    slices_by_form(traced));
    const fs::path base = options.output.empty() ? fs::current_path() : fs::absolute(options.output).parent_path();
    chart_link = fs::relative(fs::absolute(options.chart), base).generic_string();
  }
  const std::string report = render_report(options, model.name, traced, chart_link);
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
    archdesc::tool::write_text_atomically(directory / fmt::format("{}.{}", model.name, options.format),
                                          render_report(options, model.name, traced, chart_link));
  }
  if (progress) fmt::print(stderr, "\r\033[Kwrote {} reports to {}\n", models.size(), directory);
  return 0;
}

struct verify_options {
  std::string checkpoint;
  std::string name;
  bool parameters_only = false;
  std::string dtype;
};

// A safetensors dtype, as the file writes it or in lower case: "BF16", "bf16".
archdesc::dtype parse_dtype(const std::string& text) {
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (const auto type = archdesc::dtype_from_safetensors(upper)) return *type;
  std::vector<std::string_view> names;
  for (archdesc::dtype type : archdesc::all_dtypes) names.push_back(archdesc::safetensors_name(type));
  throw usage_mistake(fmt::format("--dtype '{}' is not a safetensors dtype ({})", text, fmt::join(names, ", ")));
}

int verify_checkpoint(const verify_options& options) {
  const builtin_model& model = find_model(options.name);
  archdesc::tool::comparison_options comparing;
  comparing.parameters_only = options.parameters_only;
  comparing.ignore_buffers_on_load = model.reference == archdesc::tool::reference::transformers;
  if (!options.dtype.empty()) comparing.floating_dtype = parse_dtype(options.dtype);
  const archdesc::tool::checkpoint_files files = archdesc::tool::read_checkpoint(options.checkpoint);
  const auto comparison = archdesc::tool::compare_checkpoint(files.tensors, model.trace(), comparing);
  std::string out;
  const auto section = [&](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += fmt::format("{} ({}):\n", title, lines.size());
    for (const auto& line : lines) out += fmt::format("  {}\n", line);
  };
  section("inconsistent shards", files.problems);
  section("missing", comparison.missing);
  section("unexpected", comparison.unexpected);
  section("mis-shaped", comparison.misshaped);
  section("wrong dtype", comparison.wrong_dtype);
  section("ignored, as transformers ignores the model's buffers on load", comparison.ignored);
  section("tied, saved once under the name of the weight they share", comparison.tied_absent);
  std::vector<std::string> dtypes;
  for (const auto& [dtype, tensors] : comparison.dtypes) dtypes.push_back(fmt::format("{} {}", dtype, tensors));
  out += fmt::format("checkpoint: {} tensors in {} file{}; dtypes{}: {}\n", files.tensors.size(), files.file_count,
                     files.file_count == 1 ? "" : "s", options.dtype.empty() ? " (not judged without --dtype)" : "",
                     dtypes.empty() ? "none" : fmt::format("{}", fmt::join(dtypes, ", ")));
  const bool matches = files.problems.empty() && comparison.matches();
  out += fmt::format("{} {} {} ({}: {} tensors)\n", options.checkpoint, matches ? "matches" : "does not match",
                     model.name, options.parameters_only ? "named_parameters()" : "state_dict()", comparison.compared);
  print(out);
  return matches ? 0 : failure;
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
  auto* report_name = report->add_option("NAME", report_args.name, "A built-in architecture (see `archdesc list`)");
  report->add_option("--format", report_args.format, "md (the reference format), json or csv")
      ->check(CLI::IsMember({"md", "json", "csv"}));
  report->add_option("-o,--output", report_args.output, "Write to this file (with --all: this directory)");
  auto* chart =
      report->add_option("--chart", report_args.chart, "Also draw the pie chart of parameters by form (.png or .svg)");
  report->add_flag("--with-cost", report_args.with_cost, "Markdown: add input, output, MACs and memory");
  report->add_option("--input", report_args.input, "Input shape without the batch, e.g. 3x256x256");
  auto* all = report->add_flag("--all", report_args.all, "Write every built-in report into the --output directory");
  report->add_flag("--charts", report_args.charts, "With --all: also draw every pie chart (PNG)")->needs(all);
  all->excludes(report_name)->excludes(chart);

  std::string shapes_name, shapes_input;
  auto* shapes = app.add_subcommand("shapes", "Print every module's output shape, parameters and MACs");
  shapes->add_option("NAME", shapes_name, "A built-in architecture")->required();
  shapes->add_option("--input", shapes_input, "Input shape without the batch, e.g. 3x256x256");

  std::string diff_a, diff_b;
  auto* diff = app.add_subcommand("diff", "What changes from architecture A to B");
  diff->add_option("A", diff_a, "A built-in architecture")->required();
  diff->add_option("B", diff_b, "A built-in architecture")->required();

  verify_options verify_args;
  auto* verify = app.add_subcommand(
      "verify",
      "Check a .safetensors checkpoint's tensor names, shapes and dtypes against an architecture's state_dict()");
  verify
      ->add_option("CHECKPOINT", verify_args.checkpoint,
                   "A .safetensors file, a Hugging Face model.safetensors.index.json with its shards, or a directory "
                   "of shards (only headers are read)")
      ->required();
  verify->add_option("NAME", verify_args.name, "A built-in architecture")->required();
  verify->add_flag("--parameters-only", verify_args.parameters_only,
                   "Compare with named_parameters(), for a file without buffers");
  verify->add_option("--dtype", verify_args.dtype,
                     "Every floating tensor must have this safetensors dtype (bf16, f16, f32...); integer buffers "
                     "keep theirs");

  try {
    app.parse(argc, argv);
    if (*report && !report_args.all && report_args.name.empty()) throw CLI::RequiredError("NAME (or --all)");
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
      const builtin_model& model = find_model(shapes_name);
      print(archdesc::tool::shapes_table(model.name, trace_model(model, shapes_input)));
      return 0;
    }
    if (*diff) {
      const builtin_model& a = find_model(diff_a);
      const builtin_model& b = find_model(diff_b);
      print(archdesc::tool::diff_report(a.name, a.trace(), b.name, b.trace()));
      return 0;
    }
    return verify_checkpoint(verify_args);
  } catch (const usage_mistake& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return usage_error;
  } catch (const std::exception& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return failure;
  }
}
