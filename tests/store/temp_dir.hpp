#pragma once
// A fresh directory, removed on destruction; by default on /dev/shm when available (the tests
// check process-crash semantics, where fsync to a disk only costs time), else $TMPDIR or /tmp.
#include <filesystem>
#include <string>

namespace zerodte::store::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& tag = "store");
  // Under `base` instead of $TMPDIR (e.g. /dev/shm for tests whose subject is a process crash,
  // not a power loss, where fsync to a disk would only make them slow).
  TempDir(const std::string& tag, const std::filesystem::path& base);
  // /dev/shm when it is a writable directory, else $TMPDIR or /tmp.
  static std::filesystem::path fast_base();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& s) const { return path_ / s; }

 private:
  std::filesystem::path path_;
};

}  // namespace zerodte::store::testing
