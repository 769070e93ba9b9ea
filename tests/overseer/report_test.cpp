// A report for a simulated day (the market simulator's SPY 0DTE chain through a kernel, plus
// trades of two strategies): HTML per tier with the four charts as inline SVG, printed to PDF
// by headless Chromium; the PDF pages turned into PNGs by pdftoppm and the HTML screenshotted
// by Chromium, and the pixels checked (not blank, the charts' green and red present).
#include <gtest/gtest.h>
#include <png.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>

#include "sentiment/fake_http_server.hpp"
#include "zerodte/data/sim/market_simulator.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/overseer/narrator.hpp"
#include "zerodte/overseer/report_archive.hpp"
#include "zerodte/overseer/report_collector.hpp"
#include "zerodte/overseer/report_html.hpp"
#include "zerodte/overseer/report_scheduler.hpp"
#include "zerodte/overseer/report_svg.hpp"

namespace zerodte::overseer {
namespace {

namespace fs = std::filesystem;
constexpr core::Date kDay{2025, 11, 21};

const core::TradingCalendar& nyse() {
  return core::TradingCalendar::nyse();
}

struct PixelStats {
  int width = 0, height = 0;
  double non_white = 0;  // fraction
  bool green = false, red = false;
};

std::optional<PixelStats> png_stats(const fs::path& file) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&img, file.c_str())) return std::nullopt;
  img.format = PNG_FORMAT_RGB;
  std::vector<unsigned char> px(PNG_IMAGE_SIZE(img));
  if (!png_image_finish_read(&img, nullptr, px.data(), 0, nullptr)) return std::nullopt;
  PixelStats s;
  s.width = static_cast<int>(img.width);
  s.height = static_cast<int>(img.height);
  std::size_t busy = 0;
  for (std::size_t i = 0; i + 2 < px.size(); i += 3) {
    const int r = px[i], g = px[i + 1], b = px[i + 2];
    if (r < 245 || g < 245 || b < 245) ++busy;
    if (g > 130 && r < 90 && b < 120) s.green = true;  // #2e9e4f
    if (r > 180 && g < 90 && b < 90) s.red = true;     // #d0342c
  }
  s.non_white = static_cast<double>(busy) / static_cast<double>(px.size() / 3);
  return s;
}

std::size_t count(const std::string& html, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = html.find(needle); p != std::string::npos; p = html.find(needle, p + 1))
    ++n;
  return n;
}

// Passes a source's events up to `end` (the first one after it is kept for the next run).
struct Gate final : engine::EventSource {
  engine::EventSource& src;
  core::Timestamp end;
  std::optional<engine::Event> held;
  Gate(engine::EventSource& s, core::Timestamp e) : src(s), end(e) {}
  std::optional<engine::Event> next() override {
    if (!held) held = src.next();
    if (!held || engine::visible_time(*held) > end) return std::nullopt;
    auto e = std::move(held);
    held.reset();
    return e;
  }
};

// The simulated day: 15:50-16:00 of SPY with its option chains, trades injected at 15:55.
struct SimDay {
  model::InstrumentRegistry reg;
  core::SimClock clock;
  engine::Kernel kernel{clock, engine::KernelConfig{1u << 12}};
  ExplanationStore explanations;
  std::shared_ptr<ReportCollector> collector;
  core::InstrumentId spy;

  SimDay() {
    data::sim::SimConfig c;
    c.date = kDay;
    c.seed = 7;
    c.underlyings = {data::sim::default_underlyings()[0]};
    c.underlyings[0].strikes_each_side = 12;
    c.start = core::TimeOfDay{15, 50, 0};
    c.end = core::TimeOfDay{16, 0, 0};
    c.option_quote_interval_s = 60;
    c.daily_expiry_count = 1;
    c.max_dte = 0;
    auto sim = data::sim::MarketSimulator::create(c, reg);
    if (!sim) throw std::runtime_error(sim.error().message);
    spy = *reg.find("SPY");
    ReportCollectorConfig rc;
    rc.underlying = spy;
    rc.strategy_names = {{1, "gamma_scalp"}, {2, "moc_imbalance"}};
    collector = std::make_shared<ReportCollector>(reg, rc, &explanations);
    clock.set((*sim)->start_time());
    kernel.add_component(collector);
    kernel.start();
    // Until 15:55, then the trades, then to the close.
    Gate gate(**sim, nyse().to_utc(kDay, {15, 55, 0}));
    kernel.run_simulation(gate, clock, nyse().to_utc(kDay, {15, 55, 0}));
    trade(1, 101, 1, true, +1, "2.10", "ok");
    trade(1, 102, 1, false, -1, "1.60", "ok");
    trade(2, 201, 2, true, +2, "0.80", "ok");
    close(1, 101, 1, true, "2.60");  // realised on signal 101
    ExplanationRecord rej;
    rej.id = "REJ-1-103-0";
    rej.kind = ExplanationKind::kReject;
    rej.ts = clock.now();
    rej.strategy = "gamma_scalp";
    rej.signal_id = 103;
    rej.rejected_because = "insufficient_liquidity";
    rej.details = "spread > max_allowed";
    (void)explanations.add(rej);
    gate.end = core::Timestamp::max();
    kernel.run_simulation(gate, clock, nyse().to_utc(kDay, {16, 10, 0}));
  }

  core::InstrumentId near_option(bool call, int offset) {
    const double spot = collector->snapshot(ReportType::kIntraday, clock.now()).spot;
    std::optional<core::InstrumentId> best;
    double best_d = 1e9;
    for (std::uint32_t i = 1; i < 100000; ++i) {
      const auto* in = reg.try_get(core::InstrumentId{i});
      if (in == nullptr) break;
      if (!in->is_option() || in->option->expiry != kDay || in->underlying_id != spy) continue;
      if ((in->option->right == model::OptionRight::kCall) != call) continue;
      const double d = std::abs(in->option->strike.to_double() - (spot + offset));
      if (d < best_d) {
        best_d = d;
        best = in->id;
      }
    }
    return *best;
  }
  void trade(std::uint16_t strategy, std::uint64_t signal, int offset, bool call, int qty,
             std::string_view px, std::string_view) {
    const auto id = near_option(call, offset);
    risk::RiskVerdict v;
    v.strategy = core::StrategyId{strategy};
    v.signal_id = signal;
    v.client_order_id = fmt::format("C{}", signal);
    v.ts = clock.now();
    kernel.bus().publish(v);
    model::Fill f;
    f.client_order_id = v.client_order_id;
    f.exec_id = fmt::format("E{}", signal);
    f.instrument = id;
    f.side = model::Side::kBuy;
    f.quantity = core::Quantity{std::abs(qty)};
    f.price = *core::Price::parse(px);
    f.fee = *core::Price::parse("0.65");
    f.ts_event = f.ts_recv = clock.now();
    kernel.bus().publish(f);
    ExplanationRecord r;
    r.id = fmt::format("SIG-{:06}", signal);
    r.kind = ExplanationKind::kTrade;
    r.ts = clock.now();
    r.strategy = strategy == 1 ? "gamma_scalp" : "moc_imbalance";
    r.strategy_id = strategy;
    r.signal_id = signal;
    r.symbol = std::string(reg.get(id).symbol_view());
    r.triggered_by = {call ? "regime_bullish" : "regime_bearish", "gex_spike"};
    r.confidence = 0.8;
    r.risk_factors = {"elevated_vpin"};
    r.analytics = {{"gex", -1.2e9}, {"vpin", 0.62}};
    (void)explanations.add(r);
  }
  void close(std::uint16_t strategy, std::uint64_t signal, int offset, bool call,
             std::string_view px) {
    model::Fill f;
    f.client_order_id = fmt::format("C{}", signal);
    f.exec_id = fmt::format("X{}", signal);
    f.instrument = near_option(call, offset);
    f.side = model::Side::kSell;
    f.quantity = core::Quantity{1};
    f.price = *core::Price::parse(px);
    f.fee = *core::Price::parse("0.65");
    f.ts_event = f.ts_recv = clock.now();
    (void)strategy;
    kernel.bus().publish(f);
  }
};

TEST(Report, CollectorSeesTheChainAndAttributesPnl) {
  SimDay day;
  const auto d = day.collector->snapshot(ReportType::kClose, day.clock.now());
  EXPECT_EQ(d.date, kDay);
  EXPECT_GT(d.spot, 100);
  EXPECT_GE(d.high, d.spot);
  EXPECT_LE(d.low, d.spot);
  ASSERT_GE(d.greeks.size(), 10u);
  for (const auto& g : d.greeks) {
    EXPECT_GE(g.gamma, 0);
    EXPECT_GE(g.call_delta, 0);
    EXPECT_LE(g.put_delta, 0);
  }
  ASSERT_FALSE(d.gex.empty());
  for (const auto& g : d.gex) {
    EXPECT_GE(g.call_gex, 0);
    EXPECT_GE(g.put_gex, 0);
  }
  // Signal 101: bought 1 at 2.10, sold at 2.60, two 0.65 fees: +50 - 1.30.
  ASSERT_EQ(d.pnl_by_signal.size(), 3u);
  EXPECT_EQ(d.pnl_by_signal[0].name, "SIG-000101");
  EXPECT_NEAR(d.pnl_by_signal[0].realized, 48.70, 1e-9);
  EXPECT_EQ(d.pnl_by_signal[0].unrealized, 0);
  ASSERT_EQ(d.pnl_by_strategy.size(), 2u);
  EXPECT_EQ(d.pnl_by_strategy[0].name, "gamma_scalp");
  EXPECT_NEAR(d.pnl_by_strategy[0].total(), d.pnl_by_signal[0].total() + d.pnl_by_signal[1].total(),
              1e-9);
  EXPECT_EQ(d.signals, 3u);
  EXPECT_EQ(d.fills, 4u);
  EXPECT_EQ(d.rationales.size(), 4u);  // three trades, one reject
}

TEST(Report, TiersRedactAndCarryTheirCharts) {
  SimDay day;
  auto d = day.collector->snapshot(ReportType::kClose, day.clock.now());
  Narrator narrator;  // no LLM: templates
  write_narratives(d, narrator, "");
  const std::string premium = render_report_html(d, publish::Tier::kPremium);
  const std::string basic = render_report_html(d, publish::Tier::kBasic);
  const std::string free = render_report_html(d, publish::Tier::kFree);
  const std::size_t strikes = d.greeks.size();
  EXPECT_EQ(count(premium, "class=\"heat\""), 6 * strikes);
  EXPECT_EQ(count(premium, "class=\"gex\""), d.gex.size());
  EXPECT_EQ(count(premium, "class=\"depth\""), 2 * d.depth.size());
  EXPECT_EQ(count(premium, "class=\"bar\""), d.pnl_by_strategy.size() + d.pnl_by_signal.size());
  EXPECT_EQ(count(premium, "<svg"), 5u);
  EXPECT_NE(premium.find("insufficient_liquidity - spread &gt; max_allowed"), std::string::npos);
  EXPECT_NE(premium.find("SIG-000101"), std::string::npos);
  // Basic: no per-signal P&L, no depth, rationales without details.
  EXPECT_EQ(count(basic, "<svg"), 3u);
  EXPECT_EQ(count(basic, "class=\"depth\""), 0u);
  EXPECT_EQ(basic.find("spread &gt; max_allowed"), std::string::npos);
  EXPECT_EQ(basic.find("P&amp;L per signal"), std::string::npos);
  EXPECT_NE(basic.find("rejected: insufficient_liquidity"), std::string::npos);
  // Free: a teaser with the GEX profile only.
  EXPECT_EQ(count(free, "<svg"), 1u);
  EXPECT_EQ(free.find("Net P&amp;L"), std::string::npos);
  EXPECT_EQ(free.find("SIG-000"), std::string::npos);
  EXPECT_NE(free.find("Premium members were mostly bullish (calls)"), std::string::npos);
  EXPECT_NE(d.regime_narrative.find("SPY opened at"), std::string::npos) << d.regime_narrative;
  EXPECT_FALSE(d.plan.empty());
}

TEST(Report, HtmlAndPdfRenderWithChartsVisible) {
  auto chromium = find_chromium();
  if (!chromium) GTEST_SKIP() << chromium.error().message;
  if (std::system("command -v pdftoppm >/dev/null 2>&1") != 0) GTEST_SKIP() << "no pdftoppm";
  SimDay day;
  auto d = day.collector->snapshot(ReportType::kClose, day.clock.now());
  Narrator narrator;
  write_narratives(d, narrator, "");
  const fs::path dir = fs::temp_directory_path() / fmt::format("zerodte_report_{}", ::getpid());
  fs::remove_all(dir);
  ReportArchiveConfig cfg;
  cfg.dir = dir;
  cfg.chromium = *chromium;
  cfg.tiers = {publish::Tier::kPremium};
  cfg.pdf = false;
  auto files = archive_report(d, cfg);
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 1u);
  const fs::path html = files->front().html;
  EXPECT_EQ(html, dir / "2025-11-21" / "close-premium.html");
  // PDF and screenshot in parallel (two Chromium processes).
  const fs::path pdf = dir / "close-premium.pdf", shot = dir / "close-premium.png";
  auto pdf_job = std::async(std::launch::async, [&] {
    return html_to_pdf(*chromium, html, pdf, std::chrono::seconds(60));
  });
  auto shot_s = html_screenshot(*chromium, html, shot, 800, 2400, std::chrono::seconds(60));
  auto pdf_s = pdf_job.get();
  ASSERT_TRUE(pdf_s) << pdf_s.error().message;
  ASSERT_TRUE(shot_s) << shot_s.error().message;
  // PDF pages -> PNG.
  const fs::path prefix = dir / "page";
  ASSERT_EQ(
      std::system(
          fmt::format("pdftoppm -png -r 40 '{}' '{}'", pdf.string(), prefix.string()).c_str()),
      0);
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().starts_with("page")) pages.push_back(e.path());
  }
  ASSERT_GE(pages.size(), 2u) << "five charts and tables do not fit one page";
  bool green = false, red = false;
  for (const auto& p : pages) {
    auto s = png_stats(p);
    ASSERT_TRUE(s) << p;
    EXPECT_GT(s->non_white, 0.01) << p << " is blank";
    green = green || s->green;
    red = red || s->red;
  }
  EXPECT_TRUE(green && red) << "chart colours missing from the PDF pages";
  auto s = png_stats(shot);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->width, 800);
  EXPECT_GT(s->non_white, 0.05);
  EXPECT_TRUE(s->green && s->red) << "chart colours missing from the screenshot";
  // The archive index lists the report.
  std::ifstream idx(dir / "index.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(idx, line));
  EXPECT_NE(line.find(R"("id":"RPT-2025-11-21-close")"), std::string::npos) << line;
  EXPECT_NE(line.find(files->front().sha256), std::string::npos);
  fs::remove_all(dir);
}

TEST(Report, ScheduledAtTheSeedTimesOnTheKernelClock) {
  model::InstrumentRegistry reg;
  const auto spy = *reg.intern_equity("SPY");
  core::SimClock clock(nyse().to_utc(kDay, {7, 0, 0}));
  engine::Kernel kernel(clock, engine::KernelConfig{1u << 10});
  ReportCollectorConfig rc;
  rc.underlying = spy;
  ReportCollector collector(reg, rc);
  Narrator narrator;
  ReportSchedulerConfig cfg;
  cfg.archive.dir = fs::temp_directory_path() / fmt::format("zerodte_sched_{}", ::getpid());
  cfg.archive.pdf = false;
  fs::remove_all(cfg.archive.dir);
  auto sched = std::make_shared<ReportScheduler>(collector, narrator, cfg);
  kernel.add_component(sched);
  kernel.start();
  engine::VectorEventSource none({});
  // Friday 07:00 through Monday 09:00: three reports on Friday, none on the weekend, Monday's
  // pre-market.
  kernel.run_simulation(none, clock, nyse().to_utc(core::Date{2025, 11, 24}, {9, 0, 0}));
  ASSERT_EQ(sched->generated().size(), 4u) << (sched->errors().empty() ? "" : sched->errors()[0]);
  EXPECT_EQ(sched->generated()[0].data.generated, nyse().to_utc(kDay, {8, 30, 0}));
  EXPECT_EQ(sched->generated()[0].data.type, ReportType::kPreMarket);
  EXPECT_EQ(sched->generated()[1].data.generated, nyse().to_utc(kDay, {13, 0, 0}));
  EXPECT_EQ(sched->generated()[2].data.generated, nyse().to_utc(kDay, {16, 10, 0}));
  EXPECT_EQ(sched->generated()[3].data.generated,
            nyse().to_utc(core::Date{2025, 11, 24}, {8, 30, 0}));
  EXPECT_TRUE(fs::exists(cfg.archive.dir / "2025-11-21" / "close-basic.html"));
  fs::remove_all(cfg.archive.dir);
}

TEST(Narrator, LlmTextWithTemplateFallback) {
  zerodte::testing::FakeHttpServer llm([](const zerodte::testing::FakeRequest& r) {
    zerodte::testing::FakeResponse resp;
    EXPECT_EQ(r.target, "/v1/chat/completions");
    resp.body =
        R"({"choices":[{"message":{"role":"assistant","content":"SPY drifted higher into a positive-gamma close."}}]})";
    return resp;
  });
  ReportData d;
  d.symbol = "SPY";
  d.open = 660;
  d.spot = 663.3;
  d.high = 664;
  d.low = 659;
  d.regime = "bullish";
  sentiment::LlmConfig cfg;
  cfg.base_url = llm.url("/v1");
  cfg.api_key_env = "";
  cfg.model = "local";
  Narrator with(cfg);
  EXPECT_EQ(with.regime(d), "SPY drifted higher into a positive-gamma close.");
  EXPECT_EQ(with.llm_answers(), 1u);
  cfg.base_url = "http://127.0.0.1:1/v1";  // nothing listens: the template writes it
  cfg.timeout = std::chrono::milliseconds(300);
  Narrator down(cfg);
  const std::string text = down.regime(d);
  EXPECT_EQ(text.rfind("SPY opened at 660.00 and closed at 663.30 (+0.50%)", 0), 0u) << text;
  EXPECT_EQ(down.fallbacks(), 1u);
  EXPECT_FALSE(down.last_error().empty());
  ExplanationRecord r;
  r.kind = ExplanationKind::kReject;
  r.strategy = "gamma_scalp";
  r.symbol = "SPY";
  r.rejected_because = "insufficient_liquidity";
  r.details = "spread > max_allowed";
  EXPECT_EQ(template_rationale(r),
            "gamma_scalp's order on SPY was rejected: insufficient_liquidity - spread > "
            "max_allowed.");
}

}  // namespace
}  // namespace zerodte::overseer
