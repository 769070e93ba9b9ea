#pragma once
// spdlog formatter writing one JSON object per line:
//   {"ts":"2026-01-02T14:30:00.123456789Z","level":"info","logger":"zerodte","thread":1234,
//    "msg":"...","src":"file.cpp:42"}
// ("src" only when the call site passed a source location). Includes spdlog: .cpp files only.
#include <memory>

#include <spdlog/formatter.h>

namespace zerodte::core::log {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override;
};

// Appends `text` as a JSON string body (without the surrounding quotes), escaping quotes,
// backslashes and control characters.
void append_json_escaped(std::string_view text, spdlog::memory_buf_t& dest);

}  // namespace zerodte::core::log
