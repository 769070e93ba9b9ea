// `zerodte overseer explain --journal DIR [--id ID | --strategy S | --kind K] [--from T --to T]`:
// the explanation records (trades, rejects, suppressions, anomalies, automatic actions,
// reversals) of a journal, as JSON (the API's shape) or one line each.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/overseer/explanation.hpp"

namespace {

using namespace zerodte;  // NOLINT

struct ExplainOptions {
  std::string journal;
  std::string id;
  std::string strategy;
  std::string kind;
  std::string from;
  std::string to;
  std::size_t limit = 1000;
  bool json = false;
};

ExplainOptions g_opt;

int explain(const ExplainOptions& o) {
  overseer::ExplanationStore store;
  if (auto s = store.load_journal(o.journal); !s) {
    fmt::print(stderr, "zerodte overseer explain: {}\n", s.error().to_string());
    return 1;
  }
  if (!o.id.empty()) {
    const auto* r = store.by_id(o.id);
    if (r == nullptr) {
      fmt::print(stderr, "zerodte overseer explain: no explanation '{}' in {} ({} records)\n", o.id,
                 o.journal, store.size());
      return 1;
    }
    fmt::print("{}\n", r->to_json());
    return 0;
  }
  overseer::ExplanationQuery q;
  q.limit = o.limit;
  if (!o.strategy.empty()) q.strategy = o.strategy;
  if (!o.kind.empty()) {
    auto k = overseer::parse_explanation_kind(o.kind);
    if (!k) {
      fmt::print(stderr, "zerodte overseer explain: --kind: {}\n", k.error().message);
      return 2;
    }
    q.kind = *k;
  }
  for (auto [text, field] : {std::pair{&o.from, &q.from}, std::pair{&o.to, &q.to}}) {
    if (text->empty()) continue;
    auto t = core::parse_iso8601(*text);
    if (!t) {
      fmt::print(stderr, "zerodte overseer explain: time '{}': {}\n", *text, t.error().message);
      return 2;
    }
    *field = *t;
  }
  if (o.json) {
    fmt::print("{}\n", store.query_json(q));
    return 0;
  }
  for (const auto* r : store.query(q)) {
    fmt::print("{}  {:<12} {:<11} {:<18} {}\n", core::to_iso8601(r->ts).substr(0, 19), r->id,
               to_string(r->kind), r->strategy.empty() ? "-" : r->strategy,
               r->narrative.empty() ? r->details : r->narrative);
  }
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("overseer", "The overseer's explanation records");
  cmd->require_subcommand(1);
  auto* ex = cmd->add_subcommand("explain", "Query explanation records of a journal");
  ex->add_option("--journal,-j", g_opt.journal, "Journal directory")->required();
  ex->add_option("--id", g_opt.id, "One record by id (SIG-000042, REJ-..., ACT-3)");
  ex->add_option("--strategy", g_opt.strategy, "Only this strategy's records");
  ex->add_option("--kind", g_opt.kind,
                 "trade, reject, suppression, anomaly, auto_action or reversal");
  ex->add_option("--from", g_opt.from, "From this time (ISO 8601)");
  ex->add_option("--to", g_opt.to, "Until this time, exclusive (ISO 8601)");
  ex->add_option("--limit", g_opt.limit, "At most this many records")->capture_default_str();
  ex->add_flag("--json", g_opt.json, "JSON array (the API's shape)");
  ex->callback([&exit_code] { exit_code = explain(g_opt); });
}

const zerodte::app::CommandRegistrar kRegistrar{"overseer", 61, &setup};

}  // namespace
