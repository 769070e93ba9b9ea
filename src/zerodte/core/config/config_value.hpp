#pragma once
// The typed values a validated config holds, and the value types a schema can declare.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::core::config {

enum class ValueType : std::uint8_t {
  kBool,        // true / false
  kInt,         // 64-bit integer
  kDouble,      // number (integers accepted)
  kString,      // any string
  kEnum,        // one of a fixed set of strings
  kTimeOfDay,   // "HH:MM" / "HH:MM:SS" or a TOML local time (10:00:00)
  kDate,        // "YYYY-MM-DD" or a TOML local date
  kDuration,    // "250us", "500ms", "3s", "5m", "2h", "1d", or compound "1m30s"
  kPrice,       // exact decimal: "0.05" (exact) or a TOML number (rounded to 1e-9)
  kStringList,  // array of strings
  kNumberList,  // array of numbers
  kDateList,    // array of dates
};

std::string_view to_string(ValueType type) noexcept;

// Which alternative holds which ValueType: kBool bool, kInt int64_t, kDouble double,
// kString/kEnum std::string, kTimeOfDay TimeOfDay, kDate Date, kDuration Duration, kPrice Price,
// kStringList vector<string>, kNumberList vector<double>, kDateList vector<Date>.
using Value = std::variant<bool, std::int64_t, double, std::string, TimeOfDay, Date, Duration,
                           Price, std::vector<std::string>, std::vector<double>, std::vector<Date>>;

// Human/TOML-like rendering: 3, 2.5, "text", 10:00, 2025-01-09, "500ms", "0.05", ["a", "b"].
std::string format_value(const Value& value);

Result<Duration> parse_duration(std::string_view text);
// Shortest exact form: "500ms", "3s", "1m30s", "0s".
std::string format_duration(Duration d);

}  // namespace zerodte::core::config
