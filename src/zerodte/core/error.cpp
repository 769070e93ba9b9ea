#include "zerodte/core/error.hpp"

namespace zerodte::core {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kParse:
      return "PARSE";
    case ErrorCode::kInvalid:
      return "INVALID";
    case ErrorCode::kOutOfRange:
      return "OUT_OF_RANGE";
    case ErrorCode::kOverflow:
      return "OVERFLOW";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kIo:
      return "IO";
    case ErrorCode::kConfig:
      return "CONFIG";
    case ErrorCode::kRejected:
      return "REJECTED";
    case ErrorCode::kTransport:
      return "TRANSPORT";
    case ErrorCode::kTimeout:
      return "TIMEOUT";
    case ErrorCode::kRateLimited:
      return "RATE_LIMITED";
    case ErrorCode::kAuth:
      return "AUTH";
    case ErrorCode::kUnsupported:
      return "UNSUPPORTED";
    case ErrorCode::kState:
      return "STATE";
    case ErrorCode::kInternal:
      return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Error::to_string() const {
  return fmt::format("{}: {}", zerodte::core::to_string(code), message);
}

}  // namespace zerodte::core
