#include <archdesc/tool/input_file.hpp>

#include "file_kind.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace archdesc::tool {

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. The type is then
// checked on the descriptor itself (fstat), so that nothing can swap the file between the check
// and the reads.
input_file::input_file(const std::filesystem::path& path)
    : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) {
  if (fd_ < 0) throw input_error(fmt::format("cannot read {}: {}", path_, std::strerror(errno)));
  struct stat status {};
  const bool known = ::fstat(fd_, &status) == 0;
  if (!known || !S_ISREG(status.st_mode)) {
    const std::string reason =
        known ? fmt::format("it is {}, not a regular file", file_kind(status.st_mode)) : std::strerror(errno);
    ::close(fd_);
    throw input_error(fmt::format("cannot read {}: {}", path_, reason));
  }
  size_ = static_cast<std::uint64_t>(status.st_size);
}

input_file::~input_file() { ::close(fd_); }

std::string input_file::read(std::uint64_t offset, std::size_t count) const {
  std::string bytes(count, '\0');
  std::size_t done = 0;
  while (done < count) {
    const ::ssize_t got = ::pread(fd_, bytes.data() + done, count - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw input_error(fmt::format("cannot read {}: {}", path_, std::strerror(errno)));
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  bytes.resize(done);
  return bytes;
}

}  // namespace archdesc::tool
