#include "zerodte/sentiment/deduplicator.hpp"

#include <algorithm>
#include <array>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

std::uint64_t hash64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

std::uint64_t simhash64(std::string_view key) {
  std::array<int, 64> acc{};
  constexpr std::size_t kShingle = 4;
  if (key.size() < kShingle) return hash64(key);
  for (std::size_t i = 0; i + kShingle <= key.size(); ++i) {
    const std::uint64_t h = hash64(key.substr(i, kShingle));
    for (int b = 0; b < 64; ++b)
      acc[static_cast<std::size_t>(b)] += ((h >> b) & 1) ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (acc[static_cast<std::size_t>(b)] > 0) out |= (1ULL << b);
  }
  return out;
}

Deduplicator::Deduplicator(DedupConfig cfg) : cfg_(cfg) {
  cfg_.max_hamming = std::clamp(cfg_.max_hamming, 0, 3);
  if (cfg_.capacity == 0) cfg_.capacity = 1;
}

void Deduplicator::remove_front() {
  const Entry& e = entries_.front();
  const std::uint64_t seq = first_seq_;
  if (auto it = exact_.find(e.exact); it != exact_.end() && it->second == seq) exact_.erase(it);
  if (e.near_indexed) {
    for (int b = 0; b < 4; ++b) {
      auto it = bands_.find(band_key(b, e.sim));
      if (it == bands_.end()) continue;
      std::erase(it->second, seq);
      if (it->second.empty()) bands_.erase(it);
    }
  }
  entries_.pop_front();
  ++first_seq_;
}

void Deduplicator::expire(core::Timestamp now) {
  while (!entries_.empty() && (now - entries_.front().ts) > cfg_.window)
    remove_front();
  while (entries_.size() >= cfg_.capacity)
    remove_front();
}

DedupResult Deduplicator::check(std::string_view id, std::string_view text, core::Timestamp now) {
  expire(now);
  const std::string key = canonical_key(text);
  const std::uint64_t exact = hash64(key);
  if (auto it = exact_.find(exact); it != exact_.end()) {
    return DedupResult{DuplicateKind::kExact, entries_[it->second - first_seq_].id, 0};
  }
  const bool near = key.size() >= cfg_.min_key_chars;
  const std::uint64_t sim = near ? simhash64(key) : 0;
  if (near) {
    int best = 65;
    std::uint64_t best_seq = 0;
    for (int b = 0; b < 4; ++b) {
      auto it = bands_.find(band_key(b, sim));
      if (it == bands_.end()) continue;
      for (std::uint64_t seq : it->second) {
        const int d = hamming(sim, entries_[seq - first_seq_].sim);
        if (d < best || (d == best && seq < best_seq)) {
          best = d;
          best_seq = seq;
        }
      }
    }
    if (best <= cfg_.max_hamming) {
      return DedupResult{DuplicateKind::kNear, entries_[best_seq - first_seq_].id, best};
    }
  }
  const std::uint64_t seq = first_seq_ + entries_.size();
  entries_.push_back(Entry{exact, sim, now, std::string(id), near});
  exact_[exact] = seq;
  if (near) {
    for (int b = 0; b < 4; ++b)
      bands_[band_key(b, sim)].push_back(seq);
  }
  return {};
}

}  // namespace zerodte::sentiment
