#pragma once
// Runs the built `zerodte` binary (ZERODTE_BINARY) as a subprocess for end-to-end CLI tests.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace zerodte::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout + stderr
};

// `args` are appended to the binary path as shell words; `cwd` (optional) is the directory it
// runs in.
inline CliRun run_zerodte(const std::string& args, const std::string& cwd = {}) {
  std::string cmd = cwd.empty() ? std::string() : "cd '" + cwd + "' && ";
  cmd += std::string("'") + ZERODTE_BINARY + "' " + args + " 2>&1";
  CliRun r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    r.output.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace zerodte::testing
