#include "zerodte/publish/distributor.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"

namespace zerodte::publish {

Distributor::Distributor(engine::Kernel& kernel, DeliveryStore& store, DistributorConfig cfg)
    : kernel_(kernel), store_(store), cfg_(cfg) {}

Distributor::~Distributor() {
  *alive_ = false;  // timers still queued in the kernel become no-ops
}

void Distributor::add_route(Tier tier, std::shared_ptr<Channel> channel, RateLimit limit) {
  auto r = std::make_unique<Route>();
  r->name = fmt::format("{}:{}", channel->name(), to_string(tier));
  r->tier = tier;
  r->channel = std::move(channel);
  r->bucket = TokenBucket(limit);
  routes_.push_back(std::move(r));
}

void Distributor::add_operator_route(std::shared_ptr<Channel> channel, RateLimit limit) {
  auto r = std::make_unique<Route>();
  r->name = fmt::format("{}:operator", channel->name());
  r->operator_route = true;
  r->channel = std::move(channel);
  r->bucket = TokenBucket(limit);
  routes_.push_back(std::move(r));
}

Distributor::Route* Distributor::route(std::string_view name) {
  for (auto& r : routes_) {
    if (r->name == name) return r.get();
  }
  return nullptr;
}

core::Status Distributor::enqueue(OutboundMessage m, Route& r, core::Timestamp due) {
  m.key = fmt::format("{}/{}", m.id, r.name);
  if (r.channel->name() == "email" && !r.operator_route) {
    auto to = store_.addresses(r.tier, "email");
    if (!to) return std::unexpected(to.error());
    m.recipients = std::move(*to);
    if (m.recipients.empty()) return {};  // nobody on this tier's list
  }
  auto fresh = store_.enqueue(m, r.name, due);
  if (!fresh) return std::unexpected(fresh.error());
  if (!*fresh) {
    ++stats_.duplicates;
    return {};
  }
  ++stats_.enqueued;
  schedule(m.key, due);
  return {};
}

void Distributor::schedule(const std::string& key, core::Timestamp due) {
  const core::Timestamp at = std::max(due, kernel_.now());
  kernel_.timers().schedule_at(at, "publish.delivery",
                               [this, key, alive = alive_](const engine::TimerEvent&) {
                                 if (*alive) attempt(key);
                               });
}

core::Status Distributor::publish(const SignalAlert& s) {
  const std::string premium = render(s, Tier::kPremium, cfg_.strike_round);
  if (auto st = store_.record_signal(s, premium, s.ts); !st) return st;
  const std::string id = signal_key(s.signal_id);
  for (auto& r : routes_) {
    if (r->operator_route) continue;
    OutboundMessage m;
    m.id = id;
    m.kind = MessageKind::kSignal;
    m.tier = r->tier;
    m.title = fmt::format("{} signal", s.underlying);
    m.text = render(s, r->tier, cfg_.strike_round);
    m.ts = s.ts;
    if (auto st = enqueue(std::move(m), *r, s.ts + tier_delay(r->tier)); !st) return st;
  }
  return {};
}

core::Status Distributor::publish_report(std::string_view id,
                                         const std::map<Tier, TierContent>& content) {
  for (auto& r : routes_) {
    if (r->operator_route) continue;
    auto it = content.find(r->tier);
    if (it == content.end()) continue;
    OutboundMessage m;
    m.id = std::string(id);
    m.kind = MessageKind::kReport;
    m.tier = r->tier;
    m.title = it->second.title;
    m.text = it->second.text;
    m.html = it->second.html;
    if (r->channel->name() == "email") m.attachments = it->second.attachments;
    m.ts = kernel_.now();
    if (auto st = enqueue(std::move(m), *r, kernel_.now()); !st) return st;
  }
  return {};
}

core::Status Distributor::alert(std::string_view text) {
  const core::Timestamp now = kernel_.now();
  const std::string id = fmt::format("ALERT-{}-{}", now.ns, ++alert_seq_);
  for (auto& r : routes_) {
    if (!r->operator_route) continue;
    OutboundMessage m;
    m.id = id;
    m.kind = MessageKind::kAlert;
    m.title = "zerodte operator alert";
    m.text = std::string(text);
    m.ts = now;
    if (auto st = enqueue(std::move(m), *r, now); !st) return st;
  }
  return {};
}

core::Status Distributor::recover() {
  auto rows = store_.unfinished();
  if (!rows) return std::unexpected(rows.error());
  for (const auto& row : *rows) {
    if (route(row.route) == nullptr) continue;  // a route no longer configured: left pending
    schedule(row.key, row.due);
  }
  return {};
}

void Distributor::attempt(const std::string& key) {
  const core::Timestamp now = kernel_.now();
  auto row = store_.get(key);
  if (!row || !*row) return;
  DeliveryRow& d = **row;
  if (d.status == "sent" || d.status == "failed") return;  // de-duplicated
  if (d.due > now) return;                                 // a later retry owns it
  Route* r = route(d.route);
  if (r == nullptr) return;
  if (!r->bucket.take(now)) {
    ++stats_.rate_limited;
    const core::Timestamp next = r->bucket.next_available(now);
    (void)store_.mark_retry(key, "rate limit of the route", next, now);
    schedule(key, next);
    return;
  }
  if (auto s = store_.mark_sending(key, now); !s) return;  // cannot record: do not send
  ++stats_.attempts;
  const DeliveryOutcome o = r->channel->send(d.message);
  const int attempts = d.attempts + 1;
  switch (o.status) {
    case DeliveryStatus::kSent:
      ++stats_.sent;
      (void)store_.mark_sent(key, o.receipt, now);
      return;
    case DeliveryStatus::kRetry:
      if (attempts < cfg_.max_attempts) {
        ++stats_.retried;
        core::Duration wait = cfg_.backoff * (std::int64_t{1} << std::min(attempts - 1, 20));
        wait = std::min(wait, cfg_.backoff_cap);
        wait = std::max(wait, o.retry_after);
        (void)store_.mark_retry(key, o.error, now + wait, now);
        schedule(key, now + wait);
        return;
      }
      [[fallthrough]];
    case DeliveryStatus::kFailed:
      ++stats_.failed;
      (void)store_.mark_failed(
          key,
          attempts >= cfg_.max_attempts && o.status == DeliveryStatus::kRetry
              ? fmt::format("{} (gave up after {} attempts)", o.error, attempts)
              : o.error,
          now);
      return;
  }
}

}  // namespace zerodte::publish
