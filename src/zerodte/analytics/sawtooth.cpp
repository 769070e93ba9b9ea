#include "zerodte/analytics/sawtooth.hpp"

namespace zerodte::analytics {

namespace {
// Classifies the centre of window v[0..2w] (v[w] is the candidate).
template <typename Get>
std::optional<TurnKind> classify(Get v, int w) {
  const double c = v(w);
  bool peak = c > v(0) && c > v(2 * w);
  bool trough = c < v(0) && c < v(2 * w);
  for (int j = 0; j < w && (peak || trough); ++j) {
    peak = peak && c > v(j);
    trough = trough && c < v(j);
  }
  for (int j = w + 1; j <= 2 * w && (peak || trough); ++j) {
    peak = peak && c >= v(j);
    trough = trough && c <= v(j);
  }
  if (peak) return TurnKind::kPeak;
  if (trough) return TurnKind::kTrough;
  return std::nullopt;
}
}  // namespace

SawtoothDetector::SawtoothDetector(int window, int max_pattern_bars)
    : window_(window),
      max_pattern_bars_(max_pattern_bars),
      samples_(static_cast<std::size_t>(2 * window + 1)),
      recent_(3) {
  ZDTE_ASSERT(window >= 1, "saw-tooth window must be >= 1");
}

SawtoothResult SawtoothDetector::update(core::Timestamp ts, double value) {
  samples_.push(Sample{ts, value});
  const std::int64_t index = count_++;
  SawtoothResult out;
  if (!samples_.full()) return out;
  const auto kind =
      classify([this](int j) { return samples_[static_cast<std::size_t>(j)].value; }, window_);
  if (!kind) return out;
  const Sample& centre = samples_[static_cast<std::size_t>(window_)];
  TurningPoint p{*kind, index - window_, centre.ts, centre.value, index, ts};
  out.point = p;
  recent_.push(p);
  if (recent_.full() && recent_[0].kind == TurnKind::kPeak &&
      recent_[1].kind == TurnKind::kTrough && recent_[2].kind == TurnKind::kPeak &&
      recent_[2].index - recent_[0].index <= max_pattern_bars_) {
    out.pattern = SawtoothPattern{recent_[0], recent_[1], recent_[2]};
  }
  return out;
}

std::vector<TurningPoint> sawtooth_batch(const std::vector<double>& values, int window) {
  std::vector<TurningPoint> out;
  const auto n = static_cast<std::int64_t>(values.size());
  for (std::int64_t i = window; i + window < n; ++i) {
    const auto kind =
        classify([&](int j) { return values[static_cast<std::size_t>(i - window + j)]; }, window);
    if (kind)
      out.push_back(
          TurningPoint{*kind, i, {}, values[static_cast<std::size_t>(i)], i + window, {}});
  }
  return out;
}

}  // namespace zerodte::analytics
