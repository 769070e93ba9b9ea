#include "zerodte/adapters/net/staleness.hpp"

#include <mutex>

namespace zerodte::adapters::net {

StalenessClock::Feed* StalenessClock::register_feed(std::string_view name,
                                                    core::Duration stale_after) {
  std::unique_lock lock(mutex_);
  for (auto& f : feeds_) {
    if (f.name_ == name) {
      f.stale_after_ = stale_after;
      return &f;
    }
  }
  auto& f = feeds_.emplace_back();
  f.name_ = std::string(name);
  f.stale_after_ = stale_after;
  f.registered_ = clock_.now();
  return &f;
}

StalenessClock::Feed* StalenessClock::find(std::string_view name) const {
  std::shared_lock lock(mutex_);
  for (const auto& f : feeds_) {
    if (f.name_ == name) return const_cast<Feed*>(&f);
  }
  return nullptr;
}

void StalenessClock::touch(std::string_view name) {
  if (auto* f = find(name)) f->touch(clock_.now());
}

FeedAge StalenessClock::describe(const Feed& f, core::Timestamp now) const {
  FeedAge a;
  a.feed = f.name_;
  a.last_message = f.last();
  a.age = now - (a.last_message.is_set() ? a.last_message : f.registered_);
  a.stale_after = f.stale_after_;
  a.stale = a.age > f.stale_after_ || !a.last_message.is_set();
  a.connected = f.connected();
  return a;
}

std::optional<core::Duration> StalenessClock::age(std::string_view name) const {
  const auto* f = find(name);
  if (!f) return std::nullopt;
  return describe(*f, clock_.now()).age;
}

bool StalenessClock::is_stale(std::string_view name) const {
  const auto* f = find(name);
  return f == nullptr || describe(*f, clock_.now()).stale;
}

std::vector<FeedAge> StalenessClock::snapshot() const {
  const auto now = clock_.now();
  std::shared_lock lock(mutex_);
  std::vector<FeedAge> out;
  out.reserve(feeds_.size());
  for (const auto& f : feeds_)
    out.push_back(describe(f, now));
  return out;
}

std::vector<std::string> StalenessClock::stale_feeds() const {
  std::vector<std::string> out;
  for (auto& a : snapshot()) {
    if (a.stale) out.push_back(std::move(a.feed));
  }
  return out;
}

void Watchdog::arm() {
  armed_ = clock_.now();
  last_ = core::Timestamp{};
  set_connected(true);
}

void Watchdog::on_message() {
  last_ = clock_.now();
  if (feed_) feed_->touch(last_);
}

core::Duration Watchdog::silent_for() const {
  return clock_.now() - (last_.is_set() ? last_ : armed_);
}

}  // namespace zerodte::adapters::net
