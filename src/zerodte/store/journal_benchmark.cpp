#include "zerodte/store/journal_benchmark.hpp"

#include <chrono>

#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/event_codec.hpp"
#include "zerodte/store/journal_state.hpp"
#include "zerodte/store/recovery.hpp"

namespace zerodte::store {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

Bytes trade_payload(std::uint64_t i) {
  model::Trade t{};
  t.hdr.instrument = core::InstrumentId{static_cast<std::uint32_t>(1 + i % 64)};
  t.hdr.ts_event = t.hdr.ts_recv =
      core::Timestamp{static_cast<std::int64_t>(1'741'959'000'000'000'000 + i * 1000)};
  t.price = core::Price::from_cents(10'000 + static_cast<std::int64_t>(i % 500));
  t.size = 1 + static_cast<std::int64_t>(i % 7);
  Bytes b;
  encode_event(engine::Event{t}, b);
  return b;
}

}  // namespace

core::Result<AppendBenchResult> bench_append(const std::filesystem::path& dir, WritePolicy policy,
                                             std::uint64_t records, std::uint64_t order_every) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  JournalConfig cfg;
  cfg.dir = dir;
  cfg.policy = policy;
  cfg.group_commit_interval = std::chrono::milliseconds(5);
  auto j = Journal::open(cfg);
  if (!j) return std::unexpected(j.error());
  const Bytes trade = trade_payload(1);
  model::OrderIntent oi{};
  oi.client_order_id = "bench";
  Bytes intent;
  {
    ByteWriter w(intent);
    OrderIntentRecord{oi}.encode(w);
  }
  const auto t0 = Clock::now();
  for (std::uint64_t i = 1; i <= records; ++i) {
    const bool order = order_every != 0 && i % order_every == 0;
    auto seq = order ? (*j)->append(RecordType::kOrderIntent,
                                    core::Timestamp{static_cast<std::int64_t>(i)}, intent)
                     : (*j)->append(RecordType::kTrade,
                                    core::Timestamp{static_cast<std::int64_t>(i)}, trade);
    if (!seq) return std::unexpected(seq.error());
  }
  if (auto st = (*j)->sync(); !st) return std::unexpected(st.error());
  AppendBenchResult r{records, since(t0), (*j)->stats().syncs};
  j->reset();
  std::filesystem::remove_all(dir, ec);
  return r;
}

core::Result<RecoveryBenchResult> bench_recovery(const std::filesystem::path& dir,
                                                 std::uint64_t records) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  RecoveryBenchResult r;
  {
    JournalConfig cfg;
    cfg.dir = dir;
    cfg.policy = WritePolicy::kGroupCommit;
    cfg.zstd_level = 1;
    auto j = Journal::open(cfg);
    if (!j) return std::unexpected(j.error());
    const auto t0 = Clock::now();
    for (std::uint64_t i = 1; i <= records; ++i) {
      const Bytes p = trade_payload(i);
      if (auto s =
              (*j)->append(RecordType::kTrade, core::Timestamp{static_cast<std::int64_t>(i)}, p);
          !s)
        return std::unexpected(s.error());
    }
    if (auto st = (*j)->sync(); !st) return std::unexpected(st.error());
    (*j)->wait_for_compression();
    r.write_seconds = since(t0);
    r.bytes = (*j)->stats().bytes;
  }
  JournalState state;
  RecoveryRegistry reg;
  state.register_with(reg);
  std::uint64_t trades = 0;
  reg.on(RecordType::kTrade, [&trades](const RecordView& v) -> core::Status {
    if (v.payload.size() != sizeof(model::Trade))
      return core::fail(core::ErrorCode::kParse, "trade payload of {} bytes", v.payload.size());
    ++trades;
    return core::ok();
  });
  const auto t0 = Clock::now();
  auto rep = recover(dir, reg);
  if (!rep) return std::unexpected(rep.error());
  r.recover_seconds = since(t0);
  r.records = rep->applied;
  r.segments = rep->read.segments;
  if (trades != records || state.last_seq != records)
    return core::fail(core::ErrorCode::kInternal, "recovered {} of {} records", trades, records);
  std::filesystem::remove_all(dir, ec);
  return r;
}

}  // namespace zerodte::store
