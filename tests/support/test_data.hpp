// Golden data of the tests (made from torchvision by tools/goldens/make_goldens.py) and the non-default
// variants they were made for.
#pragma once

#include <archdesc/trace.hpp>

#include <builtin_models.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace archdesc::test {

inline std::filesystem::path data_path(const std::string& relative) {
  return std::filesystem::path(ARCHDESC_TEST_DATA) / relative;
}

// The file's bytes; empty if it does not exist.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct variant {
  std::string name;
  std::function<trace_result()> trace;
};

// Non-default variants, at least two per family: the same names as in tools/goldens/make_goldens.py.
// Defined in test_data.cpp as built-ins with knobs changed (--set's code), traced by the registry.
std::vector<variant> variants();

// Every model with goldens made from torchvision: the variants and the torchvision built-ins.
std::vector<variant> all_models();

}  // namespace archdesc::test
