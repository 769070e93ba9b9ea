#include "zerodte/strategy/fusion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace zerodte::strategy {

std::string_view to_string(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::kTechnical:
      return "technical";
    case EvidenceKind::kSentiment:
      return "sentiment";
    case EvidenceKind::kFlow:
      return "flow";
  }
  return "technical";
}

std::vector<Evidence> FusedSignal::evidence() const {
  std::vector<Evidence> out;
  out.reserve(contributors.size());
  for (const auto& e : contributors) {
    out.push_back(
        Evidence{std::string(to_string(e.kind)), e.label, e.direction * e.strength, e.ts});
  }
  return out;
}

SignalFusion::SignalFusion(FusionConfig cfg) : cfg_(cfg) {}

void SignalFusion::add(FusionEvent e) {
  auto& q = events_[e.ticker];
  q.push_back(std::move(e));
  while (q.size() > 256)
    q.pop_front();
}

std::optional<FusedSignal> SignalFusion::evaluate(const std::string& ticker,
                                                  core::Timestamp now) const {
  const auto it = events_.find(ticker);
  if (it == events_.end()) return std::nullopt;
  std::array<const FusionEvent*, kEvidenceKinds> latest{};
  for (const auto& e : it->second) {
    if (e.ts > now || now.ns - e.ts.ns > cfg_.window.count()) continue;
    auto& slot = latest[static_cast<std::size_t>(e.kind)];
    if (slot == nullptr || !(e.ts < slot->ts)) slot = &e;
  }
  FusedSignal out;
  out.ticker = ticker;
  out.ts = now;
  double num = 0;
  double den = 0;
  bool all_present = true;
  int sign = 0;
  bool agree = true;
  bool any = false;
  for (std::size_t k = 0; k < kEvidenceKinds; ++k) {
    const double w = cfg_.weights[k];
    if (w <= 0) continue;
    den += w;
    const FusionEvent* e = latest[k];
    if (e == nullptr) {
      all_present = false;
      continue;
    }
    any = true;
    double decay = 1.0;
    if (cfg_.decay && cfg_.window.count() > 0) {
      const double age =
          static_cast<double>(now.ns - e->ts.ns) / static_cast<double>(cfg_.window.count());
      decay = 1.0 - (1.0 - cfg_.min_decay) * std::clamp(age, 0.0, 1.0);
    }
    const double strength = std::clamp(e->strength, 0.0, 1.0);
    num += w * e->direction * strength * decay;
    if (e->direction != 0) {
      if (sign == 0)
        sign = e->direction > 0 ? 1 : -1;
      else if ((e->direction > 0 ? 1 : -1) != sign)
        agree = false;
    } else {
      agree = false;
    }
    out.contributors.push_back(*e);
  }
  if (!any) return std::nullopt;
  out.score = den > 0 ? std::clamp(num / den, -1.0, 1.0) : 0.0;
  out.direction = out.score > 0 ? 1 : (out.score < 0 ? -1 : 0);
  out.complete = all_present && agree;
  std::sort(out.contributors.begin(), out.contributors.end(),
            [](const FusionEvent& a, const FusionEvent& b) { return a.ts < b.ts; });
  return out;
}

void SignalFusion::consume(const std::string& ticker) {
  events_.erase(ticker);
}

void SignalFusion::prune(core::Timestamp now) {
  for (auto it = events_.begin(); it != events_.end();) {
    auto& q = it->second;
    while (!q.empty() && now.ns - q.front().ts.ns > cfg_.window.count())
      q.pop_front();
    it = q.empty() ? events_.erase(it) : std::next(it);
  }
}

}  // namespace zerodte::strategy
