#include "zerodte/store/file_util.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace zerodte::store {
namespace {
std::unexpected<core::Error> io_error(std::string_view what, const std::filesystem::path& p,
                                      int err) {
  return core::fail(core::ErrorCode::kIo, "{} {}: {}", what, p.string(), std::strerror(err));
}
}  // namespace

void FileHandle::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

core::Result<FileHandle> open_file(const std::filesystem::path& p, int flags, int mode) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC, mode);
  if (fd < 0) return io_error("open", p, errno);
  return FileHandle(fd);
}

core::Status write_all(int fd, std::span<const std::byte> data, const std::filesystem::path& p) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("write", p, errno);
    }
    data = data.subspan(static_cast<std::size_t>(n));
  }
  return core::ok();
}

core::Status sync_fd(int fd, const std::filesystem::path& p) {
  if (::fdatasync(fd) != 0) return io_error("fdatasync", p, errno);
  return core::ok();
}

core::Status sync_dir(const std::filesystem::path& dir) {
  auto h = open_file(dir, O_RDONLY | O_DIRECTORY);
  if (!h) return std::unexpected(h.error());
  if (::fsync(h->get()) != 0) return io_error("fsync directory", dir, errno);
  return core::ok();
}

core::Result<Bytes> read_file(const std::filesystem::path& p) {
  auto h = open_file(p, O_RDONLY);
  if (!h) return std::unexpected(h.error());
  struct stat st {};
  if (::fstat(h->get(), &st) != 0) return io_error("stat", p, errno);
  Bytes out(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(h->get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("read", p, errno);
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return out;
}

core::Status write_file_atomic(const std::filesystem::path& p, std::span<const std::byte> data) {
  const std::filesystem::path tmp = p.string() + ".tmp";
  {
    auto h = open_file(tmp, O_WRONLY | O_CREAT | O_TRUNC);
    if (!h) return std::unexpected(h.error());
    if (auto st = write_all(h->get(), data, tmp); !st) return st;
    if (::fsync(h->get()) != 0) return io_error("fsync", tmp, errno);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, p, ec);
  if (ec)
    return core::fail(core::ErrorCode::kIo, "rename {} -> {}: {}", tmp.string(), p.string(),
                      ec.message());
  return sync_dir(p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path());
}

}  // namespace zerodte::store
