#pragma once
// Small POSIX file helpers with errors that name the file and the failed call.
#include <filesystem>
#include <span>
#include <string>

#include "zerodte/core/error.hpp"
#include "zerodte/store/byte_codec.hpp"

namespace zerodte::store {

// An owned file descriptor.
class FileHandle {
 public:
  FileHandle() = default;
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle() { reset(); }
  FileHandle(FileHandle&& o) noexcept : fd_(o.release()) {}
  FileHandle& operator=(FileHandle&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = o.release();
    }
    return *this;
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool valid() const { return fd_ >= 0; }
  int release() {
    const int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset();

 private:
  int fd_ = -1;
};

[[nodiscard]] core::Result<FileHandle> open_file(const std::filesystem::path& p, int flags,
                                                 int mode = 0644);
[[nodiscard]] core::Status write_all(int fd, std::span<const std::byte> data,
                                     const std::filesystem::path& p);
[[nodiscard]] core::Status sync_fd(int fd, const std::filesystem::path& p);  // fdatasync
[[nodiscard]] core::Status sync_dir(const std::filesystem::path& dir);
[[nodiscard]] core::Result<Bytes> read_file(const std::filesystem::path& p);
// Writes to p.tmp, fsyncs, renames over p and fsyncs the directory.
[[nodiscard]] core::Status write_file_atomic(const std::filesystem::path& p,
                                             std::span<const std::byte> data);

}  // namespace zerodte::store
