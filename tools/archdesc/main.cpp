// archdesc: prints what the descriptors compute. `archdesc --help` lists the commands.
// Exit status: 0 done, 1 a failure (a file that cannot be read or written, a checkpoint that does
// not match), 2 a usage mistake (unknown command, flag, option value or architecture).
#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/memory_plan.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/safetensors.hpp>
#include <archdesc/tool/units.hpp>
#include <builtin_models.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
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

struct memory_options {
  std::string name;
  std::string dtype;          // empty: bf16 for a language model, fp32 otherwise
  std::int64_t sequence = 0;  // 0: the model's context
  std::string optimizer = "adam";
  std::string recompute = "none";
  std::string device_memory;
  std::string format = "md";
  archdesc::tool::memory_request request;
};

// `archdesc memory`: the model traced at the request's input, then planned. A request the
// planner refuses, or figures that overflow 64 bits, are usage mistakes.
int memory_one(memory_options options) {
  const builtin_model& model = find_model(options.name);
  const bool language_model = model.input.rank == 1;  // token ids
  archdesc::tool::memory_request& request = options.request;
  const std::map<std::string, archdesc::dtype, std::less<>> dtypes{
      {"fp32", archdesc::dtype::fp32}, {"bf16", archdesc::dtype::bf16}, {"fp16", archdesc::dtype::fp16},
      {"fp8", archdesc::dtype::fp8},   {"int8", archdesc::dtype::int8}, {"int4", archdesc::dtype::int4}};
  request.dtype = options.dtype.empty() ? (language_model ? archdesc::dtype::bf16 : archdesc::dtype::fp32)
                                        : dtypes.at(options.dtype);
  request.optimizer = options.optimizer == "sgd" ? archdesc::optimizer::sgd : archdesc::optimizer::adam;
  request.activations.recompute = options.recompute == "full"        ? archdesc::recompute::full
                                  : options.recompute == "selective" ? archdesc::recompute::selective
                                                                     : archdesc::recompute::none;
  if (options.sequence > 0 && !language_model)
    throw usage_mistake(
        fmt::format("--seq is for language models; {} takes {}", model.name, archdesc::shape_text(model.input)));
  try {
    if (!options.device_memory.empty()) request.device_memory = archdesc::tool::parse_bytes(options.device_memory);
    if (language_model)
      request.work.sequence =
          options.sequence > 0 ? options.sequence : (model.geometry ? model.geometry->context : model.input[0]);
    const archdesc::trace_result traced =
        language_model ? model.trace_at(archdesc::shape{request.work.sequence}) : model.trace();
    const archdesc::tool::memory_plan plan =
        archdesc::tool::plan_memory({model.name, traced, model.geometry, model.no_split_modules}, request);
    print(options.format == "json" ? archdesc::tool::memory_json(plan) : archdesc::tool::memory_markdown(plan));
  } catch (const std::invalid_argument& e) {
    throw usage_mistake(e.what());
  } catch (const std::overflow_error&) {
    throw usage_mistake(fmt::format("the bytes of {} at these sizes overflow 64 bits", model.name));
  }
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
  out += comparison.matches() ? fmt::format("{} matches {}\n", checkpoint, model.name)
                              : fmt::format("{} does not match {}\n", checkpoint, model.name);
  print(out);
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

  const CLI::Validator at_least_one(
      [](const std::string& value) {
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        return error == std::errc{} && end == value.data() + value.size() && number >= 1
                   ? std::string()
                   : fmt::format("'{}' is not a whole number of at least 1", value);
      },
      "INT>=1");
  memory_options memory_args;
  archdesc::tool::memory_request& memory_request = memory_args.request;
  auto* memory = app.add_subcommand("memory", "Weights, inference and training memory, per device, and devices to fit");
  memory->add_option("NAME", memory_args.name, "A built-in architecture")->required();
  memory
      ->add_option("--dtype", memory_args.dtype,
                   "fp32, bf16, fp16, fp8, int8 or int4 (default: bf16 for language models, fp32 otherwise)")
      ->check(CLI::IsMember({"fp32", "bf16", "fp16", "fp8", "int8", "int4"}));
  memory->add_option("--batch", memory_request.work.batch, "Sequences or images per step (default 1)")
      ->check(at_least_one);
  memory->add_option("--seq", memory_args.sequence, "Tokens per sequence (default: the model's context)")
      ->check(at_least_one);
  memory->add_option("--optimizer", memory_args.optimizer, "adam (default) or sgd")
      ->check(CLI::IsMember({"adam", "sgd"}));
  memory->add_option("--zero", memory_request.zero_stage, "ZeRO stage 0, 1, 2 or 3 (default: all, side by side)")
      ->check(CLI::Range(0, 3));
  memory->add_option("--devices", memory_request.devices, "Data-parallel devices (default 1)")->check(at_least_one);
  memory
      ->add_option("--tensor-parallel", memory_request.activations.tensor_parallel,
                   "Devices each transformer layer is split over (default 1)")
      ->check(at_least_one);
  memory->add_flag("--sequence-parallel", memory_request.activations.sequence_parallel,
                   "Split the layer norms and dropouts along the sequence too (Korthikanti et al.)");
  memory
      ->add_option("--recompute", memory_args.recompute, "Activation recomputation: none (default), selective or full")
      ->check(CLI::IsMember({"none", "selective", "full"}));
  memory->add_option("--device-memory", memory_args.device_memory,
                     "Memory of one device, e.g. 80GiB: print the fewest devices that fit, per strategy");
  memory->add_option("--format", memory_args.format, "md (binary units) or json (exact bytes)")
      ->check(CLI::IsMember({"md", "json"}));

  std::string checkpoint, verify_name;
  auto* verify =
      app.add_subcommand("verify", "Check a .safetensors checkpoint's tensor names and shapes against an architecture");
  verify->add_option("CHECKPOINT", checkpoint, "A .safetensors file (only its header is read)")->required();
  verify->add_option("NAME", verify_name, "A built-in architecture")->required();

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
        out += fmt::format("{:<22} {:<20} {:>6} tensors {:>20} parameters ({})\n", model.name, model.family,
                           traced.parameters.size(), archdesc::tool::grouped(traced.parameter_total),
                           archdesc::count_text(traced.parameter_total));
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
    if (*memory) return memory_one(memory_args);
    if (*diff) {
      const builtin_model& a = find_model(diff_a);
      const builtin_model& b = find_model(diff_b);
      print(archdesc::tool::diff_report(a.name, a.trace(), b.name, b.trace()));
      return 0;
    }
    return verify_checkpoint(checkpoint, verify_name);
  } catch (const usage_mistake& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return usage_error;
  } catch (const std::exception& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return failure;
  }
}
