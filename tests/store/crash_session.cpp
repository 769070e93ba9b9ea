#include "crash_session.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/event_codec.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/journal_observer.hpp"
#include "zerodte/store/journal_state.hpp"
#include "zerodte/store/recovery.hpp"
#include "zerodte/store/segment.hpp"

namespace zerodte::store::testing {
namespace {

constexpr std::uint32_t kInstrument = 7;
constexpr std::int64_t kBaseNs = 1'741'959'000'000'000'000;  // 2025-03-14T13:30:00Z

std::uint64_t mix(std::uint64_t seed, std::uint64_t k, std::uint64_t salt) {
  std::uint64_t z =
      seed * 0x9E3779B97F4A7C15ull + k * 0xBF58476D1CE4E5B9ull + salt * 0x94D049BB133111EBull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

core::Timestamp step_ts(int k) {
  return core::Timestamp{kBaseNs + std::int64_t{k} * core::kNanosPerSecond};
}

class Session {
 public:
  explicit Session(const SessionConfig& cfg) : cfg_(cfg) {}

  core::Status run() {
    JournalConfig jc;
    jc.dir = cfg_.journal_dir;
    jc.policy = WritePolicy::kFsyncPerOrder;
    jc.group_commit_interval = std::chrono::milliseconds(1);
    jc.segment_bytes = 8192;  // roll (and compress in the background) often
    jc.zstd_level = 1;
    jc.write_buffer_bytes = 2048;
    auto j = Journal::open(jc);
    if (!j) return std::unexpected(j.error());
    journal_ = std::move(*j);
    RecoveryRegistry reg;
    state_.register_with(reg);
    reg.on_any([this](const RecordView& r) {
      last_ts_[static_cast<std::uint16_t>(r.type)] = r.ts;
      return core::ok();
    });
    if (auto rec = recover(cfg_.journal_dir, reg); !rec) return std::unexpected(rec.error());
    broker_ = read_broker();
    observer_ = std::make_unique<JournalObserver>(*journal_, CustomEventRegistry::global(),
                                                  [](const core::Error&) {});
    const int trades =
        static_cast<int>(state_.counts[static_cast<std::uint16_t>(RecordType::kTrade)]);
    for (int k = std::max(0, trades - 1); k < cfg_.steps; ++k) {
      if (auto st = step(k); !st) return st;
    }
    return journal_->sync();
  }

 private:
  bool done(RecordType t, int k) {
    auto it = last_ts_.find(static_cast<std::uint16_t>(t));
    return it != last_ts_.end() && it->second == step_ts(k);
  }

  void kill_if(KillPoint p, int k) {
    if (cfg_.kill_point != p || k < cfg_.kill_step) return;
    ::raise(SIGKILL);
  }

  // Journals an inbound event through the kernel observer and applies it to the live state.
  core::Status inbound(const engine::Event& e) {
    observer_->on_inbound(e);
    if (!observer_->status()) return observer_->status();
    encode_event(e, scratch_);
    return apply(
        RecordView{observer_->last_seq(), record_type_of(e), 0, engine::visible_time(e), scratch_},
        is_order_affecting(record_type_of(e)));
  }

  template <JournalRecord T>
  core::Status decision(const T& rec, core::Timestamp ts, bool durable) {
    auto seq = append_record(*journal_, rec, ts, durable);
    if (!seq) return std::unexpected(seq.error());
    Bytes b;
    ByteWriter w(b);
    rec.encode(w);
    return apply(RecordView{*seq, T::kType, 0, ts, b}, durable || is_order_affecting(T::kType));
  }

  core::Status apply(const RecordView& r, bool durable) {
    last_ts_[static_cast<std::uint16_t>(r.type)] = r.ts;
    if (auto st = state_.apply(r); !st) return st;
    if (durable) {  // acknowledged to the outside world
      const std::string line = fmt::format("{}\n", r.seq);
      if (::write(ack_fd(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        return core::fail(core::ErrorCode::kIo, "ack write failed");
    }
    return core::ok();
  }

  int ack_fd() {
    if (ack_fd_ < 0)
      ack_fd_ = ::open(cfg_.ack_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    return ack_fd_;
  }

  std::set<std::string> read_broker() const {
    std::set<std::string> out;
    std::ifstream in(cfg_.broker_file);
    for (std::string line; std::getline(in, line);)
      out.insert(line);
    return out;
  }

  core::Status send_to_broker(const std::string& coid) {
    if (broker_.contains(coid))
      return core::fail(core::ErrorCode::kState, "order {} would be sent twice", coid);
    const std::string line = coid + "\n";
    const int fd =
        ::open(cfg_.broker_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const bool ok =
        fd >= 0 && ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    if (fd >= 0) ::close(fd);
    if (!ok) return core::fail(core::ErrorCode::kIo, "broker file write failed");
    broker_.insert(coid);
    return core::ok();
  }

  model::Trade make_trade(int k) const {
    const std::uint64_t h = mix(cfg_.seed, static_cast<std::uint64_t>(k), 1);
    model::Trade t{};
    t.hdr.instrument = core::InstrumentId{kInstrument};
    t.hdr.ts_event = step_ts(k);
    t.hdr.ts_recv = step_ts(k);
    t.price = core::Price::from_cents(10'000 + static_cast<std::int64_t>(h % 401) - 200);
    t.size = 1 + static_cast<std::int64_t>((h >> 16) % 9);
    t.sequence = static_cast<std::uint32_t>(k);
    return t;
  }

  core::Status step(int k) {
    const model::Trade trade = make_trade(k);
    if (static_cast<int>(state_.counts[static_cast<std::uint16_t>(RecordType::kTrade)]) <= k) {
      if (auto st = inbound(engine::Event{trade}); !st) return st;
      if (cfg_.kill_point == KillPoint::kMidRecord && k >= cfg_.kill_step)
        return torn_write_and_die(k);
    }
    const bool wants_order = mix(cfg_.seed, static_cast<std::uint64_t>(k), 2) % 3 == 0;
    const std::string coid = fmt::format("c{}", k);
    if (wants_order) {
      if (!state_.orders.contains(coid)) {
        const PositionState* pos = state_.positions.find(kInstrument);
        const bool sell = pos != nullptr && pos->qty >= 3;
        if (!done(RecordType::kSignal, k)) {
          SignalRecord sig{static_cast<std::uint64_t>(k),
                           1,
                           "crash-test",
                           kInstrument,
                           "SPY",
                           static_cast<std::int8_t>(sell ? -1 : 1),
                           0.5,
                           fmt::format("step {}", k),
                           step_ts(k)};
          if (auto st = decision(sig, step_ts(k), false); !st) return st;
        }
        if (!done(RecordType::kRiskVerdict, k)) {
          RiskVerdictRecord v{static_cast<std::uint64_t>(k), coid, true, "", "", step_ts(k)};
          if (auto st = decision(v, step_ts(k), false); !st) return st;
        }
        model::OrderIntent oi{};
        oi.strategy = core::StrategyId{1};
        oi.signal_id = static_cast<std::uint64_t>(k);
        oi.client_order_id = coid;
        oi.legs[0] = model::OrderLeg{core::InstrumentId{kInstrument},
                                     sell ? model::Side::kSell : model::Side::kBuy, 1,
                                     model::PositionIntent::kAuto};
        oi.quantity = core::Quantity{sell ? 2 : 1};
        oi.limit_price = trade.price;
        oi.ts_created = step_ts(k);
        if (auto st = decision(OrderIntentRecord{oi}, step_ts(k), true); !st) return st;
        kill_if(KillPoint::kAfterIntentDurable, k);
      }
      const OrderState& o = state_.orders.at(coid);
      if (!o.submitted) {
        const bool at_broker = broker_.contains(coid);  // reconciliation by client order id
        if (!at_broker) {
          if (auto st = send_to_broker(coid); !st) return st;
          kill_if(KillPoint::kAfterOrderSent, k);
        }
        if (auto st = decision(OrderSubmittedRecord{coid, at_broker, step_ts(k)}, step_ts(k), true);
            !st)
          return st;
        kill_if(KillPoint::kAfterSubmitted, k);
      }
      const OrderState& o2 = state_.orders.at(coid);
      if (o2.filled_qty < o2.intent.quantity.value) {
        model::Fill f{};
        f.client_order_id = coid;
        f.venue_order_id = fmt::format("v{}", k);
        f.exec_id = fmt::format("x{}", k);
        f.instrument = core::InstrumentId{kInstrument};
        f.side = o2.intent.legs[0].side;
        f.quantity = o2.intent.quantity;
        f.price = o2.intent.limit_price;
        f.fee = core::Price::from_cents(65);
        f.ts_event = step_ts(k);
        f.ts_recv = step_ts(k);
        if (auto st = inbound(engine::Event{f}); !st) return st;
      }
    }
    if (k == 40 || k == 70 || k == 90) {
      if (!done(RecordType::kTradingState, k)) {
        const TradingState s = k == 40   ? TradingState::kReducing
                               : k == 70 ? TradingState::kHalted
                                         : TradingState::kActive;
        if (auto st = decision(TradingStateRecord{s, fmt::format("step {}", k), "test", step_ts(k)},
                               step_ts(k), true);
            !st)
          return st;
      }
    }
    if (k % 10 == 9) {
      if (!done(RecordType::kRiskCounters, k)) {
        const PositionState* pos = state_.positions.find(kInstrument);
        RiskCountersRecord rc{core::Date{2025, 3, 14},
                              core::Price::from_raw(pos ? pos->realized_nanos : 0),
                              k % 3,
                              static_cast<std::int32_t>(state_.orders.size()),
                              k,
                              step_ts(k)};
        if (auto st = decision(rc, step_ts(k), true); !st) return st;
      }
      if (!done(RecordType::kStrategyState, k)) {
        StrategyStateRecord ss{1, "crash-test", fmt::format("{{\"step\":{}}}", k), step_ts(k)};
        if (auto st = decision(ss, step_ts(k), false); !st) return st;
      }
    }
    return core::ok();
  }

  // Writes half of the next frame straight into the active segment, as a crash mid-write would.
  core::Status torn_write_and_die(int k) {
    if (auto st = journal_->sync(); !st) return st;
    auto segs = list_segments(cfg_.journal_dir);
    if (!segs || segs->empty()) return core::fail(core::ErrorCode::kIo, "no segment");
    Bytes frame;
    encode_frame(frame, journal_->last_seq() + 1, RecordType::kOrderIntent, 0, step_ts(k),
                 Bytes(200, std::byte{0x3C}));
    const int fd = ::open(segs->back().path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    const std::size_t cut = 7 + static_cast<std::size_t>(mix(cfg_.seed, k, 3) % (frame.size() - 8));
    if (fd < 0 || ::write(fd, frame.data(), cut) != static_cast<ssize_t>(cut))
      return core::fail(core::ErrorCode::kIo, "torn write failed");
    ::raise(SIGKILL);
    return core::ok();
  }

  SessionConfig cfg_;
  std::unique_ptr<Journal> journal_;
  std::unique_ptr<JournalObserver> observer_;
  JournalState state_;
  std::map<std::uint16_t, core::Timestamp> last_ts_;
  std::set<std::string> broker_;
  Bytes scratch_;
  int ack_fd_ = -1;
};

}  // namespace

int run_session(const SessionConfig& cfg) {
  Session s(cfg);
  if (auto st = s.run(); !st) {
    fmt::print(stderr, "session failed: {}\n", st.error().to_string());
    return 2;
  }
  return 0;
}

}  // namespace zerodte::store::testing
