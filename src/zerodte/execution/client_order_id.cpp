#include "zerodte/execution/client_order_id.hpp"

#include <array>

#include <fmt/format.h>

namespace zerodte::execution {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

struct Fnv {
  std::uint64_t h = kFnvOffset;
  void byte(std::uint8_t b) {
    h ^= b;
    h *= kFnvPrime;
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
      byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void str(std::string_view s) {
    u64(s.size());
    for (char c : s)
      byte(static_cast<std::uint8_t>(c));
  }
};

constexpr std::uint64_t fmix64(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";

}  // namespace

std::uint64_t intent_hash(std::string_view id_namespace, core::StrategyId strategy,
                          std::uint64_t signal_id, std::uint32_t intent_seq,
                          std::uint32_t revision) {
  Fnv f;
  f.str("zerodte.coid.v1");
  f.str(id_namespace);
  f.u64(strategy.value);
  f.u64(signal_id);
  f.u64(intent_seq);
  f.u64(revision);
  return fmix64(f.h);
}

core::FixedString<13> to_base32(std::uint64_t v) {
  std::array<char, 13> out{};
  // 13 * 5 = 65 bits: the first character carries the top 4 bits.
  for (int i = 12; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kCrockford[v & 31U];
    v >>= 5;
  }
  return core::FixedString<13>(std::string_view(out.data(), out.size()));
}

core::ClientOrderId make_client_order_id(std::string_view id_namespace, core::StrategyId strategy,
                                         std::uint64_t signal_id, std::uint32_t intent_seq,
                                         std::uint32_t revision) {
  const auto h = to_base32(intent_hash(id_namespace, strategy, signal_id, intent_seq, revision));
  std::array<char, 32> buf{};
  const auto r = fmt::format_to_n(buf.data(), buf.size(), "z{}-{}", strategy.value, h.view());
  return core::ClientOrderId(std::string_view(buf.data(), r.size));
}

}  // namespace zerodte::execution
