// archdesc/tool/atomic_file.hpp: a command's outputs are written whole, all of them or none.
//   archdesc::tool::output_files outputs;
//   outputs.add_text(report, markdown);
//   outputs.add(chart, [&](const std::filesystem::path& temporary) { draw(temporary); });
//   outputs.set_stdout(summary);
//   outputs.commit();
// Each file is written to a temporary beside it as soon as it is added, so that a command making
// many files need not hold all their text (`report --all` makes 8.4 MB of it); commit() renames
// every temporary over its file once every file and the standard output have been written, and
// add() or commit() throw output_error when they cannot (then no file has changed). Only a regular
// file is replaced (never a device, FIFO, symbolic link or directory), and it keeps its mode.
// Temporaries are removed on failure and when SIGINT, SIGTERM, SIGHUP or SIGPIPE ends the command.
// Before the first rename, every file system written to is flushed once (syncfs): after a crash or
// a power loss each file is the old one or the whole new one, never an empty or partial one. One
// flush in all, not an fsync per file: each fsync waits for the disk on its own (milliseconds
// each: 1 s for `report --all`'s 125 files).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archdesc::tool {

// What cannot be written: the message names the path and the reason.
class output_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class output_files {
 public:
  using writer = std::function<void(const std::filesystem::path& temporary)>;

  output_files() = default;
  output_files(const output_files&) = delete;
  output_files& operator=(const output_files&) = delete;
  ~output_files();  // removes the temporaries of an unfinished commit

  // A file to write: `write` fills, now, the temporary that will become `path`; throws
  // output_error when it cannot (and then the destructor removes every temporary). The same file
  // named twice (after resolving "." , ".." and symbolic links) is a usage_error.
  void add(const std::filesystem::path& path, const writer& write);
  void add_text(const std::filesystem::path& path, std::string_view text);
  // Text for the standard output, written after the files' temporaries and before the renames.
  void set_stdout(std::string text);
  void commit();

 private:
  struct output {
    std::filesystem::path path;
    std::optional<std::filesystem::path> temporary;  // until renamed
  };
  // Each file system written to, with a temporary on it kept open, to flush each one once.
  struct file_system {
    dev_t device;
    std::filesystem::path path;  // of the first output on it, for a message
    int fd;
  };
  // The path with ".", ".." and symbolic links resolved; a usage_error if an output has it already.
  std::filesystem::path resolve(const std::filesystem::path& path, bool symbolic_link);
  // Makes the temporary of `path` and calls write with it and its open descriptor.
  void prepare(const std::filesystem::path& path,
               const std::function<void(const std::filesystem::path& temporary, int fd)>& write);
  std::vector<output> outputs_;
  std::map<std::filesystem::path, std::filesystem::path> resolved_;  // each output's, to the path given
  std::optional<std::pair<std::filesystem::path, std::filesystem::path>> last_directory_;  // and its resolution
  std::vector<file_system> file_systems_;
  std::optional<mode_t> new_file_mode_;  // 0666 less the umask, asked once
  std::optional<std::string> stdout_;
};

// One file (output_files with one entry).
void write_atomically(const std::filesystem::path& path, const output_files::writer& write);
void write_text_atomically(const std::filesystem::path& path, std::string_view text);

// Writes to the standard output and flushes it; throws output_error when it cannot (a full disk,
// a closed pipe), so that the command exits non-zero instead of losing its output.
void write_stdout(std::string_view text);

}  // namespace archdesc::tool
