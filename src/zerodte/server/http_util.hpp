#pragma once
// Small helpers shared by the server's .cpp files (no Beast here).
#include <map>
#include <string>
#include <string_view>

namespace zerodte::server {

// Splits "/a/b?x=1&y=2" into the path and a decoded query map. nullopt-like: empty path on error.
struct Target {
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  bool ok = false;
};
[[nodiscard]] Target parse_target(std::string_view target);
[[nodiscard]] std::string percent_decode(std::string_view s, bool& ok);
[[nodiscard]] std::string json_escape(std::string_view s);
[[nodiscard]] std::string error_json(std::string_view reason);
[[nodiscard]] std::string_view mime_type(std::string_view path);

}  // namespace zerodte::server
