// `zerodte journal ...`: inspect, verify, repair and project a journal (store/).
//   zerodte journal inspect --journal DIR (--print | --summary) [--from SEQ] [--until SEQ]
//       --print: one line per record; --summary: counts and the state the journal implies at
//       --until (trading state, orders, positions, risk counters, strategy snapshots).
//   zerodte journal verify --journal DIR     every crc, sequence and segment; exit 1 on damage
//   zerodte journal repair --journal DIR     truncate a torn tail (what a restart would do)
//   zerodte journal project --journal DIR (--sqlite FILE | --postgres-env VAR) [--rebuild] [--until
//   SEQ]
// `zerodte replay` belongs to the market-data area (replay of data files); journal inspection
// lives here under `zerodte journal`. Also registers `zerodte bench store`.
// Exit codes: 0 ok, 1 damage/problems found, 2 usage or I/O error.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/event_codec.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/journal_benchmark.hpp"
#include "zerodte/store/journal_reader.hpp"
#include "zerodte/store/journal_state.hpp"
#include "zerodte/store/projector.hpp"
#include "zerodte/store/record_printer.hpp"
#include "zerodte/store/sql_connection.hpp"

namespace {

namespace st = zerodte::store;

struct JournalOptions {
  std::string journal;
  bool print = false;
  bool summary = false;
  std::uint64_t from = 1;
  std::uint64_t until = UINT64_MAX;
  std::string sqlite;
  std::string postgres_env;
  bool rebuild = false;
};

void print_tail(const st::ReadReport& r) {
  if (r.torn_tail)
    fmt::print("torn tail: {} at offset {} ({} bytes): {}\n", r.torn_tail->segment.string(),
               r.torn_tail->offset, r.torn_tail->bytes_dropped, r.torn_tail->reason);
}

int inspect(const JournalOptions& o) {
  if (o.print == o.summary) {
    fmt::print(stderr, "zerodte journal inspect: give exactly one of --print or --summary\n");
    return 2;
  }
  st::JournalState state;
  auto rep = st::read_journal(o.journal, st::ReadOptions{1, o.until},
                              [&](const st::RecordView& r) -> zerodte::core::Status {
                                if (auto s = state.apply(r); !s) return s;
                                if (o.print && r.seq >= o.from)
                                  fmt::print("{}\n", st::describe_record(r));
                                return zerodte::core::ok();
                              });
  if (!rep) {
    fmt::print(stderr, "zerodte journal inspect: {}\n", rep.error().to_string());
    return 1;
  }
  if (o.summary) {
    fmt::print("journal {}: {} records, sequences {}..{}, {} segments\n", o.journal, rep->records,
               rep->first_seq, rep->last_seq, rep->segments);
    print_tail(*rep);
    fmt::print("{}", state.describe(true));
    const auto pending = state.unsubmitted_orders();
    if (!pending.empty())
      fmt::print("intents not yet recorded as sent (reconcile before trading): {}\n",
                 fmt::join(pending, " "));
  }
  return 0;
}

int verify(const JournalOptions& o) {
  auto rep = st::read_journal(o.journal, {}, {});
  if (!rep) {
    fmt::print(stderr, "zerodte journal verify: {}\n", rep.error().to_string());
    return 1;
  }
  fmt::print("ok: {} records, sequences {}..{}, {} segments\n", rep->records, rep->first_seq,
             rep->last_seq, rep->segments);
  print_tail(*rep);
  return rep->torn_tail ? 1 : 0;
}

int repair(const JournalOptions& o) {
  st::JournalConfig cfg;
  cfg.dir = o.journal;
  auto j = st::Journal::open(cfg);
  if (!j) {
    fmt::print(stderr, "zerodte journal repair: {}\n", j.error().to_string());
    return 1;
  }
  const auto& r = (*j)->open_report();
  if (r.repaired)
    fmt::print("truncated {} at offset {} ({} bytes dropped): {}\n", r.repaired->segment.string(),
               r.repaired->offset, r.repaired->bytes_dropped, r.repaired->reason);
  else
    fmt::print("no damage; next sequence {}\n", r.next_seq);
  return 0;
}

int project(const JournalOptions& o) {
  zerodte::core::Result<std::unique_ptr<st::SqlConnection>> conn = zerodte::core::fail(
      zerodte::core::ErrorCode::kConfig, "give --sqlite FILE or --postgres-env VAR");
  if (!o.sqlite.empty()) {
    conn = st::open_sqlite(o.sqlite);
  } else if (!o.postgres_env.empty()) {
    const char* info =
        std::getenv(o.postgres_env.c_str());  // the connection string may hold a password
    if (info == nullptr) {
      fmt::print(stderr, "zerodte journal project: environment variable {} is not set\n",
                 o.postgres_env);
      return 2;
    }
    conn = st::open_postgres(info);
  }
  if (!conn) {
    fmt::print(stderr, "zerodte journal project: {}\n", conn.error().to_string());
    return 2;
  }
  st::Projector p(**conn);
  if (auto s = p.open(); !s) {
    fmt::print(stderr, "zerodte journal project: {}\n", s.error().to_string());
    return 2;
  }
  if (o.rebuild) {
    if (auto s = p.reset(); !s) {
      fmt::print(stderr, "zerodte journal project: {}\n", s.error().to_string());
      return 2;
    }
  }
  auto n = p.catch_up(o.journal, o.until);
  if (!n) {
    fmt::print(stderr, "zerodte journal project: {}\n", n.error().to_string());
    return 1;
  }
  fmt::print("projected {} records; projection at sequence {}\n", *n, p.last_seq());
  return 0;
}

// A short example session: trades, a signal with its explanation, a risk verdict, a durable
// intent, its submission and fill, a closing order, and a trading-state change.
int demo(const JournalOptions& o) {
  using zerodte::core::Price;
  using zerodte::core::Timestamp;
  st::JournalConfig cfg;
  cfg.dir = o.journal;
  auto j = st::Journal::open(cfg);
  if (!j) {
    fmt::print(stderr, "zerodte journal demo: {}\n", j.error().to_string());
    return 2;
  }
  st::Journal& jr = **j;
  const std::int64_t t0 = 1'741'959'000'000'000'000;  // 2025-03-14T13:30:00Z
  auto at = [t0](int s) { return Timestamp{t0 + std::int64_t{s} * 1'000'000'000}; };
  st::Bytes buf;
  auto event = [&](const zerodte::engine::Event& e) {
    st::encode_event(e, buf);
    return jr.append(st::record_type_of(e), zerodte::engine::visible_time(e), buf).has_value();
  };
  bool ok = true;
  for (int i = 0; i < 20; ++i) {
    zerodte::model::Trade t{};
    t.hdr.instrument = zerodte::core::InstrumentId{1};
    t.hdr.ts_event = t.hdr.ts_recv = at(i);
    t.price = Price::from_cents(56'000 + 5 * i);
    t.size = 100;
    ok = ok && event(zerodte::engine::Event{t});
  }
  auto intent = [&](const char* coid, zerodte::model::Side side, std::int64_t cents, int s) {
    zerodte::model::OrderIntent oi{};
    oi.strategy = zerodte::core::StrategyId{1};
    oi.signal_id = 1;
    oi.client_order_id = coid;
    oi.legs[0] = zerodte::model::OrderLeg{zerodte::core::InstrumentId{1}, side, 1,
                                          zerodte::model::PositionIntent::kAuto};
    oi.quantity = zerodte::core::Quantity{10};
    oi.limit_price = Price::from_cents(cents);
    oi.ts_created = at(s);
    oi.tag = "demo";
    return oi;
  };
  auto fill = [&](const char* coid, const char* exec, zerodte::model::Side side, std::int64_t cents,
                  int s) {
    zerodte::model::Fill f{};
    f.client_order_id = coid;
    f.exec_id = exec;
    f.instrument = zerodte::core::InstrumentId{1};
    f.side = side;
    f.quantity = zerodte::core::Quantity{10};
    f.price = Price::from_cents(cents);
    f.fee = Price::from_cents(65);
    f.ts_event = f.ts_recv = at(s);
    return f;
  };
  using zerodte::model::Side;
  ok = ok &&
       st::append_record(
           jr, st::SignalRecord{1, 1, "orb", 1, "SPY", 1, 0.7, "{\"range_high\":560.5}", at(20)},
           at(20));
  ok = ok &&
       st::append_record(
           jr, st::RiskVerdictRecord{1, "demo-1", true, "all", "within limits", at(20)}, at(20));
  ok = ok && st::append_record(jr, st::OrderIntentRecord{intent("demo-1", Side::kBuy, 56'100, 20)},
                               at(20), true);
  ok = ok && st::append_record(jr, st::OrderSubmittedRecord{"demo-1", false, at(20)}, at(20), true);
  ok = ok && event(zerodte::engine::Event{fill("demo-1", "X1", Side::kBuy, 56'100, 21)});
  ok = ok && st::append_record(jr, st::OrderIntentRecord{intent("demo-2", Side::kSell, 56'250, 40)},
                               at(40), true);
  ok = ok && st::append_record(jr, st::OrderSubmittedRecord{"demo-2", false, at(40)}, at(40), true);
  ok = ok && event(zerodte::engine::Event{fill("demo-2", "X2", Side::kSell, 56'250, 41)});
  ok = ok && st::append_record(jr,
                               st::TradingStateRecord{st::TradingState::kReducing,
                                                      "demo: 80% of daily loss", "risk", at(50)},
                               at(50), true);
  if (!ok || !jr.sync()) {
    fmt::print(stderr, "zerodte journal demo: append failed\n");
    return 2;
  }
  fmt::print("wrote {} records to {}\n", jr.last_seq(), o.journal);
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<JournalOptions>();
  auto* cmd =
      app.add_subcommand("journal", "Inspect, verify, repair and project the event journal");
  cmd->require_subcommand(1);
  auto* ins = cmd->add_subcommand("inspect", "Print records or the state the journal implies");
  ins->add_option("--journal", o->journal, "journal directory")->required();
  ins->add_flag("--print", o->print, "one line per record");
  ins->add_flag("--summary", o->summary, "counts and rebuilt state");
  ins->add_option("--from", o->from, "first sequence to print");
  ins->add_option("--until", o->until, "last sequence to read (state as of this record)");
  ins->callback([o, &exit_code] { exit_code = inspect(*o); });
  auto* ver = cmd->add_subcommand("verify", "Check every crc, sequence and segment");
  ver->add_option("--journal", o->journal, "journal directory")->required();
  ver->callback([o, &exit_code] { exit_code = verify(*o); });
  auto* rep = cmd->add_subcommand("repair", "Truncate a torn tail, as a restart would");
  rep->add_option("--journal", o->journal, "journal directory")->required();
  rep->callback([o, &exit_code] { exit_code = repair(*o); });
  auto* proj =
      cmd->add_subcommand("project", "Bring an SQLite or PostgreSQL projection up to date");
  proj->add_option("--journal", o->journal, "journal directory")->required();
  proj->add_option("--sqlite", o->sqlite, "SQLite database file (created, WAL mode)");
  proj->add_option("--postgres-env", o->postgres_env,
                   "environment variable holding a libpq connection string");
  proj->add_flag("--rebuild", o->rebuild, "empty the tables and replay the whole journal");
  proj->add_option("--until", o->until, "last sequence to project");
  proj->callback([o, &exit_code] { exit_code = project(*o); });
  auto* dem = cmd->add_subcommand("demo", "Write a small example session to a journal");
  dem->add_option("--journal", o->journal, "journal directory")->required();
  dem->callback([o, &exit_code] { exit_code = demo(*o); });
}

int run_store_bench(bool json) {
  const char* tmp = std::getenv("TMPDIR");
  const std::filesystem::path base =
      std::filesystem::path(tmp != nullptr ? tmp : "/tmp") / "zerodte-bench-store";
  auto group = st::bench_append(base / "group", st::WritePolicy::kGroupCommit, 4'000'000, 0);
  auto per_order =
      st::bench_append(base / "per-order", st::WritePolicy::kFsyncPerOrder, 200'000, 100);
  auto recovery = st::bench_recovery(base / "recovery", 10'000'000);
  for (const auto* e : {group ? nullptr : &group.error(), per_order ? nullptr : &per_order.error(),
                        recovery ? nullptr : &recovery.error()}) {
    if (e != nullptr) {
      fmt::print(stderr, "zerodte bench store: {}\n", e->to_string());
      return 1;
    }
  }
  if (json) {
    fmt::print(
        "{{\"area\":\"store\",\"append_group_commit\":{{\"records\":{},\"records_per_s\":{:.0f},"
        "\"syncs\":{},"
        "\"goal_records_per_s\":2000000}},\"append_fsync_per_order\":{{\"records\":{},\"orders\":{}"
        ","
        "\"records_per_s\":{:.0f},\"syncs\":{}}},\"recovery\":{{\"records\":{},\"bytes\":{},"
        "\"segments\":{},"
        "\"seconds\":{:.3f},\"seconds_per_million\":{:.3f},\"goal_seconds_for_10m\":5}}}}\n",
        group->records, group->records_per_s(), group->syncs, per_order->records,
        per_order->records / 100, per_order->records_per_s(), per_order->syncs, recovery->records,
        recovery->bytes, recovery->segments, recovery->recover_seconds,
        recovery->seconds_per_million());
  } else {
    fmt::print(
        "append, group commit:     {} records in {:.3f} s = {:.2f} M records/s ({} syncs; goal >= "
        "2 M/s)\n",
        group->records, group->seconds, group->records_per_s() / 1e6, group->syncs);
    fmt::print(
        "append, fsync per order:  {} records (1 in 100 an order) in {:.3f} s = {:.0f} records/s "
        "({} syncs)\n",
        per_order->records, per_order->seconds, per_order->records_per_s(), per_order->syncs);
    fmt::print(
        "recovery:                 {} records ({} segments, {:.0f} MB) in {:.3f} s = {:.3f} s per "
        "million "
        "(goal: 10 M in <= 5 s)\n",
        recovery->records, recovery->segments, static_cast<double>(recovery->bytes) / 1e6,
        recovery->recover_seconds, recovery->seconds_per_million());
  }
  return 0;
}

const zerodte::app::CommandRegistrar kRegistrar{"journal", 60, &setup};
const zerodte::app::BenchRegistrar kBench{"store", &run_store_bench};

}  // namespace
