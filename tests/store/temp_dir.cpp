#include "temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>

#include <unistd.h>

namespace zerodte::store::testing {

TempDir::TempDir(const std::string& tag) : TempDir(tag, fast_base()) {}

TempDir::TempDir(const std::string& tag, const std::filesystem::path& base) {
  std::string templ = (base / ("zerodte-" + tag + "-XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + templ);
  path_ = templ;
}

std::filesystem::path TempDir::fast_base() {
  if (::access("/dev/shm", W_OK) == 0) return "/dev/shm";
  const char* base = std::getenv("TMPDIR");
  return base != nullptr ? base : "/tmp";
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace zerodte::store::testing
