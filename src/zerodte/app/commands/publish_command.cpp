// `zerodte publish ...`: the distribution side from the command line.
//   preview     the three tiers' texts of a signal (--symbol SPY --right C --strike 440
//               --entry 2.50 --stop 2.10 --target 5.00 [--side sell])
//   subscribers list / add NAME TIER CHANNEL ADDRESS / tier ID TIER / disable ID (--db FILE)
//   deliveries  every delivery record (status, attempts, receipt, last error) of --db FILE
//   pnl         P&L attributed to each published signal (--db FILE)
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/publish/delivery_store.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace {

using namespace zerodte;  // NOLINT

struct PublishOptions {
  std::string db = "var/publish.db";
  std::string symbol = "SPY", right = "C", side = "buy";
  std::string strike, entry, stop, target;
  std::vector<std::string> add;  // NAME TIER CHANNEL ADDRESS
  std::int64_t id = 0;
  std::string tier;
};

PublishOptions g_opt;

core::Result<std::unique_ptr<publish::DeliveryStore>> open_db(const std::string& db) {
  return publish::DeliveryStore::open(db);
}

int preview(const PublishOptions& o) {
  publish::SignalAlert s;
  s.underlying = o.symbol;
  s.side = o.side == "sell" ? model::Side::kSell : model::Side::kBuy;
  s.kind = o.right == "P"   ? publish::OptionKind::kPut
           : o.right == "S" ? publish::OptionKind::kShares
                            : publish::OptionKind::kCall;
  auto price = [](const std::string& text, std::string_view what) -> core::Result<core::Price> {
    if (text.empty()) return core::Price::undefined();
    auto p = core::Price::parse(text);
    if (!p) return std::unexpected(p.error().with_context(std::string(what)));
    return p;
  };
  for (auto [text, field, what] :
       {std::tuple{&o.strike, &s.strike, "--strike"}, std::tuple{&o.entry, &s.entry, "--entry"},
        std::tuple{&o.stop, &s.stop, "--stop"}, std::tuple{&o.target, &s.target, "--target"}}) {
    auto p = price(*text, what);
    if (!p) {
      fmt::print(stderr, "zerodte publish preview: {}\n", p.error().to_string());
      return 2;
    }
    *field = *p;
  }
  if (!s.entry.is_defined() || (s.kind != publish::OptionKind::kShares && !s.strike.is_defined())) {
    fmt::print(stderr, "zerodte publish preview: --entry (and --strike for options) required\n");
    return 2;
  }
  for (auto t : {publish::Tier::kPremium, publish::Tier::kBasic, publish::Tier::kFree}) {
    fmt::print("{:<7} +{:>3}s  {}\n", publish::to_string(t),
               publish::tier_delay(t).count() / 1'000'000'000, publish::render(s, t));
  }
  return 0;
}

int subscribers(const PublishOptions& o, std::string_view action) {
  auto db = open_db(o.db);
  if (!db) {
    fmt::print(stderr, "zerodte publish: {}\n", db.error().to_string());
    return 1;
  }
  auto& st = **db;
  if (action == "add") {
    if (o.add.size() != 4) {
      fmt::print(stderr, "zerodte publish subscribers add NAME TIER CHANNEL ADDRESS\n");
      return 2;
    }
    auto tier = publish::parse_tier(o.add[1]);
    if (!tier) {
      fmt::print(stderr, "zerodte publish: {}\n", tier.error().message);
      return 2;
    }
    auto id = st.add_subscriber({0, o.add[0], *tier, o.add[2], o.add[3], true});
    if (!id) {
      fmt::print(stderr, "zerodte publish: {}\n", id.error().to_string());
      return 1;
    }
    fmt::print("subscriber {} added\n", *id);
    return 0;
  }
  if (action == "tier" || action == "disable") {
    core::Status s;
    if (action == "tier") {
      auto tier = publish::parse_tier(o.tier);
      if (!tier) {
        fmt::print(stderr, "zerodte publish: {}\n", tier.error().message);
        return 2;
      }
      s = st.set_tier(o.id, *tier);
    } else {
      s = st.set_active(o.id, false);
    }
    if (!s) {
      fmt::print(stderr, "zerodte publish: {}\n", s.error().to_string());
      return 1;
    }
    return 0;
  }
  auto list = st.subscribers();
  if (!list) {
    fmt::print(stderr, "zerodte publish: {}\n", list.error().to_string());
    return 1;
  }
  for (const auto& s : *list) {
    fmt::print("{:>4}  {:<16} {:<8} {:<9} {}{}\n", s.id, s.name, publish::to_string(s.tier),
               s.channel, s.address, s.active ? "" : "  (disabled)");
  }
  return 0;
}

int deliveries(const PublishOptions& o) {
  auto db = open_db(o.db);
  if (!db) {
    fmt::print(stderr, "zerodte publish: {}\n", db.error().to_string());
    return 1;
  }
  auto rows = (*db)->all();
  if (!rows) {
    fmt::print(stderr, "zerodte publish: {}\n", rows.error().to_string());
    return 1;
  }
  for (const auto& r : *rows) {
    fmt::print("{}  {:<40} {:<8} attempts {}  {}{}\n", core::to_iso8601(r.due).substr(0, 19), r.key,
               r.status, r.attempts, r.receipt.empty() ? "" : "receipt " + r.receipt,
               r.last_error.empty() ? "" : "  last error: " + r.last_error);
  }
  return 0;
}

int pnl(const PublishOptions& o) {
  auto db = open_db(o.db);
  if (!db) {
    fmt::print(stderr, "zerodte publish: {}\n", db.error().to_string());
    return 1;
  }
  auto rows = (*db)->signal_pnl();
  if (!rows) {
    fmt::print(stderr, "zerodte publish: {}\n", rows.error().to_string());
    return 1;
  }
  double total = 0;
  for (const auto& r : *rows) {
    total += r.realized_pnl;
    fmt::print("SIG-{:06}  {:<16} {:+10.2f}  {}\n", r.signal_id, r.strategy, r.realized_pnl,
               r.text);
  }
  fmt::print("total {:+.2f} over {} published signal(s)\n", total, rows->size());
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("publish", "Signal distribution: tiers, subscribers, deliveries");
  cmd->require_subcommand(1);
  auto* pv = cmd->add_subcommand("preview", "Show each tier's text of a signal");
  pv->add_option("--symbol", g_opt.symbol)->capture_default_str();
  pv->add_option("--right", g_opt.right, "C, P or S (shares)")->capture_default_str();
  pv->add_option("--side", g_opt.side, "buy or sell")->capture_default_str();
  pv->add_option("--strike", g_opt.strike);
  pv->add_option("--entry", g_opt.entry);
  pv->add_option("--stop", g_opt.stop);
  pv->add_option("--target", g_opt.target);
  pv->callback([&exit_code] { exit_code = preview(g_opt); });

  auto* subs = cmd->add_subcommand("subscribers", "Subscriber lists and tier membership");
  subs->add_option("--db", g_opt.db, "Distribution database (SQLite)")->capture_default_str();
  subs->require_subcommand(1);
  subs->add_subcommand("list", "List subscribers")->callback([&exit_code] {
    exit_code = subscribers(g_opt, "list");
  });
  auto* add = subs->add_subcommand("add", "Add NAME TIER CHANNEL ADDRESS");
  add->add_option("fields", g_opt.add, "NAME TIER CHANNEL ADDRESS")->expected(4);
  add->callback([&exit_code] { exit_code = subscribers(g_opt, "add"); });
  auto* tier = subs->add_subcommand("tier", "Move subscriber ID to TIER");
  tier->add_option("id", g_opt.id)->required();
  tier->add_option("tier", g_opt.tier)->required();
  tier->callback([&exit_code] { exit_code = subscribers(g_opt, "tier"); });
  auto* dis = subs->add_subcommand("disable", "Stop delivering to subscriber ID");
  dis->add_option("id", g_opt.id)->required();
  dis->callback([&exit_code] { exit_code = subscribers(g_opt, "disable"); });

  auto* dl = cmd->add_subcommand("deliveries", "Delivery records (sent, retried, failed)");
  dl->add_option("--db", g_opt.db, "Distribution database (SQLite)")->capture_default_str();
  dl->callback([&exit_code] { exit_code = deliveries(g_opt); });
  auto* p = cmd->add_subcommand("pnl", "P&L attributed to each published signal");
  p->add_option("--db", g_opt.db, "Distribution database (SQLite)")->capture_default_str();
  p->callback([&exit_code] { exit_code = pnl(g_opt); });
}

const zerodte::app::CommandRegistrar kRegistrar{"publish", 62, &setup};

}  // namespace
