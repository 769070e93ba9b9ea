#pragma once
// Secret redaction for everything that leaves the process as text (logs, error messages shown on
// the dashboard, journals of free text). Two mechanisms:
//  1. Registered secrets: every occurrence of a registered value is replaced by "***". The config
//     loader registers every secret key's value (API keys, tokens, passwords) when it loads.
//  2. Credential patterns, whatever the value: `Authorization: Bearer <v>`, `apikey=<v>`,
//     `"password":"<v>"`, `APCA-API-SECRET-KEY: <v>`, `"jwtToken": "<v>"`, ... i.e. a key whose
//     name looks sensitive (is_sensitive_name) followed by ':' or '=' and a value.
// Thread-safe: any thread may register secrets while others log.
#include <cstddef>
#include <string>
#include <string_view>

namespace zerodte::core::log {

inline constexpr std::string_view kMask = "***";
// Shorter values are not registered (masking "ab" everywhere would mangle every message); such
// values are not credentials anyway.
inline constexpr std::size_t kMinSecretLength = 4;

// Registers a secret value. Returns false (and registers nothing) if it is shorter than
// kMinSecretLength. Registering the same value twice is harmless.
bool register_secret(std::string_view secret);
std::size_t secret_count();
// For tests only: forget all registered secrets.
void clear_secrets_for_testing();

// `text` with registered secrets and credential patterns replaced by kMask.
std::string redact(std::string_view text);

// Names such as password, api_key, apiKey, x-api-key, APCA-API-SECRET-KEY, client_secret,
// access_token, jwtToken, authorization (case, '-' and '_' are ignored).
bool is_sensitive_name(std::string_view name);

}  // namespace zerodte::core::log
