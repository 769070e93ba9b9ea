#include "zerodte/core/log/json_formatter.hpp"

#include <chrono>
#include <string_view>

#include <fmt/format.h>
#include <spdlog/details/log_msg.h>

#include "zerodte/core/time.hpp"

namespace zerodte::core::log {

void append_json_escaped(std::string_view text, spdlog::memory_buf_t& dest) {
  for (const char c : text) {
    switch (c) {
      case '"':
        dest.append(std::string_view("\\\""));
        break;
      case '\\':
        dest.append(std::string_view("\\\\"));
        break;
      case '\n':
        dest.append(std::string_view("\\n"));
        break;
      case '\r':
        dest.append(std::string_view("\\r"));
        break;
      case '\t':
        dest.append(std::string_view("\\t"));
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(dest), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          dest.push_back(c);
        }
    }
  }
}

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(msg.time.time_since_epoch()).count();
  const auto level = spdlog::level::to_string_view(msg.level);
  auto out = std::back_inserter(dest);
  fmt::format_to(out, R"({{"ts":"{}","level":"{}","logger":")", to_iso8601(Timestamp{ns}),
                 std::string_view(level.data(), level.size()));
  append_json_escaped(std::string_view(msg.logger_name.data(), msg.logger_name.size()), dest);
  fmt::format_to(out, R"(","thread":{},"msg":")", msg.thread_id);
  append_json_escaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  dest.push_back('"');
  if (!msg.source.empty()) {
    dest.append(std::string_view(R"(,"src":")"));
    append_json_escaped(msg.source.filename, dest);
    fmt::format_to(out, ":{}\"", msg.source.line);
  }
  dest.append(std::string_view("}\n"));
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
  return std::make_unique<JsonFormatter>();
}

}  // namespace zerodte::core::log
