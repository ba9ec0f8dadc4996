// archdesc/tool/input_file.hpp: a file the command reads, opened only if it is a regular file.
//   const archdesc::tool::input_file file("model.safetensors");
//   const std::string start = file.read(0, 8);  // its first 8 bytes (fewer if the file is shorter)
// A FIFO, device, socket or directory is refused at once, with a message that says what it is:
// opening never waits for a writer, and reading never blocks on something that is not a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace archdesc::tool {

// What cannot be read: the message names the path and the reason.
class input_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class input_file {
 public:
  explicit input_file(const std::filesystem::path& path);
  ~input_file();
  input_file(const input_file&) = delete;
  input_file& operator=(const input_file&) = delete;

  std::uint64_t size() const { return size_; }
  // `count` bytes from `offset`, fewer only where the file ends.
  std::string read(std::uint64_t offset, std::size_t count) const;

 private:
  std::filesystem::path path_;
  int fd_;
  std::uint64_t size_ = 0;
};

}  // namespace archdesc::tool
