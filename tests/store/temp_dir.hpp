#pragma once
// A fresh directory under $TMPDIR (or /tmp), removed on destruction.
#include <filesystem>
#include <string>

namespace zerodte::store::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& tag = "store");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& s) const { return path_ / s; }

 private:
  std::filesystem::path path_;
};

}  // namespace zerodte::store::testing
