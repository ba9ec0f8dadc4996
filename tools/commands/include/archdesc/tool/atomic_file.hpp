// archdesc/tool/atomic_file.hpp: a file is written whole or not at all.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string_view>

namespace archdesc::tool {

// What cannot be written: the message names the path and the reason.
class output_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Calls write(temporary) to fill a temporary file beside `path`, then renames it over `path`;
// on any failure the temporary is removed, `path` is left as it was, and output_error is thrown.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path&)>& write);

// The same, for text.
void write_text_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace archdesc::tool
