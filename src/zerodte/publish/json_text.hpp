#pragma once
// Minimal JSON text helpers for the payloads publish/ and overseer/ build (Discord, Telegram,
// webhooks, explanation records): string escaping per RFC 8259 and number formatting that never
// prints NaN or infinity (they become null).
#include <string>
#include <string_view>

namespace zerodte::publish {

[[nodiscard]] std::string json_escape(std::string_view s);  // without the surrounding quotes
[[nodiscard]] std::string json_string(std::string_view s);  // "..." with escapes
[[nodiscard]] std::string json_number(double v);            // shortest round-trip, or null

}  // namespace zerodte::publish
