#include "zerodte/sentiment/ticker_aggregator.hpp"

#include <algorithm>
#include <cmath>

#include "zerodte/sentiment/deduplicator.hpp"

namespace zerodte::sentiment {

engine::Topic ticker_topic(std::string_view symbol) {
  const std::uint64_t h = hash64(symbol);
  return h == engine::kAllTopics ? h - 1 : h;
}

namespace {
double decay(core::Duration age, core::Duration hl) {
  if (hl.count() <= 0) return 1.0;
  return std::exp2(-static_cast<double>(age.count()) / static_cast<double>(hl.count()));
}
}  // namespace

void TickerAggregator::Ema::decay_to(core::Timestamp now, core::Duration hl) {
  if (!t.is_set()) {
    t = now;
    return;
  }
  if (now <= t) return;
  const double f = decay(now - t, hl);
  w *= f;
  ws *= f;
  wc *= f;
  t = now;
}

void TickerAggregator::Ema::add(double weight, double s, double c, core::Timestamp post_time,
                                core::Timestamp now, core::Duration hl) {
  decay_to(now, hl);
  // A post published before `now` has already decayed (a negative weight revises).
  const double f = post_time < now ? decay(now - post_time, hl) : 1.0;
  w += weight * f;
  ws += weight * f * s;
  wc += weight * f * c;
}

TickerSentiment TickerAggregator::snapshot(std::string_view ticker, const State& st,
                                           core::Timestamp now) const {
  TickerSentiment s;
  s.ticker = Symbol(ticker);
  s.ts = now;
  auto mean = [&](const Ema& e, core::Duration hl) {
    Ema c = e;
    c.decay_to(now, hl);
    return c.w > 1e-12 ? std::clamp(c.ws / c.w, -1.0, 1.0) : 0.0;
  };
  Ema m = st.main;
  m.decay_to(now, cfg_.half_life);
  s.weight = m.w;
  s.score = m.w > 1e-12 ? std::clamp(m.ws / m.w, -1.0, 1.0) : 0.0;
  const double mean_conf = m.w > 1e-12 ? std::clamp(m.wc / m.w, 0.0, 1.0) : 0.0;
  s.confidence = mean_conf * (1.0 - std::exp2(-std::max(0.0, m.w) / cfg_.evidence_half_weight));
  s.momentum = mean(st.fast, cfg_.fast_half_life) - mean(st.slow, cfg_.slow_half_life);
  std::uint32_t n = 0;
  for (auto t : st.posts) {
    if (now - t <= cfg_.confirm_window) ++n;
  }
  s.posts_in_window = n;
  s.confirmed = n >= cfg_.confirm_posts;
  return s;
}

TickerUpdate TickerAggregator::finish(std::string_view ticker, State& st, core::Timestamp now) {
  while (!st.posts.empty() && now - st.posts.front() > cfg_.confirm_window)
    st.posts.pop_front();
  TickerUpdate u;
  u.state = snapshot(ticker, st, now);
  const auto& s = u.state;
  if (s.confirmed && std::fabs(s.score) >= cfg_.flip_threshold &&
      s.confidence >= cfg_.flip_min_confidence) {
    const std::int8_t sign = s.score > 0 ? 1 : -1;
    if (sign != st.sign) {
      if (st.sign != 0 || cfg_.flip_from_zero) {
        u.flip = SentimentFlip{s.ticker,   st.sign,           sign, s.score, s.confidence,
                               s.momentum, s.posts_in_window, now};
      }
      st.sign = sign;
    }
  }
  return u;
}

TickerUpdate TickerAggregator::add(std::string_view ticker, double score, double confidence,
                                   double weight, core::Timestamp post_time, core::Timestamp now) {
  State& st = states_[std::string(ticker)];
  const double w = std::max(0.0, weight) * std::clamp(confidence, 0.0, 1.0);
  const double s = std::clamp(score, -1.0, 1.0);
  const double c = std::clamp(confidence, 0.0, 1.0);
  st.main.add(w, s, c, post_time, now, cfg_.half_life);
  st.fast.add(w, s, c, post_time, now, cfg_.fast_half_life);
  st.slow.add(w, s, c, post_time, now, cfg_.slow_half_life);
  st.posts.push_back(post_time.is_set() && post_time <= now ? post_time : now);
  return finish(ticker, st, now);
}

TickerUpdate TickerAggregator::revise(std::string_view ticker, double old_score, double old_conf,
                                      double new_score, double new_conf, double weight,
                                      core::Timestamp post_time, core::Timestamp now) {
  State& st = states_[std::string(ticker)];
  const double wo = std::max(0.0, weight) * std::clamp(old_conf, 0.0, 1.0);
  const double wn = std::max(0.0, weight) * std::clamp(new_conf, 0.0, 1.0);
  for (auto [ema, hl] :
       {std::pair{&st.main, cfg_.half_life}, std::pair{&st.fast, cfg_.fast_half_life},
        std::pair{&st.slow, cfg_.slow_half_life}}) {
    ema->add(-wo, std::clamp(old_score, -1.0, 1.0), std::clamp(old_conf, 0.0, 1.0), post_time, now,
             hl);
    ema->add(wn, std::clamp(new_score, -1.0, 1.0), std::clamp(new_conf, 0.0, 1.0), post_time, now,
             hl);
  }
  return finish(ticker, st, now);
}

std::optional<TickerSentiment> TickerAggregator::get(std::string_view ticker,
                                                     core::Timestamp now) const {
  auto it = states_.find(std::string(ticker));
  if (it == states_.end()) return std::nullopt;
  return snapshot(ticker, it->second, now);
}

}  // namespace zerodte::sentiment
