#pragma once
// Exact and near-duplicate suppression so retweets and syndicated headlines count once.
// Exact: 64-bit hash of canonical_key() (URLs, mentions, RT prefix, case and punctuation removed).
// Near: 64-bit SimHash over character 4-gram shingles of the canonical key; two texts are
// near-duplicates when their SimHashes differ in at most `max_hamming` bits (<= 3 is exact via
// the pigeonhole index: four 16-bit bands, a match must agree on one band). Entries expire after
// `window` (by the caller's clock) or when `capacity` is exceeded (oldest first).
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::sentiment {

[[nodiscard]] std::uint64_t hash64(std::string_view s);  // FNV-1a + splitmix finaliser
[[nodiscard]] std::uint64_t simhash64(std::string_view canonical_text);
[[nodiscard]] inline int hamming(std::uint64_t a, std::uint64_t b) {
  return __builtin_popcountll(a ^ b);
}

enum class DuplicateKind : std::uint8_t { kUnique, kExact, kNear };

struct DedupResult {
  DuplicateKind kind = DuplicateKind::kUnique;
  std::string first_id;  // id of the earlier post it duplicates (empty when unique)
  int distance = 0;      // Hamming distance for kNear
};

struct DedupConfig {
  core::Duration window = std::chrono::hours(6);
  std::size_t capacity = 200'000;
  int max_hamming = 3;             // 0..3
  std::size_t min_key_chars = 12;  // shorter texts are only checked for exact duplicates
};

class Deduplicator {
 public:
  explicit Deduplicator(DedupConfig cfg = {});
  // Checks `text` (raw or normalised) and remembers it when unique.
  DedupResult check(std::string_view id, std::string_view text, core::Timestamp now);
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t exact = 0;
    std::uint64_t sim = 0;
    core::Timestamp ts;
    std::string id;
    bool near_indexed = false;
  };
  void expire(core::Timestamp now);
  void remove_front();
  static std::uint32_t band_key(int band, std::uint64_t sim) {
    return (static_cast<std::uint32_t>(band) << 16) |
           static_cast<std::uint32_t>((sim >> (16 * band)) & 0xFFFF);
  }

  DedupConfig cfg_;
  std::deque<Entry> entries_;
  std::uint64_t first_seq_ = 0;                             // sequence number of entries_.front()
  std::unordered_map<std::uint64_t, std::uint64_t> exact_;  // hash -> seq
  std::unordered_map<std::uint32_t, std::vector<std::uint64_t>> bands_;  // band key -> seqs
};

}  // namespace zerodte::sentiment
