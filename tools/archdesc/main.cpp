// archdesc: prints what the descriptors compute. `archdesc --help` lists the commands.
// Exit status: 0 done, 1 a failure (a file that cannot be read or written, a checkpoint that does
// not match), 2 a usage mistake (unknown command, flag, option value, architecture or knob, or a
// knob value the descriptor refuses).
#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/checkpoint.hpp>
#include <archdesc/tool/html_report.hpp>
#include <archdesc/tool/memory_plan.hpp>
#include <archdesc/tool/options.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/printable.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/treemap.hpp>
#include <archdesc/tool/units.hpp>
#include <builtin_models.hpp>
#include "model_request.hpp"

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <CLI/CLI.hpp>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using archdesc::tool::builtin_model;
using archdesc::tool::model_request;
using archdesc::tool::resolved_model;

constexpr int failure = 1;
constexpr int usage_status = 2;

using archdesc::tool::usage_error;

// The text of an error for "archdesc: TEXT" (the library's own messages already start with
// "archdesc: "), each line made printable: a name, knob or key from the command line or a file,
// quoted in a message, cannot clear the terminal or colour what follows.
std::string error_text(std::string_view text) {
  if (text.starts_with("archdesc: ")) text.remove_prefix(std::string_view("archdesc: ").size());
  std::string lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    lines += archdesc::tool::printable(text.substr(start, end - start));
    if (end == std::string_view::npos) return lines;
    lines += '\n';
    start = end + 1;
  }
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
  model_request model;
  std::string format = "md";
  std::string output;
  std::string chart;
  std::string input_text;
  std::optional<archdesc::shape> input;  // from input_text, when --input is given
  bool with_cost = false;
  bool all = false;
  bool charts = false;
};

// What a JSON report describes: the built-in it started from and every knob's value.
nlohmann::ordered_json about(const builtin_model& base, const archdesc::tool::configured_model& net) {
  return {{"base", base.name}, {"knobs", archdesc::tool::knob_json(net.knob_record())}};
}

int report_one(const report_options& options) {
  const resolved_model model = archdesc::tool::resolve_model(options.model);
  const archdesc::trace_result traced =
      model.trace(options.input, archdesc::tool::report_tables(options.format, options.with_cost));
  archdesc::tool::output_files outputs;
  std::string chart_link;
  if (!options.chart.empty()) {
    archdesc::tool::add_pie_chart(outputs, options.chart, fmt::format("{}: parameters by form", model.title),
                                  archdesc::tool::slices_by_form(traced));
    const fs::path base = options.output.empty() ? fs::current_path() : fs::absolute(options.output).parent_path();
    chart_link = fs::relative(fs::absolute(options.chart), base).generic_string();
  }
  std::string report = archdesc::tool::report_text(options.format, options.with_cost, model.title, traced, chart_link,
                                                   about(*model.base, *model.net));
  if (options.output.empty()) {
    outputs.set_stdout(std::move(report));
  } else {
    outputs.add_text(options.output, std::move(report));
  }
  outputs.commit();
  return 0;
}

// One trace after the other: glibc would return each large block to the kernel when it is freed
// (DeepSeek-V3's tables take tens of MB), and the next trace would pay a page fault for every
// page again. Kept for reuse, they cost `report --all` a quarter fewer faults and 16 % less CPU.
// The heap is also grown at once and asked for transparent huge pages (what glibc's tunable
// glibc.malloc.hugetlb=1 does, where the system gives them on request): a fault per 2 MB, not per
// 4 KB. DeepSeek-V3's tables and report touch about 21 MB; `report --all` on tmpfs: 525 page
// faults against 5,351, 32.7 ms of CPU against 40.4, peak memory 30 MB against 28 MB. A system
// that refuses keeps small pages.
void keep_heap_in_huge_pages() {
  ::mallopt(M_MMAP_THRESHOLD, 256 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 1 << 30);
  ::mallopt(M_TOP_PAD, 64 << 20);
  constexpr std::uintptr_t huge_page = 2 << 20;
  constexpr std::size_t heap_bytes = 64 << 20;
  char* const heap = static_cast<char*>(::malloc(heap_bytes));  // freed to the top of the heap, kept
  if (heap == nullptr) return;
  const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(heap) + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t last = (reinterpret_cast<std::uintptr_t>(heap) + heap_bytes) & ~(huge_page - 1);
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  ::free(heap);
}

int report_all(const report_options& options) {
  const fs::path directory = options.output;
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw archdesc::tool::output_error(fmt::format("cannot create {}: {}", directory, error.message()));
  const bool progress = ::isatty(STDERR_FILENO) == 1;
  keep_heap_in_huge_pages();
  const auto& models = archdesc::tool::builtin_models();
  archdesc::tool::output_files outputs;  // every report and chart, or none; each written as made
  std::size_t done = 0;
  const archdesc::trace_tables tables = archdesc::tool::report_tables(options.format, options.with_cost);
  for (const auto& model : models) {
    if (progress) fmt::print(stderr, "\r\033[K[{}/{}] {}", ++done, models.size(), model.name);
    const archdesc::trace_result traced = model.trace(tables);
    std::string chart_link;
    if (options.charts) {
      chart_link = fmt::format("{}_pie_chart.png", model.name);
      archdesc::tool::add_pie_chart(outputs, directory / chart_link, fmt::format("{}: parameters by form", model.name),
                                    archdesc::tool::slices_by_form(traced));
    }
    outputs.add_text(directory / fmt::format("{}.{}", model.name, options.format),
                     archdesc::tool::report_text(options.format, options.with_cost, model.name, traced, chart_link,
                                                 about(model, *model.configure())));
  }
  outputs.commit();
  if (progress)
    fmt::print(stderr, "\r\033[Kwrote {} reports to {}\n", models.size(),
               archdesc::tool::printable(directory.string()));
  return 0;
}

// `archdesc chart`: the treemap of the module tree.
int chart_one(const model_request& request, archdesc::tool::measure by, const std::string& output,
              const std::optional<archdesc::shape>& input) {
  const resolved_model model = archdesc::tool::resolve_model(request);
  const archdesc::tool::module_tree tree = archdesc::tool::build_module_tree(model.trace(input));
  archdesc::tool::write_drawing(output, archdesc::tool::treemap_drawing(model.title, tree, by));
  return 0;
}

struct memory_options {
  model_request model;
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
  const resolved_model model = archdesc::tool::resolve_model(options.model);
  const archdesc::shape default_input = model.net->default_input();
  const std::optional<archdesc::transformer_geometry> geometry = model.net->geometry();
  const bool language_model = default_input.rank == 1;  // token ids
  archdesc::tool::memory_request& request = options.request;
  const std::map<std::string, archdesc::precision, std::less<>> dtypes{
      {"fp32", archdesc::precision::fp32}, {"bf16", archdesc::precision::bf16}, {"fp16", archdesc::precision::fp16},
      {"fp8", archdesc::precision::fp8},   {"int8", archdesc::precision::int8}, {"int4", archdesc::precision::int4}};
  request.dtype = options.dtype.empty() ? (language_model ? archdesc::precision::bf16 : archdesc::precision::fp32)
                                        : dtypes.at(options.dtype);
  request.optimizer = options.optimizer == "sgd" ? archdesc::optimizer::sgd : archdesc::optimizer::adam;
  request.activations.recompute = options.recompute == "full"        ? archdesc::recompute::full
                                  : options.recompute == "selective" ? archdesc::recompute::selective
                                                                     : archdesc::recompute::none;
  if (options.sequence > 0 && !language_model)
    throw usage_error(
        fmt::format("--seq is for language models; {} takes {}", model.title, archdesc::shape_text(default_input)));
  try {
    if (!options.device_memory.empty()) request.device_memory = archdesc::tool::parse_bytes(options.device_memory);
    if (language_model)
      request.work.sequence =
          options.sequence > 0 ? options.sequence : (geometry ? geometry->context : default_input[0]);
    const archdesc::trace_result traced =
        language_model ? model.trace(archdesc::shape{request.work.sequence}) : model.trace();
    const archdesc::tool::memory_plan plan =
        archdesc::tool::plan_memory({model.title, traced, geometry, model.base->no_split_modules}, request);
    archdesc::tool::write_stdout(options.format == "json" ? archdesc::tool::memory_json(plan)
                                                          : archdesc::tool::memory_markdown(plan));
  } catch (const std::invalid_argument& e) {
    throw usage_error(e.what());
  } catch (const std::overflow_error&) {
    throw usage_error(fmt::format("the bytes of {} at these sizes overflow 64 bits", model.title));
  }
  return 0;
}

struct verify_options {
  std::string checkpoint;
  model_request model;
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
  throw usage_error(fmt::format("--dtype '{}' is not a safetensors dtype ({})", text, fmt::join(names, ", ")));
}

int verify_checkpoint(const verify_options& options) {
  const resolved_model model = archdesc::tool::resolve_model(options.model);
  archdesc::tool::comparison_options comparing;
  comparing.parameters_only = options.parameters_only;
  comparing.ignore_buffers_on_load = model.base->reference == archdesc::tool::reference::transformers;
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
  out += fmt::format("{} {} {} ({}: {} tensors)\n", archdesc::tool::printable(options.checkpoint),
                     matches ? "matches" : "does not match", model.title,
                     options.parameters_only ? "named_parameters()" : "state_dict()", comparison.compared);
  archdesc::tool::write_stdout(out);
  return matches ? 0 : failure;
}

// --set, --title and --hf-config, on every command that takes one NAME; returns --set.
CLI::Option* add_model_options(CLI::App& command, model_request& request) {
  // A title heads Markdown, SVG, HTML and a C++ comment: a control character would break each of them.
  const CLI::Validator one_line_of_text(
      [](const std::string& title) {
        const auto control = std::find_if(title.begin(), title.end(),
                                          [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
        return control == title.end()
                   ? std::string()
                   : fmt::format("a title is one line of text; byte {} is the control character 0x{:02x}",
                                 control - title.begin() + 1, static_cast<unsigned char>(*control));
      },
      "TEXT");
  command.add_option("--title", request.title, "The report's title (default: NAME)")->check(one_line_of_text);
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

// The commands, as `archdesc --help` lists them.
struct command_entry {
  std::string_view name;
  std::string_view description;
};
constexpr command_entry commands[] = {
    {"list", "Print the built-in architectures, one a line, by domain"},
    {"report", "Print or write the parameter report of a built-in architecture"},
    {"shapes", "Print every module's output shape, parameters and MACs"},
    {"diff", "What changes from architecture A to B"},
    {"knobs", "Print every knob of an architecture: name, type, value, class default"},
    {"descriptor", "Print the architecture as a C++ file: its knobs and its counts asserted"},
    {"chart", "Draw the module tree as a treemap, areas proportional to parameters, MACs or memory"},
    {"memory", "Weights, inference and training memory, per device, and devices to fit"},
    {"verify",
     "Check a .safetensors checkpoint's tensor names, shapes and dtypes against an architecture's state_dict()"},
};

// Whether a command was set up (see main) and named on the command line.
bool chosen(const CLI::App* command) { return command != nullptr && command->parsed(); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "archdesc: parameter reports, shapes and costs of neural-network architectures, from constexpr descriptors"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(ARCHDESC_VERSION));
  // Only the command that the first word names is set up, with its options; every command when
  // that word names none (--help, a mistake). Setting up all nine commands' options cost CLI11
  // 1.0 of the 3.8 million instructions of `archdesc report resnet18`.
  const bool one_command =
      argc > 1 && std::any_of(std::begin(commands), std::end(commands),
                              [&](const command_entry& command) { return command.name == argv[1]; });
  const auto add_command = [&](std::string_view name) -> CLI::App* {
    if (one_command && name != argv[1]) return nullptr;
    const auto* command = std::find_if(std::begin(commands), std::end(commands),
                                       [&](const command_entry& entry) { return entry.name == name; });
    return app.add_subcommand(std::string(name), std::string(command->description));
  };

  bool long_list = false;
  CLI::App* const list = add_command("list");
  if (list != nullptr) list->add_flag("--long", long_list, "Add family, tensors and parameters");

  // A picture's format is its file's extension: another one is a usage mistake.
  const CLI::Validator picture_file(
      [](const std::string& path) -> std::string {
        // An empty value is reported as for every option, by reject_empty_values.
        if (path.empty() || archdesc::tool::picture_format_of(path)) return "";
        return fmt::format("{}: a chart is a .png or .svg file", path);
      },
      "FILE.png|FILE.svg");

  report_options report_args;
  CLI::Option* report_input = nullptr;
  CLI::App* const report = add_command("report");
  if (report != nullptr) {
    auto* report_name =
        report->add_option("NAME", report_args.model.name, "A built-in architecture (see `archdesc list`)");
    auto* report_set = add_model_options(*report, report_args.model);
    report->add_option("--format", report_args.format, "md (the reference format), json, csv or html (one page)")
        ->check(CLI::IsMember({"md", "json", "csv", "html"}));
    report->add_option("-o,--output", report_args.output, "Write to this file (with --all: this directory)");
    auto* chart =
        report->add_option("--chart", report_args.chart, "Also draw the pie chart of parameters by form (.png or .svg)")
            ->check(picture_file);
    report->add_flag("--with-cost", report_args.with_cost, "Markdown: add input, output, MACs and memory");
    report_input =
        report->add_option("--input", report_args.input_text, "Input shape without the batch, e.g. 3x256x256");
    auto* all = report->add_flag("--all", report_args.all, "Write every built-in report into the --output directory");
    report->add_flag("--charts", report_args.charts, "With --all: also draw every pie chart (PNG)")->needs(all);
    all->excludes(report_name)->excludes(chart)->excludes(report_input)->excludes(report_set);
  }

  model_request shapes_model;
  std::string shapes_input;
  CLI::Option* shapes_input_option = nullptr;
  CLI::App* const shapes = add_command("shapes");
  if (shapes != nullptr) {
    shapes->add_option("NAME", shapes_model.name, "A built-in architecture");
    add_model_options(*shapes, shapes_model);
    shapes_input_option = shapes->add_option("--input", shapes_input, "Input shape without the batch, e.g. 3x256x256");
  }

  model_request diff_a, diff_b;
  CLI::App* const diff = add_command("diff");
  if (diff != nullptr) {
    diff->add_option("A", diff_a.name, "A built-in architecture")->required();
    diff->add_option("B", diff_b.name, "A built-in architecture")->required();
    diff->add_option("--set-a", diff_a.sets, "KNOB=VALUE: change a knob of A (repeatable)")->allow_extra_args(false);
    diff->add_option("--set-b", diff_b.sets, "KNOB=VALUE: change a knob of B (repeatable)")->allow_extra_args(false);
  }

  model_request knobs_model;
  std::string knobs_format = "text";
  CLI::App* const knobs = add_command("knobs");
  if (knobs != nullptr) {
    knobs->add_option("NAME", knobs_model.name, "A built-in architecture");
    add_model_options(*knobs, knobs_model);
    knobs->add_option("--format", knobs_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  }

  model_request descriptor_model;
  CLI::App* const descriptor = add_command("descriptor");
  if (descriptor != nullptr) {
    descriptor->add_option("NAME", descriptor_model.name, "A built-in architecture");
    add_model_options(*descriptor, descriptor_model);
  }

  model_request chart_model;
  std::string chart_by = "parameters", chart_output, chart_input;
  const std::map<std::string, archdesc::tool::measure> measures{{"parameters", archdesc::tool::measure::parameters},
                                                                {"macs", archdesc::tool::measure::macs},
                                                                {"memory", archdesc::tool::measure::memory}};
  CLI::Option* chart_input_option = nullptr;
  CLI::App* const chart_command = add_command("chart");
  if (chart_command != nullptr) {
    chart_command->add_option("NAME", chart_model.name, "A built-in architecture");
    add_model_options(*chart_command, chart_model);
    chart_command
        ->add_option("--by", chart_by,
                     "parameters (default), macs or memory (fp32 parameters and activations, batch 1)")
        ->check(CLI::IsMember(measures));
    chart_command->add_option("-o,--output", chart_output, "The picture, FILE.png or FILE.svg")
        ->required()
        ->check(picture_file);
    chart_input_option =
        chart_command->add_option("--input", chart_input, "Input shape without the batch, e.g. 3x256x256");
  }

  memory_options memory_args;
  CLI::App* const memory = add_command("memory");
  if (memory != nullptr) {
    const CLI::Validator at_least_one(
        [](const std::string& value) {
          std::int64_t number = 0;
          const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
          return error == std::errc{} && end == value.data() + value.size() && number >= 1
                     ? std::string()
                     : fmt::format("'{}' is not a whole number of at least 1", value);
        },
        "INT>=1");
    archdesc::tool::memory_request& memory_request = memory_args.request;
    memory->add_option("NAME", memory_args.model.name, "A built-in architecture");
    add_model_options(*memory, memory_args.model);
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
        ->add_option("--recompute", memory_args.recompute,
                     "Activation recomputation: none (default), selective or full")
        ->check(CLI::IsMember({"none", "selective", "full"}));
    memory->add_option("--device-memory", memory_args.device_memory,
                       "Memory of one device, e.g. 80GiB: print the fewest devices that fit, per strategy");
    memory->add_option("--format", memory_args.format, "md (binary units) or json (exact bytes)")
        ->check(CLI::IsMember({"md", "json"}));
  }

  verify_options verify_args;
  CLI::App* const verify = add_command("verify");
  if (verify != nullptr) {
    verify
        ->add_option("CHECKPOINT", verify_args.checkpoint,
                     "A .safetensors file, a Hugging Face model.safetensors.index.json with its shards, or a "
                     "directory of shards (only headers are read)")
        ->required();
    verify->add_option("NAME", verify_args.model.name, "A built-in architecture");
    add_model_options(*verify, verify_args.model);
    verify->add_flag("--parameters-only", verify_args.parameters_only,
                     "Compare with named_parameters(), for a file without buffers");
    verify->add_option("--dtype", verify_args.dtype,
                       "Every floating tensor must have this safetensors dtype (bf16, f16, f32...); integer buffers "
                       "keep theirs");
  }

  try {
    reject_unknown_command(app, argc, argv);
    app.parse(argc, argv);
    for (const CLI::App* command : app.get_subcommands()) reject_empty_values(*command);
    if (chosen(report) && !report_args.all && report_args.model.name.empty() && report_args.model.hf_config.empty())
      throw CLI::RequiredError("NAME (or --all, or --hf-config)");
    if (chosen(report) && report_args.all && report_args.output.empty())
      throw CLI::RequiredError("--output DIRECTORY (with --all)");
    archdesc::tool::require_applies(report_args.with_cost, report_args.format == "md", "--with-cost",
                                    "with --format md (the JSON report has the costs; CSV has none)");
    if (report_input != nullptr && report_input->count() > 0)
      report_args.input = archdesc::tool::parse_shape_option("--input", report_args.input_text);
  } catch (const CLI::Success& e) {  // --help, --version
    std::ostringstream out, err;
    const int status = app.exit(e, out, err);
    try {
      archdesc::tool::write_stdout(out.str());
    } catch (const std::exception& write_failure) {
      fmt::print(stderr, "archdesc: {}\n", error_text(write_failure.what()));
      return failure;
    }
    return status;
  } catch (const CLI::ParseError& e) {
    const CLI::App* command = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    fmt::print(stderr, "archdesc: {}\n\n{}", error_text(e.what()), command->help());
    return usage_status;
  } catch (const usage_error& e) {
    fmt::print(stderr, "archdesc: {}\n", error_text(e.what()));
    return usage_status;
  }

  try {
    if (chosen(list)) {
      std::string out;
      for (const archdesc::tool::domain domain : archdesc::tool::domains) {
        std::string names;
        for (const auto& model : archdesc::tool::builtin_models()) {
          if (model.domain != domain) continue;
          if (!long_list) {
            names += fmt::format("{}\n", model.name);
            continue;
          }
          const auto traced = model.trace(archdesc::trace_tables::parameters_only());
          names += fmt::format("{:<22} {:<20} {:>6} tensors {:>20} parameters ({})\n", model.name, model.family,
                               traced.parameters.size(), archdesc::tool::grouped(traced.parameter_total),
                               archdesc::count_text(traced.parameter_total));
        }
        if (!names.empty())
          out += fmt::format("{}{}:\n{}", out.empty() ? "" : "\n", archdesc::tool::domain_name(domain), names);
      }
      archdesc::tool::write_stdout(out);
      return 0;
    }
    if (chosen(report)) return report_args.all ? report_all(report_args) : report_one(report_args);
    if (chosen(shapes)) {
      const resolved_model model = archdesc::tool::resolve_model(shapes_model);
      std::optional<archdesc::shape> input;
      if (shapes_input_option->count() > 0) input = archdesc::tool::parse_shape_option("--input", shapes_input);
      archdesc::tool::write_stdout(archdesc::tool::shapes_table(model.title, model.trace(input)));
      return 0;
    }
    if (chosen(chart_command)) {
      std::optional<archdesc::shape> input;
      if (chart_input_option->count() > 0) input = archdesc::tool::parse_shape_option("--input", chart_input);
      return chart_one(chart_model, measures.at(chart_by), chart_output, input);
    }
    if (chosen(memory)) return memory_one(memory_args);
    if (chosen(diff)) {
      const resolved_model a = archdesc::tool::resolve_model(diff_a);
      const resolved_model b = archdesc::tool::resolve_model(diff_b);
      archdesc::tool::write_stdout(archdesc::tool::diff_report(archdesc::tool::label(diff_a), a.trace(),
                                                               archdesc::tool::label(diff_b), b.trace(),
                                                               archdesc::tool::knob_changes(a, b)));
      return 0;
    }
    if (chosen(knobs)) {
      archdesc::tool::write_stdout(
          archdesc::tool::knobs_listing(archdesc::tool::resolve_model(knobs_model), knobs_format));
      return 0;
    }
    if (chosen(descriptor)) {
      archdesc::tool::write_stdout(
          archdesc::tool::descriptor_source(archdesc::tool::resolve_model(descriptor_model), descriptor_model));
      return 0;
    }
    return verify_checkpoint(verify_args);
  } catch (const usage_error& e) {
    fmt::print(stderr, "archdesc: {}\n", error_text(e.what()));
    return usage_status;
  } catch (const std::exception& e) {
    fmt::print(stderr, "archdesc: {}\n", error_text(e.what()));
    return failure;
  }
}
