#include "zerodte/engine/kernel.hpp"

#include <ranges>

#include "zerodte/core/assert.hpp"

namespace zerodte::engine {

std::string_view to_string(HealthState s) {
  switch (s) {
    case HealthState::kOk:
      return "ok";
    case HealthState::kDegraded:
      return "degraded";
    case HealthState::kFailed:
      return "failed";
    case HealthState::kStopped:
      return "stopped";
  }
  return "unknown";
}

Kernel::Kernel(core::Clock& clock, KernelConfig cfg)
    : clock_(clock), cfg_(cfg), inbox_(cfg.inbox_capacity) {}

Kernel::~Kernel() {
  stop();
}

void Kernel::add_component(std::shared_ptr<Component> c) {
  ZDTE_ASSERT(c != nullptr, "null component");
  components_.push_back(c);
  if (started_) c->start(*this);
}

void Kernel::start() {
  if (started_) return;
  started_ = true;
  // Index loop: a component may add further components while starting.
  for (std::size_t i = 0; i < components_.size(); ++i)
    components_[i]->start(*this);
}

void Kernel::stop() {
  if (!started_) return;
  started_ = false;
  for (auto& c : std::views::reverse(components_))
    c->stop();
}

void Kernel::dispatch(const Event& e) {
  for (EventObserver* o : observers_)
    o->on_inbound(e);
  ++events_dispatched_;
  std::visit(
      [this](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::shared_ptr<const model::NewsItem>>) {
          if (v) bus_.publish<model::NewsItem>(kAllTopics, *v);
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const ControlCommand>>) {
          if (v) bus_.publish<ControlCommand>(kAllTopics, *v);
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const CustomEvent>>) {
          if (v) v->dispatch(bus_);
        } else if constexpr (requires { v.hdr.instrument; }) {
          bus_.publish<V>(v.hdr.instrument.value, v);
        } else if constexpr (requires { v.instrument; }) {
          bus_.publish<V>(v.instrument.value, v);
        } else {
          bus_.publish<V>(kAllTopics, v);
        }
      },
      e);
}

void Kernel::post_at(core::Timestamp when, Event e) {
  const std::uint64_t seq = deferred_seq_++;
  deferred_events_.emplace(seq, std::move(e));
  deferred_heap_.push(Deferred{when, seq});
}

void Kernel::request_stop() {
  stop_requested_.store(true);
  inbox_.wake();
}

void Kernel::drain_inbox() {
  while (auto e = inbox_.try_pop())
    dispatch(*e);
}

bool Kernel::fire_one_deferred(core::Timestamp limit, core::SimClock* sim) {
  if (deferred_heap_.empty() || deferred_heap_.top().due > limit) return false;
  const Deferred d = deferred_heap_.top();
  deferred_heap_.pop();
  auto node = deferred_events_.extract(d.seq);
  if (sim != nullptr) sim->advance_to(d.due);
  ++deferred_dispatched_;
  dispatch(node.mapped());
  return true;
}

std::size_t Kernel::poll_once() {
  std::size_t handled = 0;
  while (auto e = inbox_.try_pop()) {
    dispatch(*e);
    ++handled;
  }
  const core::Timestamp now = clock_.now();
  timers_fired_ += timers_.fire_due(now, now);
  while (fire_one_deferred(now, nullptr))
    ++handled;
  return handled;
}

void Kernel::run_live() {
  ZDTE_ASSERT(!clock_.is_simulated(), "run_live needs a live clock");
  if (!started_) start();
  while (!stop_requested_.load(std::memory_order_relaxed)) {
    if (poll_once() == 0) {
      core::Duration wait = cfg_.idle_wait;
      const core::Timestamp due =
          std::min(timers_.next_due(),
                   deferred_heap_.empty() ? core::Timestamp::max() : deferred_heap_.top().due);
      if (due != core::Timestamp::max())
        wait = std::min(wait, std::max(due - clock_.now(), core::Duration{0}));
      inbox_.wait_for_work(wait);
    }
  }
  drain_inbox();
}

void Kernel::advance_sim_to(core::Timestamp limit, core::SimClock& sim) {
  // Fire timers and deferred events due at or before `limit` in time order; timers first on ties.
  for (;;) {
    if (stop_requested_.load(std::memory_order_relaxed)) return;
    const core::Timestamp t_due = timers_.next_due();
    const core::Timestamp d_due =
        deferred_heap_.empty() ? core::Timestamp::max() : deferred_heap_.top().due;
    if (t_due > limit && d_due > limit) return;
    if (t_due <= d_due) {
      if (timers_.fire_next(limit, [&sim](core::Timestamp t) { sim.advance_to(t); })) {
        ++timers_fired_;
      }
    } else {
      fire_one_deferred(limit, &sim);
    }
    // Events a component pushed into the inbox while handling (e.g. a simulated venue) are
    // visible at the current simulated time.
    drain_inbox();
  }
}

void Kernel::run_simulation(EventSource& source, core::SimClock& sim_clock, core::Timestamp end) {
  ZDTE_ASSERT(&sim_clock == &clock_, "run_simulation needs the kernel's own SimClock");
  if (!started_) start();
  while (!stop_requested_.load(std::memory_order_relaxed)) {
    std::optional<Event> e = source.next();
    if (!e) break;
    const core::Timestamp t = visible_time(*e);
    if (t > end) break;
    advance_sim_to(t, sim_clock);
    sim_clock.advance_to(t);
    dispatch(*e);
    drain_inbox();
  }
  if (end != core::Timestamp::max()) {
    advance_sim_to(end, sim_clock);
    sim_clock.advance_to(end);
  } else {
    // Source exhausted: let already-scheduled deferred events (e.g. pending fills) complete, but do
    // not run periodic timers forever.
    while (!stop_requested_.load() && fire_one_deferred(core::Timestamp::max(), &sim_clock)) {
      drain_inbox();
    }
  }
}

KernelStats Kernel::stats() const {
  return KernelStats{events_dispatched_, timers_fired_, deferred_dispatched_, inbox_.stats()};
}

}  // namespace zerodte::engine
