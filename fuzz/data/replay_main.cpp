// Runs LLVMFuzzerTestOneInput over every file in the given files/directories (recursively) and
// over every prefix-truncation and a few byte flips of each: a corpus smoke test for builds
// without libFuzzer (g++). Prints "N passed, 0 failed"; a crash or sanitizer report fails it.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t runs = 0;
  auto run = [&](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> b((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(b.data(), b.size());
    ++runs;
    const std::size_t step = b.size() / 16 + 1;
    for (std::size_t n = 0; n < b.size(); n += step) {
      LLVMFuzzerTestOneInput(b.data(), n);
      ++runs;
    }
    for (std::size_t i = 0; i < b.size(); i += step) {
      auto c = b;
      c[i] ^= 0xA5;
      LLVMFuzzerTestOneInput(c.data(), c.size());
      ++runs;
    }
  };
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path p(argv[i]);
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
        if (e.is_regular_file()) run(e.path().string());
      }
    } else if (std::filesystem::exists(p)) {
      run(p.string());
    }
  }
  std::printf("%zu passed, 0 failed\n", runs);
  return runs > 0 ? 0 : 1;
}
