#include "zerodte/sentiment/consensus.hpp"

#include <algorithm>
#include <cmath>

namespace zerodte::sentiment {

double ConsensusConfig::weight_of(std::string_view model) const {
  for (const auto& w : weights) {
    if (w.model == model) return w.weight;
  }
  return default_weight;
}

ConsensusResult combine(std::span<const ModelVote> votes, const ConsensusConfig& cfg) {
  ConsensusResult r;
  double sw = 0, swc = 0, swcs = 0;
  double lo = 2, hi = -2;
  std::array<double, kNumLabels> label_mass{};
  const ModelVote* only = nullptr;
  bool pos_conf = false, neg_conf = false;
  for (const auto& v : votes) {
    const double w = cfg.weight_of(v.model);
    if (w <= 0) continue;
    ++r.models;
    only = &v;
    const double c = std::clamp(v.result.confidence, 0.0, 1.0);
    const double s = std::clamp(v.result.score, -1.0, 1.0);
    sw += w;
    swc += w * c;
    swcs += w * c * s;
    label_mass[static_cast<std::size_t>(v.result.label)] += w * c;
    lo = std::min(lo, s);
    hi = std::max(hi, s);
    if (c >= 0.6 && v.result.label == Label::kPositive) pos_conf = true;
    if (c >= 0.6 && v.result.label == Label::kNegative) neg_conf = true;
  }
  if (r.models == 0) return r;
  if (r.models == 1) {
    r.score = std::clamp(only->result.score, -1.0, 1.0);
    r.label = only->result.label;
    r.confidence = std::clamp(only->result.confidence, 0.0, 1.0);
    return r;
  }
  r.score = swc > 0 ? swcs / swc : 0.0;
  r.spread = hi - lo;
  double var = 0;
  for (const auto& v : votes) {
    const double w = cfg.weight_of(v.model);
    if (w <= 0) continue;
    const double d = std::clamp(v.result.score, -1.0, 1.0) - r.score;
    var += w * d * d;
  }
  const double sd = std::sqrt(var / sw);
  r.confidence = std::clamp((swc / sw) * (1.0 - sd), 0.0, 1.0);
  std::size_t best = 1;  // ties resolve to neutral first, then in label order
  for (std::size_t k : {std::size_t{0}, std::size_t{2}}) {
    if (label_mass[k] > label_mass[best]) best = k;
  }
  r.label = static_cast<Label>(best);
  r.disagreement = r.spread > cfg.disagreement_threshold || (pos_conf && neg_conf);
  return r;
}

}  // namespace zerodte::sentiment
