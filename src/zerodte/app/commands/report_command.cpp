// `zerodte report --type close --date D`: runs the paper session of a config (simulated market,
// paper venue, risk, the config's strategies) for the day with the overseer, the explanation
// recorder and the report collector attached, then writes the report as of its scheduled time
// (pre-market 08:30 from the previous session, intraday 13:00, close 16:10 New York) in every
// tier as HTML and PDF into the archive (<out>/<date>/<type>-<tier>.{html,pdf}, index.jsonl).
// Nothing is journaled or persisted outside <out>: the session keeps its state in memory.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/overseer/action_port.hpp"
#include "zerodte/overseer/explanation_recorder.hpp"
#include "zerodte/overseer/narrator.hpp"
#include "zerodte/overseer/overseer.hpp"
#include "zerodte/overseer/report_archive.hpp"
#include "zerodte/overseer/report_collector.hpp"
#include "zerodte/overseer/report_html.hpp"
#include "zerodte/overseer/report_scheduler.hpp"
#include "zerodte/session/trading_session.hpp"

namespace {

namespace cfgns = zerodte::core::config;
using namespace zerodte;  // NOLINT

struct ReportOptions {
  std::string type = "close";
  std::string date;
  std::string config = "config/paper.toml";
  std::string out = "reports";
  bool pdf = true;
  std::vector<std::string> tiers;
  std::string at;  // HH:MM: the report as of this exchange-local time (on demand)
  std::string llm_url;
  std::string llm_model = "llama-3.3-70b-versatile";
  std::string llm_key_env;
  bool anthropic = false;
};

ReportOptions g_opt;

int run_report(const ReportOptions& o) {
  auto type = overseer::parse_report_type(o.type);
  if (!type) {
    fmt::print(stderr, "zerodte report: --type: {}\n", type.error().message);
    return 2;
  }
  const auto& cal = core::TradingCalendar::nyse();
  core::Date day = cal.local_date(core::wall_clock_now());
  if (!o.date.empty()) {
    auto d = core::Date::parse(o.date);
    if (!d) {
      fmt::print(stderr, "zerodte report: --date: {}\n", d.error().message);
      return 2;
    }
    day = *d;
  }
  if (!cal.is_trading_day(day)) {
    fmt::print(stderr, "zerodte report: {} is not an NYSE trading day\n", day.to_string());
    return 2;
  }
  overseer::ReportArchiveConfig archive;
  archive.dir = o.out;
  archive.pdf = o.pdf;
  if (!o.tiers.empty()) {
    archive.tiers.clear();
    for (const auto& t : o.tiers) {
      auto tier = publish::parse_tier(t);
      if (!tier) {
        fmt::print(stderr, "zerodte report: --tier: {}\n", tier.error().message);
        return 2;
      }
      archive.tiers.push_back(*tier);
    }
  }
  if (o.pdf) {
    auto c = overseer::find_chromium();
    if (!c) {
      fmt::print(stderr, "zerodte report: {} (or pass --no-pdf)\n", c.error().message);
      return 2;
    }
    archive.chromium = *c;
  }
  const cfgns::ConfigSchema schema = cfgns::build_schema();
  auto loaded = cfgns::load_config_file(o.config, schema);
  if (!loaded) {
    fmt::print(stderr, "{}", cfgns::format_issues(loaded.error()));
    return 2;
  }
  if (loaded->get<std::string>("data.source") != "sim") {
    fmt::print(stderr, "zerodte report: {}: data.source must be \"sim\" for a simulated day\n",
               o.config);
    return 2;
  }
  // The pre-market report is written from the previous session.
  const core::Date data_day =
      *type == overseer::ReportType::kPreMarket ? cal.previous_trading_day(day) : day;
  auto spec = session::spec_from_config(*loaded, /*persistent_state=*/false);
  if (!spec) {
    fmt::print(stderr, "zerodte report: {}\n", spec.error().message);
    return 2;
  }
  spec->data.from = data_day;
  spec->data.to = data_day;
  spec->data.speed = 0;
  spec->journal_dir.reset();
  spec->trading_state_file.reset();
  auto built = session::TradingSession::create(std::move(*spec));
  if (!built) {
    fmt::print(stderr, "zerodte report: {}\n", built.error().to_string());
    return 1;
  }
  auto& ts = **built;
  if (auto st = ts.add_strategies_from_config(*loaded); !st) {
    fmt::print(stderr, "zerodte report: {}: {}\n", o.config, st.error().message);
    return 2;
  }
  if (ts.underlyings().empty()) {
    fmt::print(stderr, "zerodte report: the session trades no underlying\n");
    return 2;
  }
  overseer::ExplanationStore explanations;
  overseer::RiskActionPort actions(ts.risk(), ts.clock());
  overseer::OverseerConfig ocfg;
  for (auto id : ts.underlyings())
    ocfg.instrument_names[id.value] = std::string(ts.registry().get(id).symbol_view());
  auto watcher = std::make_shared<overseer::Overseer>(ocfg, &actions, &explanations);
  overseer::ReportCollectorConfig rc;
  rc.underlying = ts.underlyings().front();
  auto collector = std::make_shared<overseer::ReportCollector>(ts.registry(), rc, &explanations);
  ts.add_component(watcher);
  ts.add_component(std::make_shared<overseer::ExplanationRecorder>(explanations));
  ts.add_component(collector);
  const core::Date at_day = *type == overseer::ReportType::kIntraday ? day : data_day;
  core::TimeOfDay at_time = *type == overseer::ReportType::kIntraday
                                ? overseer::report_time(overseer::ReportType::kIntraday)
                                : overseer::report_time(overseer::ReportType::kClose);
  if (!o.at.empty()) {
    auto t = core::TimeOfDay::parse(o.at);
    if (!t) {
      fmt::print(stderr, "zerodte report: --at: {}\n", t.error().message);
      return 2;
    }
    at_time = *t;
  }
  const core::Timestamp end = cal.to_utc(at_day, at_time);
  fmt::print(stderr, "zerodte report: simulating {} ({}) up to {} New York ...\n",
             data_day.to_string(), ts.source_description(), at_time.to_string());
  if (auto st = ts.run(end); !st) {
    fmt::print(stderr, "zerodte report: session: {}\n", st.error().to_string());
    return 1;
  }
  auto data = collector->snapshot(*type, end);
  data.date = day;
  data.generated = o.at.empty() ? cal.to_utc(day, overseer::report_time(*type)) : end;
  std::optional<sentiment::LlmConfig> llm;
  if (!o.llm_url.empty()) {
    sentiment::LlmConfig c;
    c.api = o.anthropic ? sentiment::LlmApi::kAnthropic : sentiment::LlmApi::kOpenAi;
    c.base_url = o.llm_url;
    c.model = o.llm_model;
    c.api_key_env = o.llm_key_env;
    c.timeout = std::chrono::seconds(20);
    c.max_tokens = 300;
    llm = c;
  }
  overseer::Narrator narrator(llm);
  overseer::write_narratives(data, narrator, "");
  if (*type == overseer::ReportType::kClose) data.anomalies.push_back(watcher->daily_summary(end));
  auto files = overseer::archive_report(data, archive);
  if (!files) {
    fmt::print(stderr, "zerodte report: {}\n", files.error().to_string());
    return 1;
  }
  if (narrator.fallbacks() > 0) {
    fmt::print(stderr, "zerodte report: LLM narrative failed, template used: {}\n",
               narrator.last_error());
  }
  fmt::print("{} ({} signals, {} fills, net P&L {:+.2f}, {} anomalies)\n",
             overseer::report_title(data), data.signals, data.fills, data.net_pnl(),
             watcher->anomalies().size());
  for (const auto& f : *files) {
    fmt::print("  {:7}  {}{}\n", publish::to_string(f.tier), f.html.string(),
               f.pdf ? "  " + f.pdf->string() : "");
  }
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "report", "Generate the pre-market / intraday / close report of a simulated day");
  cmd->add_option("--type", g_opt.type, "premarket, intraday or close")->capture_default_str();
  cmd->add_option("--date", g_opt.date, "Trading day YYYY-MM-DD (default: today)");
  cmd->add_option("--at", g_opt.at,
                  "On demand: the report as of this New York time (HH:MM) instead of its slot");
  cmd->add_option("--config,-c", g_opt.config, "Configuration file")->capture_default_str();
  cmd->add_option("--out,-o", g_opt.out, "Report archive directory")->capture_default_str();
  cmd->add_flag("!--no-pdf", g_opt.pdf, "HTML only (no Chromium)");
  cmd->add_option("--tier", g_opt.tiers, "Tiers to write (premium, basic, free; default all)");
  cmd->add_option("--llm-url", g_opt.llm_url,
                  "Narratives from this OpenAI-compatible (or --anthropic) API base URL");
  cmd->add_option("--llm-model", g_opt.llm_model, "Model name")->capture_default_str();
  cmd->add_option("--llm-key-env", g_opt.llm_key_env, "Environment variable holding the API key");
  cmd->add_flag("--anthropic", g_opt.anthropic, "The LLM URL is the Anthropic Messages API");
  cmd->callback([&exit_code] { exit_code = run_report(g_opt); });
}

const zerodte::app::CommandRegistrar kRegistrar{"report", 60, &setup};

}  // namespace
