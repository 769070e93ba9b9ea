#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1, 30 s steps, 6 digits),
// as AngelOne's loginByPassword requires (the TOTP secret is the base32 key behind the QR code
// the user enables in the SmartAPI portal).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::angelone {

// RFC 4648 base32 (case-insensitive, spaces and '=' padding ignored). The message never
// contains the input (it is a secret).
core::Result<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// HOTP value for `counter`, `digits` digits, zero-padded.
std::string hotp(const std::vector<std::uint8_t>& key, std::uint64_t counter, int digits = 6);

// TOTP at time `t` (seconds since the epoch / step).
core::Result<std::string> totp(std::string_view base32_secret, core::Timestamp t, int digits = 6,
                               int step_s = 30);

}  // namespace zerodte::adapters::angelone
