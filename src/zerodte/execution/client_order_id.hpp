#pragma once
// Deterministic client order ids (seed 004 §6.1: the idempotency key). The id is a pure function
// of (namespace, strategy, signal id, intent seq, revision), so a retry, a restart or a second
// machine derives the same id for the same intent, and the venue's own duplicate check on
// client_order_id backs up ours.
//
// Format: "z<strategy>-<13 chars>" e.g. "z7-4k2m9x0c1qv8d" (<= 20 chars: fits FIX ClOrdID,
// Alpaca, Tradier and AngelOne's 20-char ordertag). The 13 characters are the 64-bit hash in
// Crockford base32 (lower case, no i/l/o/u), so ids are readable over the phone and URL-safe.
// The revision counts replacements (revision 0 = the original order).
#include <cstdint>
#include <string_view>

#include "zerodte/core/ids.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::execution {

// 64-bit hash of the canonical little-endian encoding of the fields (FNV-1a, then the
// MurmurHash3 fmix64 finaliser so nearby inputs differ in every output bit). Stable by definition:
// do not change without a migration, journals hold these ids.
[[nodiscard]] std::uint64_t intent_hash(std::string_view id_namespace, core::StrategyId strategy,
                                        std::uint64_t signal_id, std::uint32_t intent_seq,
                                        std::uint32_t revision = 0);

// Crockford base32 of all 64 bits, 13 characters, most significant first.
[[nodiscard]] core::FixedString<13> to_base32(std::uint64_t v);

[[nodiscard]] core::ClientOrderId make_client_order_id(std::string_view id_namespace,
                                                       core::StrategyId strategy,
                                                       std::uint64_t signal_id,
                                                       std::uint32_t intent_seq,
                                                       std::uint32_t revision = 0);

[[nodiscard]] inline core::ClientOrderId make_client_order_id(std::string_view id_namespace,
                                                              const model::OrderIntent& intent,
                                                              std::uint32_t revision = 0) {
  return make_client_order_id(id_namespace, intent.strategy, intent.signal_id, intent.intent_seq,
                              revision);
}

inline constexpr std::size_t kMaxClientOrderIdChars = 20;

}  // namespace zerodte::execution
