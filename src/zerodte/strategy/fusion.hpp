#pragma once
// Signal fusion (seed 000 "Signal Fusion / Scorer"): joins evidence events by ticker and time
// window and weights technical, sentiment and flow evidence into one score in [-1, 1], listing
// the events that contributed.
//
// Per kind, the latest event within `window` of `now` counts: its value is direction x strength
// (strength in [0, 1]), decayed linearly to `min_decay` at the window's edge when `decay` is on.
// score = sum_k w_k * value_k / sum_k w_k over the kinds with a weight > 0. `complete` is true
// when every weighted kind has an event in the window and they agree in sign (the seed's
// "saw-tooth trough coinciding with a bullish flip"); a strategy usually acts only on complete
// fusions with |score| >= its threshold.
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/time.hpp"
#include "zerodte/strategy/signal.hpp"

namespace zerodte::strategy {

enum class EvidenceKind : std::uint8_t { kTechnical = 0, kSentiment = 1, kFlow = 2 };
inline constexpr std::size_t kEvidenceKinds = 3;
[[nodiscard]] std::string_view to_string(EvidenceKind k);

struct FusionEvent {
  std::string ticker;
  EvidenceKind kind = EvidenceKind::kTechnical;
  int direction = 0;    // +1 bullish, -1 bearish
  double strength = 1;  // 0..1
  core::Timestamp ts;
  std::string label;  // "sawtooth trough @ 449.20"
};

struct FusionConfig {
  core::Duration window = std::chrono::minutes(5);
  std::array<double, kEvidenceKinds> weights{0.5, 0.5, 0.0};  // technical, sentiment, flow
  bool decay = false;
  double min_decay = 0.5;  // weight left at the window's edge when decaying
};

struct FusedSignal {
  std::string ticker;
  double score = 0;  // [-1, 1]
  int direction = 0;
  bool complete = false;  // every weighted kind present and agreeing
  std::vector<FusionEvent> contributors;
  core::Timestamp ts;
  [[nodiscard]] std::vector<Evidence> evidence() const;
};

class SignalFusion {
 public:
  explicit SignalFusion(FusionConfig cfg = {});
  void add(FusionEvent e);
  // Score for `ticker` at `now` (nullopt when no event of any kind is inside the window).
  [[nodiscard]] std::optional<FusedSignal> evaluate(const std::string& ticker,
                                                    core::Timestamp now) const;
  // Forget events of `ticker` (after acting on them, so one event is not used twice).
  void consume(const std::string& ticker);
  void prune(core::Timestamp now);  // drops events older than the window
  [[nodiscard]] const FusionConfig& config() const { return cfg_; }

 private:
  FusionConfig cfg_;
  std::map<std::string, std::deque<FusionEvent>> events_;
};

}  // namespace zerodte::strategy
