#pragma once
// Expected failures are values: every parser, validator, risk check and venue call returns
// Result<T> = std::expected<T, Error>. The message names the input and the rule broken.
#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace zerodte::core {

enum class ErrorCode : std::uint8_t {
  kParse,        // malformed text or binary input
  kInvalid,      // well-formed but violates a rule (tick, range, state)
  kOutOfRange,   // value beyond representable or allowed bounds
  kOverflow,     // arithmetic overflow
  kNotFound,     // unknown symbol, id, key or file
  kIo,           // file or socket failure
  kConfig,       // configuration error
  kRejected,     // risk or venue rejection
  kTransport,    // network failure; may be retried
  kTimeout,      // deadline passed
  kRateLimited,  // throttled (HTTP 429, pacing)
  kAuth,         // authentication/authorisation failure
  kUnsupported,  // feature/version not supported
  kState,        // illegal in the current state (e.g. order transition)
  kInternal,     // broken invariant detected at a boundary
};

std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  // Prefixes context ("file.csv:12: ") to the message, keeping the code.
  [[nodiscard]] Error with_context(std::string_view context) const {
    return Error{code, fmt::format("{}: {}", context, message)};
  }
  [[nodiscard]] std::string to_string() const;
};

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

template <typename... Args>
[[nodiscard]] std::unexpected<Error> fail(ErrorCode code, fmt::format_string<Args...> format,
                                          Args&&... args) {
  return std::unexpected<Error>(Error{code, fmt::format(format, std::forward<Args>(args)...)});
}

[[nodiscard]] inline Status ok() {
  return {};
}

}  // namespace zerodte::core

template <>
struct fmt::formatter<zerodte::core::Error> : fmt::formatter<std::string> {
  auto format(const zerodte::core::Error& e, format_context& ctx) const {
    return fmt::formatter<std::string>::format(e.to_string(), ctx);
  }
};
