#include "zerodte/adapters/net/backoff.hpp"

#include <algorithm>

namespace zerodte::adapters::net {

Backoff::Backoff(BackoffConfig cfg) : cfg_(cfg), rng_(cfg.seed) {}

core::Duration Backoff::ceiling() const {
  const std::int64_t base = std::max<std::int64_t>(cfg_.base.count(), 1);
  const std::int64_t cap = std::max<std::int64_t>(cfg_.cap.count(), base);
  std::int64_t c = base;
  for (int i = 0; i < attempt_ && c < cap; ++i)
    c = c > cap / 2 ? cap : c * 2;
  return core::Duration{std::min(c, cap)};
}

core::Duration Backoff::next() {
  const std::int64_t c = ceiling().count();
  ++attempt_;
  std::uniform_int_distribution<std::int64_t> dist(0, c);
  return std::max(core::Duration{dist(rng_)}, cfg_.floor);
}

}  // namespace zerodte::adapters::net
