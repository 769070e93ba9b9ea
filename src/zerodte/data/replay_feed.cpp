#include "zerodte/data/replay_feed.hpp"

#include <charconv>
#include <cmath>
#include <thread>

#include "zerodte/core/assert.hpp"

namespace zerodte::data {

core::Result<double> parse_speed(std::string_view text) {
  if (text == "max" || text == "0") return 0.0;
  if (text == "realtime" || text == "real-time" || text == "1") return 1.0;
  std::string_view num = text;
  if (!num.empty() && (num.front() == 'x' || num.front() == 'X')) num.remove_prefix(1);
  double v = 0;
  const auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
  if (ec != std::errc{} || p != num.data() + num.size() || !(v > 0) || !std::isfinite(v)) {
    return core::fail(core::ErrorCode::kParse,
                      "speed '{}': expected max, realtime or xN with N > 0", text);
  }
  return v;
}

std::optional<core::InstrumentId> instrument_of(const engine::Event& e) {
  return std::visit(
      [](const auto& v) -> std::optional<core::InstrumentId> {
        if constexpr (requires { v.hdr.instrument; }) {
          return v.hdr.instrument;
        } else {
          return std::nullopt;
        }
      },
      e);
}

ReplayFeed::ReplayFeed(std::vector<std::unique_ptr<engine::EventSource>> sources,
                       ReplayOptions options, const core::Clock* clock, Sleeper sleeper)
    : sources_(std::move(sources)),
      seq_(sources_.size(), 0),
      options_(std::move(options)),
      clock_(clock),
      sleeper_(std::move(sleeper)) {
  ZDTE_ASSERT(options_.speed <= 0 || clock_ != nullptr, "paced replay needs a clock");
  if (!sleeper_) sleeper_ = [](core::Duration d) { std::this_thread::sleep_for(d); };
  for (auto id : options_.instruments)
    instruments_.insert(id.value);
}

core::Timestamp ReplayFeed::key_of(const engine::Event& e) const {
  return options_.key == MergeKey::kTsEvent ? engine::event_time(e) : engine::visible_time(e);
}

void ReplayFeed::pull(std::size_t s) {
  while (auto e = sources_[s]->next()) {
    const core::Timestamp t = key_of(*e);
    if (!passes(*e, t)) {
      ++filtered_;
      continue;
    }
    heap_.push(Head{t, s, seq_[s]++, std::move(*e)});
    return;
  }
}

bool ReplayFeed::passes(const engine::Event& e, core::Timestamp t) const {
  if (t < options_.from || t > options_.to) return false;
  if (!instruments_.empty()) {
    if (auto id = instrument_of(e); id && !instruments_.contains(id->value)) return false;
  }
  return true;
}

void ReplayFeed::pace(core::Timestamp t) {
  if (options_.speed <= 0) return;
  if (!anchored_) {
    anchored_ = true;
    wall0_ = clock_->now();
    t0_ = t;
    return;
  }
  const double offset = static_cast<double>((t - t0_).count()) / options_.speed;
  const core::Timestamp target = wall0_ + core::Duration{static_cast<std::int64_t>(offset)};
  for (core::Timestamp now = clock_->now(); now < target; now = clock_->now()) {
    sleeper_(target - now);
  }
}

std::optional<engine::Event> ReplayFeed::next() {
  if (!primed_) {
    primed_ = true;
    for (std::size_t s = 0; s < sources_.size(); ++s)
      pull(s);
  }
  if (heap_.empty()) return std::nullopt;
  if (options_.limit != 0 && emitted_ >= options_.limit) return std::nullopt;
  Head h = heap_.top();
  heap_.pop();
  pull(h.source);
  pace(h.t);
  ++emitted_;
  return std::move(h.event);
}

}  // namespace zerodte::data
