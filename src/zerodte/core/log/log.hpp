#pragma once
// Process-wide logging set-up (spdlog underneath). This header is deliberately light: it does not
// include spdlog. Code that logs includes <spdlog/spdlog.h> in its .cpp file and uses the default
// logger (`spdlog::info("...")`); init() installs that default logger with a redacting sink, so
// every message is scrubbed of registered secrets and credential patterns (redactor.hpp) before
// any sink (stderr, file) sees it.
//
//   core::log::init({.level = Level::kInfo, .format = Format::kJson, .file = "var/zerodte.log"});
//   spdlog::info("connected to {}", url);
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/log/redactor.hpp"

namespace zerodte::core::log {

enum class Level : std::uint8_t { kTrace, kDebug, kInfo, kWarn, kError, kCritical, kOff };
enum class Format : std::uint8_t { kText, kJson };

// "trace", "debug", "info", "warn" (or "warning"), "error", "critical", "off".
Result<Level> parse_level(std::string_view text);
std::string_view to_string(Level level) noexcept;
// "text" or "json".
Result<Format> parse_format(std::string_view text);
std::string_view to_string(Format format) noexcept;

struct Options {
  Level level = Level::kInfo;
  Format format = Format::kText;  // kJson: one JSON object per line
  bool to_stderr = true;
  std::string file;  // empty: no file; otherwise appended to (parent directories are created)
  std::string logger_name = "zerodte";
};

// Replaces spdlog's default logger. Call it from main() before other threads log (spdlog does
// not synchronise swapping the default logger with concurrent logging); calling it again after
// the config is loaded, still single-threaded, is fine.
// Fails with kIo if the log file cannot be opened.
Status init(const Options& options);
// Default set-up for commands that have not loaded a config: text, info, stderr, redacting.
void init_default();
void set_level(Level level);
void flush();

}  // namespace zerodte::core::log
