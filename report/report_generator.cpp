#include <archdesc/report.hpp>
#include <archdesc/report_generator.hpp>

#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace archdesc {

int run_report_generator(int argc, char** argv, const report_writer& write) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s OUTPUT [CHART]\n", argv[0]);
    return 2;
  }
  try {
    write(argv[1], argc == 3 ? argv[2] : nullptr);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
}

namespace {

namespace fs = std::filesystem;

// Whole or not at all: a temporary file beside the output, then a rename.
void write_text(const fs::path& path, const std::string& text) {
  const fs::path temporary = fs::path(path).concat(".tmp");
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error("cannot write " + temporary.string());
    }
  }
  fs::rename(temporary, path);
}

}  // namespace

int markdown_report_generator(int argc, char** argv, std::string_view name, trace_function trace) {
  return run_report_generator(argc, argv, [&](const fs::path& output, const char* chart) {
    if (chart != nullptr) throw std::runtime_error("a chart needs archdesc::commands");
    write_text(output, markdown_report(name, trace()));
  });
}

}  // namespace archdesc
