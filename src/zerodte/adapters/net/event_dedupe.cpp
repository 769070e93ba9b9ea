#include "zerodte/adapters/net/event_dedupe.hpp"

#include <algorithm>
#include <limits>

namespace zerodte::adapters::net {

namespace {
constexpr std::size_t kKinds = 8;

struct Hasher {
  std::uint64_t h = 1469598103934665603ULL;
  void add(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 1099511628211ULL;
    }
  }
  void add(core::Price p) { add(static_cast<std::uint64_t>(p.raw())); }
  void add(std::int64_t v) { add(static_cast<std::uint64_t>(v)); }
};

void header(Hasher& h, std::size_t kind, const model::EventHeader& hdr) {
  h.add(std::uint64_t{kind});
  h.add(std::uint64_t{hdr.instrument.value});
  h.add(hdr.ts_event.ns);
}

// Kind and header for market events; nullptr for others.
const model::EventHeader* market_header(const engine::Event& e, std::size_t& kind) {
  kind = e.index();
  return std::visit(
      [](const auto& ev) -> const model::EventHeader* {
        using T = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<T, model::Trade> || std::is_same_v<T, model::Quote> ||
                      std::is_same_v<T, model::Bar> || std::is_same_v<T, model::OptionQuote> ||
                      std::is_same_v<T, model::BookDepth> || std::is_same_v<T, model::Imbalance> ||
                      std::is_same_v<T, model::InstrumentStatus>)
          return &ev.hdr;
        else
          return nullptr;
      },
      e);
}
}  // namespace

std::uint64_t EventDedupe::key(const engine::Event& e) {
  Hasher h;
  std::size_t kind = 0;
  const auto* hdr = market_header(e, kind);
  if (!hdr) return 0;
  header(h, kind, *hdr);
  if (const auto* t = std::get_if<model::Trade>(&e)) {
    h.add(t->price);
    h.add(t->size);
    h.add(std::uint64_t{t->sequence});
  } else if (const auto* q = std::get_if<model::Quote>(&e)) {
    h.add(q->bid);
    h.add(q->ask);
    h.add(q->bid_size);
    h.add(q->ask_size);
  } else if (const auto* b = std::get_if<model::Bar>(&e)) {
    h.add(std::int64_t{b->interval_s});
    h.add(b->open);
    h.add(b->high);
    h.add(b->low);
    h.add(b->close);
    h.add(b->volume);
  } else if (const auto* o = std::get_if<model::OptionQuote>(&e)) {
    h.add(o->bid);
    h.add(o->ask);
    h.add(o->last);
    h.add(o->bid_size);
    h.add(o->ask_size);
  } else if (const auto* s = std::get_if<model::InstrumentStatus>(&e)) {
    h.add(std::uint64_t{static_cast<std::uint8_t>(s->status)});
  }
  return h.h == 0 ? 1 : h.h;
}

std::int64_t& EventDedupe::high_water(std::uint32_t instrument, std::size_t kind) {
  const std::size_t idx = std::size_t{instrument} * kKinds + (kind % kKinds);
  if (idx >= hwm_.size()) hwm_.resize(std::max(idx + 1, hwm_.size() * 2), INT64_MIN);
  return hwm_[idx];
}

bool EventDedupe::accept(const engine::Event& e) {
  std::size_t kind = 0;
  const auto* hdr = market_header(e, kind);
  if (!hdr) return true;
  std::int64_t& hw = high_water(hdr->instrument.value, kind);
  const std::uint64_t k = key(e);
  if (hdr->ts_event.ns <= hw) {
    if (std::find(ring_.begin(), ring_.end(), k) != ring_.end()) return false;
  } else {
    hw = hdr->ts_event.ns;
  }
  ring_[pos_] = k;
  pos_ = (pos_ + 1) % ring_.size();
  return true;
}

}  // namespace zerodte::adapters::net
