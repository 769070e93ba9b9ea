#pragma once
// ${VAR} expansion in config strings:
//   ${VAR}           the value of VAR; an error naming VAR if it is not set
//   ${VAR:-default}  the value of VAR if set and non-empty, otherwise `default` (may be empty)
//   ${file:PATH}     the contents of the file PATH, trailing newlines removed (Docker/Kubernetes
//                    secrets: `api_secret = "${file:/run/secrets/alpaca_secret}"`); at most 64 KiB
//   $$               a literal '$'
// A '$' followed by anything else is kept literally. VAR is [A-Za-z_][A-Za-z0-9_]*.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::core::config {

// Looks a variable up; nullopt when unset. Tests inject a map; the default reads the process
// environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

EnvLookup process_env();

struct Expanded {
  std::string text;
  std::vector<std::string> variables;  // names referenced (set or defaulted), "file:PATH" for files
  [[nodiscard]] bool used_env() const { return !variables.empty(); }
};

// Errors: kNotFound "environment variable `VAR` is not set" / "cannot read secret file `PATH`",
// kParse for "${" without "}" or a malformed name. Messages never contain values.
Result<Expanded> expand_env(std::string_view text, const EnvLookup& env);

}  // namespace zerodte::core::config
