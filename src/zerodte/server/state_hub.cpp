#include "zerodte/server/state_hub.hpp"

#include <algorithm>

namespace zerodte::server {

std::vector<std::shared_ptr<const StreamEvent>> Subscriber::drain() {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<const StreamEvent>> out(queue_.begin(), queue_.end());
  queue_.clear();
  return out;
}

void Subscriber::set_symbols(std::vector<std::string> symbols) {
  std::lock_guard lock(mutex_);
  symbols_ = std::move(symbols);
}

bool Subscriber::wants(const StreamEvent& e) const {
  if (e.symbol.empty()) return true;
  return std::find(symbols_.begin(), symbols_.end(), e.symbol) != symbols_.end();
}

bool Subscriber::offer(const std::shared_ptr<const StreamEvent>& e) {
  {
    std::lock_guard lock(mutex_);
    if (dropped_.load(std::memory_order_relaxed)) return false;
    if (!wants(*e)) return true;
    if (queue_.size() >= capacity_) {
      queue_.clear();
      dropped_.store(true, std::memory_order_release);
    } else {
      queue_.push_back(e);
    }
  }
  if (notify_) notify_();
  return !dropped_.load(std::memory_order_acquire);
}

StateHub::StateHub(std::size_t replay_capacity, std::size_t client_queue_capacity)
    : replay_capacity_(std::max<std::size_t>(replay_capacity, 1)),
      client_capacity_(std::max<std::size_t>(client_queue_capacity, 1)),
      snapshot_(std::make_shared<const Snapshot>()) {}

void StateHub::publish_snapshot(Snapshot snapshot) {
  std::atomic_store_explicit(
      &snapshot_,
      std::shared_ptr<const Snapshot>(std::make_shared<const Snapshot>(std::move(snapshot))),
      std::memory_order_release);
  snapshots_.fetch_add(1, std::memory_order_relaxed);
}

std::shared_ptr<const Snapshot> StateHub::snapshot() const {
  return std::atomic_load_explicit(&snapshot_, std::memory_order_acquire);
}

std::uint64_t StateHub::publish_event(std::string type, std::string data_json, std::string symbol) {
  auto ev = std::make_shared<StreamEvent>();
  ev->type = std::move(type);
  ev->symbol = std::move(symbol);
  std::lock_guard lock(mutex_);
  ev->seq = next_seq_++;
  ev->json = "{\"seq\":" + std::to_string(ev->seq) + ",\"type\":\"" + ev->type + "\"";
  if (!ev->symbol.empty()) ev->json += ",\"symbol\":\"" + ev->symbol + "\"";
  ev->json += ",\"data\":" + data_json + "}";
  std::shared_ptr<const StreamEvent> cev = std::move(ev);
  replay_.push_back(cev);
  if (replay_.size() > replay_capacity_) replay_.pop_front();
  events_.fetch_add(1, std::memory_order_relaxed);
  std::erase_if(subscribers_, [&](const std::shared_ptr<Subscriber>& s) {
    if (s->offer(cev)) return false;
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return true;
  });
  return cev->seq;
}

StateHub::Subscription StateHub::subscribe(std::uint64_t since, std::vector<std::string> symbols) {
  auto sub = std::make_shared<Subscriber>(client_capacity_);
  sub->symbols_ = std::move(symbols);
  Subscription out{sub, false};
  std::lock_guard lock(mutex_);
  if (since > 0) {
    const std::uint64_t oldest = replay_.empty() ? next_seq_ : replay_.front()->seq;
    if (since + 1 < oldest) out.gap = true;
    for (const auto& e : replay_) {
      if (e->seq > since && sub->wants(*e)) sub->queue_.push_back(e);
    }
  }
  subscribers_.push_back(sub);
  return out;
}

void StateHub::unsubscribe(const std::shared_ptr<Subscriber>& s) {
  std::lock_guard lock(mutex_);
  std::erase(subscribers_, s);
}

HubStats StateHub::stats() const {
  HubStats st;
  st.events_published = events_.load(std::memory_order_relaxed);
  st.snapshots_published = snapshots_.load(std::memory_order_relaxed);
  st.slow_clients_dropped = dropped_.load(std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  st.subscribers = subscribers_.size();
  st.last_seq = next_seq_ - 1;
  return st;
}

}  // namespace zerodte::server
