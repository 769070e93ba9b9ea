#include "zerodte/adapters/angelone/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>

namespace zerodte::adapters::angelone {

core::Result<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t pos = 0;
  for (const char raw : text) {
    ++pos;
    if (raw == ' ' || raw == '=' || raw == '-') continue;
    const char c = static_cast<char>(raw >= 'a' && raw <= 'z' ? raw - 'a' + 'A' : raw);
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) {
      return core::fail(core::ErrorCode::kParse,
                        "TOTP secret: character {} is not base32 (A-Z, 2-7)", pos);
    }
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xFF));
    }
  }
  if (out.empty()) return core::fail(core::ErrorCode::kParse, "TOTP secret: empty");
  return out;
}

std::string hotp(const std::vector<std::uint8_t>& key, std::uint64_t counter, int digits) {
  std::uint8_t msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<std::uint8_t>(counter & 0xFF);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof(msg), mac, &len);
  const int offset = mac[len - 1] & 0x0F;
  const std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                            (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                            (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                            static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i)
    mod *= 10;
  return fmt::format("{:0{}}", bin % mod, digits);
}

core::Result<std::string> totp(std::string_view base32_secret, core::Timestamp t, int digits,
                               int step_s) {
  auto key = base32_decode(base32_secret);
  if (!key) return std::unexpected(key.error());
  const std::int64_t secs = t.ns / core::kNanosPerSecond;
  return hotp(*key, static_cast<std::uint64_t>(secs / step_s), digits);
}

}  // namespace zerodte::adapters::angelone
