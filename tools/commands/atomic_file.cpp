#include <archdesc/tool/atomic_file.hpp>

#include <archdesc/tool/options.hpp>

#include "file_kind.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace archdesc::tool {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& reason) {
  throw output_error(fmt::format("cannot write {}: {}", path, reason));
}

std::string errno_text() { return std::strerror(errno); }

// The temporaries that exist now, which a signal that ends the command removes. Changed only while
// those signals are blocked, so that the handler never sees the list half-changed; never freed,
// since a handler may run until the process ends.
constexpr std::array<int, 4> ending_signals{SIGINT, SIGTERM, SIGHUP, SIGPIPE};
auto* const live_temporaries = new std::vector<std::string>;

extern "C" void remove_temporaries_and_end(int signal) {
  for (const std::string& path : *live_temporaries) ::unlink(path.c_str());
  ::raise(signal);  // SA_RESETHAND restored the default action: it ends the command once this returns
}

class ending_signals_blocked {
 public:
  ending_signals_blocked() {
    sigset_t blocked;
    sigemptyset(&blocked);
    for (int signal : ending_signals) sigaddset(&blocked, signal);
    ::pthread_sigmask(SIG_BLOCK, &blocked, &previous_);
  }
  ~ending_signals_blocked() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  ending_signals_blocked(const ending_signals_blocked&) = delete;
  ending_signals_blocked& operator=(const ending_signals_blocked&) = delete;

 private:
  sigset_t previous_;
};

// Installed when a temporary is made and none was live, unless the signal is ignored (nohup) or
// the handler is already there: whoever installed another handler since (a test framework) is
// overridden. Not once per temporary: `report --all` makes 139 of them.
void handle_ending_signals() {
  for (int signal : ending_signals) {
    struct sigaction current {};
    ::sigaction(signal, nullptr, &current);
    if (current.sa_handler == SIG_IGN || current.sa_handler == remove_temporaries_and_end) continue;
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_end;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    ::sigaction(signal, &action, nullptr);
  }
}

// Makes and registers a temporary file beside `path`; its descriptor is returned open.
int make_temporary(const std::filesystem::path& path, std::filesystem::path& temporary) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern = (directory / fmt::format(".{}.XXXXXX", path.filename().string())).string();
  const ending_signals_blocked blocked;
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail(path, errno_text());
  if (live_temporaries->empty()) handle_ending_signals();
  live_temporaries->push_back(pattern);
  temporary = pattern;
  return fd;
}

void remove_temporary(const std::filesystem::path& temporary, bool unlink) {
  const ending_signals_blocked blocked;
  if (unlink) ::unlink(temporary.c_str());
  const auto found = std::find(live_temporaries->rbegin(), live_temporaries->rend(), temporary.string());
  if (found != live_temporaries->rend()) live_temporaries->erase(std::next(found).base());
}

// The mode a new file gets: 0666 less the umask.
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

class descriptor {
 public:
  explicit descriptor(int fd) : fd_(fd) {}
  descriptor(descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ~descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  descriptor& operator=(descriptor&&) = delete;
  int get() const { return fd_; }
  // A write error may be reported only when the file is closed (NFS).
  void close(const std::filesystem::path& path) {
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) fail(path, errno_text());
  }

 private:
  int fd_;
};

// The path with ".", ".." and symbolic links resolved, as far as it exists.
std::filesystem::path resolved_path(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path), error);
  if (error) resolved = std::filesystem::absolute(path).lexically_normal();
  return resolved;
}

// All of text, through short writes and interruptions.
void write_all(int fd, const std::filesystem::path& path, std::string_view text) {
  while (!text.empty()) {
    const ::ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) fail(path, errno_text());
    if (written == 0) fail(path, "a write wrote nothing");
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

output_files::~output_files() {
  for (const output& out : outputs_)
    if (out.temporary) remove_temporary(*out.temporary, true);
  for (const file_system& written : file_systems_) ::close(written.fd);
}

// Resolving costs a status and a readlink per component of the path: the directory's resolution is
// kept for the next file in it (`report --all`'s 139), and a file name that is no symbolic link,
// "." or ".." resolves to itself in it.
std::filesystem::path output_files::resolve(const std::filesystem::path& path, bool symbolic_link) {
  const std::filesystem::path name = path.filename();
  std::filesystem::path resolved;
  if (symbolic_link || name.empty() || name == "." || name == "..") {
    resolved = resolved_path(path);
  } else {
    const std::filesystem::path directory = path.parent_path();
    if (!last_directory_ || last_directory_->first != directory)
      last_directory_.emplace(directory, resolved_path(directory.empty() ? "." : directory));
    resolved = last_directory_->second / name;
  }
  const auto named = resolved_.find(resolved);
  if (named != resolved_.end())
    throw usage_error(fmt::format("{} and {} are the same file: each output needs its own", named->second, path));
  return resolved;
}

void output_files::prepare(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path& temporary, int fd)>& write) {
  struct stat existing {};
  const int lstat_error = ::lstat(path.c_str(), &existing) == 0 ? 0 : errno;
  std::filesystem::path resolved = resolve(path, lstat_error == 0 && S_ISLNK(existing.st_mode));
  mode_t mode = 0;
  if (lstat_error == 0) {
    if (!S_ISREG(existing.st_mode))
      fail(path, fmt::format("it is {}, and only a regular file is replaced", file_kind(existing.st_mode)));
    mode = existing.st_mode & 0777;
  } else if (lstat_error == ENOENT) {
    if (!new_file_mode_) new_file_mode_ = new_file_mode();
    mode = *new_file_mode_;
  } else {
    fail(path, std::strerror(lstat_error));
  }
  std::filesystem::path temporary;
  descriptor fd(make_temporary(path, temporary));
  outputs_.push_back({path, temporary});
  resolved_.emplace(std::move(resolved), path);
  struct stat made {};
  if (::fchmod(fd.get(), mode) != 0 || ::fstat(fd.get(), &made) != 0) fail(path, errno_text());
  if (std::none_of(file_systems_.begin(), file_systems_.end(),
                   [&](const file_system& seen) { return seen.device == made.st_dev; })) {
    const int kept = ::dup(fd.get());
    if (kept < 0) fail(path, errno_text());
    file_systems_.push_back({made.st_dev, path, kept});
  }
  write(temporary, fd.get());
  fd.close(path);
}

void output_files::add(const std::filesystem::path& path, const writer& write) {
  prepare(path, [&](const std::filesystem::path& temporary, int) { write(temporary); });
}

void output_files::add_text(const std::filesystem::path& path, std::string_view text) {
  prepare(path, [&](const std::filesystem::path&, int fd) { write_all(fd, path, text); });
}

void output_files::set_stdout(std::string text) { stdout_ = std::move(text); }

void output_files::commit() {
  // On disk before the renames, so that a crash leaves the old file or the new one, not an empty
  // one: one syncfs per file system flushes every temporary at once, where an fsync per file waited
  // for the disk once per file (`report --all`'s 125 files: about 1 s of waiting on ext4).
  for (const file_system& written : file_systems_)
    if (::syncfs(written.fd) != 0) fail(written.path, errno_text());
  if (stdout_) write_stdout(*stdout_);
  for (output& out : outputs_) {
    if (::rename(out.temporary->c_str(), out.path.c_str()) != 0) fail(out.path, errno_text());
    remove_temporary(*out.temporary, false);
    out.temporary.reset();
  }
}

void write_atomically(const std::filesystem::path& path, const output_files::writer& write) {
  output_files outputs;
  outputs.add(path, write);
  outputs.commit();
}

void write_text_atomically(const std::filesystem::path& path, std::string_view text) {
  output_files outputs;
  outputs.add_text(path, text);
  outputs.commit();
}

void write_stdout(std::string_view text) {
  errno = 0;
  const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  if (!written || std::fflush(stdout) != 0 || std::ferror(stdout) != 0)
    throw output_error(
        fmt::format("cannot write to the standard output: {}", errno != 0 ? errno_text() : "a write failed"));
}

}  // namespace archdesc::tool
