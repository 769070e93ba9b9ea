#include "zerodte/core/log/log.hpp"

#include <filesystem>
#include <memory>
#include <vector>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "zerodte/core/log/json_formatter.hpp"
#include "zerodte/core/log/redacting_sink.hpp"

namespace zerodte::core::log {
namespace {

constexpr std::string_view kTextPattern = "%Y-%m-%dT%H:%M:%S.%fZ %^%-5l%$ [%n] %v";

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::kTrace:
      return spdlog::level::trace;
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
    case Level::kCritical:
      return spdlog::level::critical;
    case Level::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

void set_child_format(const spdlog::sink_ptr& sink, Format format) {
  if (format == Format::kJson) {
    sink->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        std::string(kTextPattern), spdlog::pattern_time_type::utc));
  }
}

}  // namespace

Result<Level> parse_level(std::string_view text) {
  if (text == "trace") return Level::kTrace;
  if (text == "debug") return Level::kDebug;
  if (text == "info") return Level::kInfo;
  if (text == "warn" || text == "warning") return Level::kWarn;
  if (text == "error") return Level::kError;
  if (text == "critical") return Level::kCritical;
  if (text == "off") return Level::kOff;
  return fail(ErrorCode::kParse,
              "'{}' is not a log level (trace, debug, info, warn, error, critical, off)", text);
}

std::string_view to_string(Level level) noexcept {
  switch (level) {
    case Level::kTrace:
      return "trace";
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
    case Level::kCritical:
      return "critical";
    case Level::kOff:
      return "off";
  }
  return "info";
}

Result<Format> parse_format(std::string_view text) {
  if (text == "text") return Format::kText;
  if (text == "json") return Format::kJson;
  return fail(ErrorCode::kParse, "'{}' is not a log format (text, json)", text);
}

std::string_view to_string(Format format) noexcept {
  return format == Format::kJson ? "json" : "text";
}

Status init(const Options& options) {
  std::vector<spdlog::sink_ptr> children;
  if (options.to_stderr)
    children.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!options.file.empty()) {
    std::error_code ec;
    const std::filesystem::path path(options.file);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    try {
      children.push_back(
          std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file, /*truncate=*/false));
    } catch (const spdlog::spdlog_ex& e) {
      return fail(ErrorCode::kIo, "cannot open log file '{}': {}", options.file, e.what());
    }
  }
  for (const auto& child : children)
    set_child_format(child, options.format);
  auto sink = std::make_shared<RedactingSinkMt>(std::move(children));
  auto logger = std::make_shared<spdlog::logger>(options.logger_name, std::move(sink));
  logger->set_level(to_spdlog(options.level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  return ok();
}

void init_default() {
  (void)init(Options{});
}

void set_level(Level level) {
  spdlog::default_logger_raw()->set_level(to_spdlog(level));
}

void flush() {
  spdlog::default_logger_raw()->flush();
}

}  // namespace zerodte::core::log
