#include <archdesc/tool/atomic_file.hpp>

#include <fmt/format.h>
#include <fmt/std.h>

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace archdesc::tool {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& reason) {
  throw output_error(fmt::format("cannot write {}: {}", path, reason));
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path&)>& write) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern = (directory / fmt::format(".{}.XXXXXX", path.filename().string())).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail(path, errno_text());
  const mode_t umask = ::umask(0);  // mkstemp makes 0600; the result gets an ordinary file's mode
  ::umask(umask);
  ::fchmod(fd, 0666 & ~umask);
  ::close(fd);
  const std::filesystem::path temporary = pattern;
  try {
    write(temporary);
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) fail(path, error.message());
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

void write_text_atomically(const std::filesystem::path& path, std::string_view text) {
  write_atomically(path, [&](const std::filesystem::path& temporary) {
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) fail(path, errno_text());
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const int write_errno = errno;
    if (std::fclose(file) != 0 || !written) {
      errno = written ? errno : write_errno;
      fail(path, errno_text());
    }
  });
}

}  // namespace archdesc::tool
