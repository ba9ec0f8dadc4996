// archdesc: prints what the descriptors compute. `archdesc --help` lists the commands.
// Exit status: 0 done, 1 a failure (a file that cannot be read or written, a checkpoint that does
// not match), 2 a usage mistake (unknown command, flag, option value or architecture).
#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/options.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/printable.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/safetensors.hpp>
#include <archdesc/tool/treemap.hpp>
#include <builtin_models.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using archdesc::tool::builtin_model;

constexpr int failure = 1;
constexpr int usage_status = 2;

using archdesc::tool::usage_error;

const builtin_model& find_model(const std::string& name) {
  if (const auto* model = archdesc::tool::find_builtin(name)) return *model;
  throw usage_error(fmt::format("unknown architecture '{}'; the closest known: {}", name,
                                fmt::join(archdesc::tool::closest_builtins(name, 3), ", ")));
}

archdesc::trace_result trace_model(const builtin_model& model, const std::optional<archdesc::shape>& input) {
  return input ? model.trace_at(*input) : model.trace();
}

// The text of an error for "archdesc: TEXT": the library's own messages already start with "archdesc: ".
std::string_view error_text(const std::exception& e) {
  std::string_view text = e.what();
  if (text.starts_with("archdesc: ")) text.remove_prefix(std::string_view("archdesc: ").size());
  return text;
}

// A value given as the empty string is a mistake, whatever the option: it would otherwise read as
// "not given" (`--input ''` would trace at the default input, `-o ''` print to stdout).
void reject_empty_values(const CLI::App& command) {
  for (const CLI::Option* option : command.get_options())
    if (option->get_type_size_min() > 0)
      for (const std::string& value : option->results())
        if (value.empty()) throw usage_error(fmt::format("{} is given an empty value", option->get_name()));
}

// An unknown first word is not a subcommand: CLI11 would only say that a subcommand is required.
void reject_unknown_command(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return;
  const std::string_view word = argv[1];
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  if (std::find(names.begin(), names.end(), word) == names.end())
    throw usage_error(fmt::format("unknown command '{}'; the commands are {}", word, fmt::join(names, ", ")));
}

struct report_options {
  std::string name;
  std::string format = "md";
  std::string output;
  std::string chart;
  std::string input_text;
  std::optional<archdesc::shape> input;  // from input_text, when --input is given
  bool with_cost = false;
  bool all = false;
  bool charts = false;
};

int report_one(const report_options& options) {
  const builtin_model& model = find_model(options.name);
  const archdesc::trace_result traced = trace_model(model, options.input);
  archdesc::tool::output_files outputs;
  std::string chart_link;
  if (!options.chart.empty()) {
    archdesc::tool::add_pie_chart(outputs, options.chart, fmt::format("{}: parameters by form", model.name),
                                  archdesc::tool::slices_by_form(traced));
    const fs::path base = options.output.empty() ? fs::current_path() : fs::absolute(options.output).parent_path();
    chart_link = fs::relative(fs::absolute(options.chart), base).generic_string();
  }
  std::string report = archdesc::tool::report_text(options.format, options.with_cost, model.name, traced, chart_link);
  if (options.output.empty()) {
    outputs.set_stdout(std::move(report));
  } else {
    outputs.add_text(options.output, std::move(report));
  }
  outputs.commit();
  return 0;
}

int report_all(const report_options& options) {
  const fs::path directory = options.output;
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw archdesc::tool::output_error(fmt::format("cannot create {}: {}", directory, error.message()));
  const bool progress = ::isatty(STDERR_FILENO) == 1;
  const auto& models = archdesc::tool::builtin_models();
  archdesc::tool::output_files outputs;  // every report and chart, or none
  std::size_t done = 0;
  for (const auto& model : models) {
    if (progress) fmt::print(stderr, "\r\033[K[{}/{}] {}", ++done, models.size(), model.name);
    const archdesc::trace_result traced = model.trace();
    std::string chart_link;
    if (options.charts) {
      chart_link = fmt::format("{}_pie_chart.png", model.name);
      archdesc::tool::add_pie_chart(outputs, directory / chart_link, fmt::format("{}: parameters by form", model.name),
                                    archdesc::tool::slices_by_form(traced));
    }
    outputs.add_text(directory / fmt::format("{}.{}", model.name, options.format),
                     archdesc::tool::report_text(options.format, options.with_cost, model.name, traced, chart_link));
  }
  outputs.commit();
  if (progress) fmt::print(stderr, "\r\033[Kwrote {} reports to {}\n", models.size(), directory);
  return 0;
}

// `archdesc chart`: the treemap of the module tree.
int chart_one(const std::string& name, archdesc::tool::measure by, const std::string& output,
              const std::optional<archdesc::shape>& input) {
  const builtin_model& model = find_model(name);
  const archdesc::tool::module_tree tree = archdesc::tool::build_module_tree(trace_model(model, input));
  archdesc::tool::write_drawing(output, archdesc::tool::treemap_drawing(model.name, tree, by));
  return 0;
}

int verify_checkpoint(const std::string& checkpoint, const std::string& name) {
  const builtin_model& model = find_model(name);
  const auto comparison =
      archdesc::tool::compare_checkpoint(archdesc::tool::read_safetensors_header(checkpoint), model.trace());
  std::string out;
  const auto section = [&](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += fmt::format("{} ({}):\n", title, lines.size());
    for (const auto& line : lines) out += fmt::format("  {}\n", line);
  };
  section("missing", comparison.missing);
  section("unexpected", comparison.unexpected);
  section("mis-shaped", comparison.misshaped);
  const std::string shown = archdesc::tool::printable(checkpoint);
  out += comparison.matches() ? fmt::format("{} matches {}\n", shown, model.name)
                              : fmt::format("{} does not match {}\n", shown, model.name);
  archdesc::tool::write_stdout(out);
  return comparison.matches() ? 0 : failure;
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
  report->add_option("--format", report_args.format, "md (the reference format), json, csv or html (one page)")
      ->check(CLI::IsMember({"md", "json", "csv", "html"}));
  report->add_option("-o,--output", report_args.output, "Write to this file (with --all: this directory)");
  // A picture's format is its file's extension: another one is a usage mistake.
  const CLI::Validator picture_file(
      [](const std::string& path) -> std::string {
        // An empty value is reported as for every option, by reject_empty_values.
        if (path.empty() || archdesc::tool::picture_format_of(path)) return "";
        return fmt::format("{}: a chart is a .png or .svg file", path);
      },
      "FILE.png|FILE.svg");
  auto* chart =
      report->add_option("--chart", report_args.chart, "Also draw the pie chart of parameters by form (.png or .svg)")
          ->check(picture_file);
  report->add_flag("--with-cost", report_args.with_cost, "Markdown: add input, output, MACs and memory");
  auto* report_input =
      report->add_option("--input", report_args.input_text, "Input shape without the batch, e.g. 3x256x256");
  auto* all = report->add_flag("--all", report_args.all, "Write every built-in report into the --output directory");
  report->add_flag("--charts", report_args.charts, "With --all: also draw every pie chart (PNG)")->needs(all);
  all->excludes(report_name)->excludes(chart)->excludes(report_input);

  std::string shapes_name;
  auto* shapes = app.add_subcommand("shapes", "Print every module's output shape, parameters and MACs");
  shapes->add_option("NAME", shapes_name, "A built-in architecture")->required();
  std::string shapes_input;
  auto* shapes_input_option =
      shapes->add_option("--input", shapes_input, "Input shape without the batch, e.g. 3x256x256");

  std::string diff_a, diff_b;
  auto* diff = app.add_subcommand("diff", "What changes from architecture A to B");
  diff->add_option("A", diff_a, "A built-in architecture")->required();
  diff->add_option("B", diff_b, "A built-in architecture")->required();

  std::string chart_name, chart_by = "parameters", chart_output, chart_input;
  const std::map<std::string, archdesc::tool::measure> measures{{"parameters", archdesc::tool::measure::parameters},
                                                                {"macs", archdesc::tool::measure::macs},
                                                                {"memory", archdesc::tool::measure::memory}};
  auto* chart_command = app.add_subcommand(
      "chart", "Draw the module tree as a treemap, areas proportional to parameters, MACs or memory");
  chart_command->add_option("NAME", chart_name, "A built-in architecture")->required();
  chart_command
      ->add_option("--by", chart_by, "parameters (default), macs or memory (fp32 parameters and activations, batch 1)")
      ->check(CLI::IsMember(measures));
  chart_command->add_option("-o,--output", chart_output, "The picture, FILE.png or FILE.svg")
      ->required()
      ->check(picture_file);
  auto* chart_input_option =
      chart_command->add_option("--input", chart_input, "Input shape without the batch, e.g. 3x256x256");

  std::string checkpoint, verify_name;
  auto* verify =
      app.add_subcommand("verify", "Check a .safetensors checkpoint's tensor names and shapes against an architecture");
  verify->add_option("CHECKPOINT", checkpoint, "A .safetensors file (only its header is read)")->required();
  verify->add_option("NAME", verify_name, "A built-in architecture")->required();

  try {
    reject_unknown_command(app, argc, argv);
    app.parse(argc, argv);
    for (const CLI::App* command : app.get_subcommands()) reject_empty_values(*command);
    if (*report && !report_args.all && report_args.name.empty()) throw CLI::RequiredError("NAME (or --all)");
    if (*report && report_args.all && report_args.output.empty())
      throw CLI::RequiredError("--output DIRECTORY (with --all)");
    archdesc::tool::require_applies(report_args.with_cost, report_args.format == "md", "--with-cost",
                                    "with --format md (the JSON report has the costs; CSV has none)");
    if (report_input->count() > 0)
      report_args.input = archdesc::tool::parse_shape_option("--input", report_args.input_text);
  } catch (const CLI::Success& e) {  // --help, --version
    std::ostringstream out, err;
    const int status = app.exit(e, out, err);
    try {
      archdesc::tool::write_stdout(out.str());
    } catch (const std::exception& write_failure) {
      fmt::print(stderr, "archdesc: {}\n", write_failure.what());
      return failure;
    }
    return status;
  } catch (const CLI::ParseError& e) {
    const CLI::App* command = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    fmt::print(stderr, "archdesc: {}\n\n{}", e.what(), command->help());
    return usage_status;
  } catch (const usage_error& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return usage_status;
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
      archdesc::tool::write_stdout(out);
      return 0;
    }
    if (*report) return report_args.all ? report_all(report_args) : report_one(report_args);
    if (*shapes) {
      const builtin_model& model = find_model(shapes_name);
      std::optional<archdesc::shape> input;
      if (shapes_input_option->count() > 0) input = archdesc::tool::parse_shape_option("--input", shapes_input);
      archdesc::tool::write_stdout(archdesc::tool::shapes_table(model.name, trace_model(model, input)));
      return 0;
    }
    if (*chart_command) {
      std::optional<archdesc::shape> input;
      if (chart_input_option->count() > 0) input = archdesc::tool::parse_shape_option("--input", chart_input);
      return chart_one(chart_name, measures.at(chart_by), chart_output, input);
    }
    if (*diff) {
      const builtin_model& a = find_model(diff_a);
      const builtin_model& b = find_model(diff_b);
      archdesc::tool::write_stdout(archdesc::tool::diff_report(a.name, a.trace(), b.name, b.trace()));
      return 0;
    }
    return verify_checkpoint(checkpoint, verify_name);
  } catch (const usage_error& e) {
    fmt::print(stderr, "archdesc: {}\n", error_text(e));
    return usage_status;
  } catch (const std::exception& e) {
    fmt::print(stderr, "archdesc: {}\n", error_text(e));
    return failure;
  }
}
