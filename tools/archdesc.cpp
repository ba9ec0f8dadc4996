// archdesc: prints what the descriptors compute.
//   archdesc list                 the built-in model names, one a line
//   archdesc report NAME          the parameter report of a built-in model (Markdown)
#include "builtin_models.hpp"

#include <archdesc/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>

namespace {

constexpr int usage_error = 2;

int list_models() {
  for (const auto& model : archdesc::tool::builtin_models()) fmt::print("{}\n", model.name);
  return 0;
}

int print_report(const std::string& name) {
  const auto* model = archdesc::tool::find_builtin(name);
  if (model == nullptr) {
    fmt::print(stderr, "archdesc: unknown architecture '{}'; the closest known: {}\n", name,
               fmt::join(archdesc::tool::closest_builtins(name, 3), ", "));
    return usage_error;
  }
  const std::string report = archdesc::markdown_report(model->name, model->trace());
  std::fwrite(report.data(), 1, report.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"archdesc: parameter reports of neural-network architectures, computed from constexpr descriptors"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(ARCHDESC_VERSION));
  auto* list = app.add_subcommand("list", "Print the built-in model names, one a line");
  std::string name;
  auto* report = app.add_subcommand("report", "Print the parameter report of a built-in model");
  report->add_option("NAME", name, "A built-in model (see `archdesc list`)")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "archdesc: {}\n\n{}", e.what(), app.help());
    return usage_error;
  }
  try {
    if (*list) return list_models();
    return print_report(name);
  } catch (const std::exception& e) {
    fmt::print(stderr, "archdesc: {}\n", e.what());
    return 1;
  }
}
