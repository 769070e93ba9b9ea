#include "zerodte/overseer/report_scheduler.hpp"

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/overseer/overseer.hpp"
#include "zerodte/overseer/report_html.hpp"
#include "zerodte/publish/distributor.hpp"

namespace zerodte::overseer {

void write_narratives(ReportData& d, Narrator& narrator, std::string_view plan) {
  d.regime_narrative = narrator.regime(d);
  for (auto& r : d.rationales) {
    if (r.narrative.empty()) r.narrative = narrator.rationale(r);
  }
  if (d.plan.empty()) {
    if (!plan.empty()) {
      d.plan = std::string(plan);
    } else if (!d.gex.empty()) {
      const auto wall =
          std::max_element(d.gex.begin(), d.gex.end(),
                           [](const auto& a, const auto& b) { return a.call_gex < b.call_gex; });
      const auto floor =
          std::max_element(d.gex.begin(), d.gex.end(),
                           [](const auto& a, const auto& b) { return a.put_gex < b.put_gex; });
      d.plan =
          fmt::format("Watch {:.0f} (call wall) and {:.0f} (put wall); {} dealer gamma favours {}.",
                      wall->strike, floor->strike, d.total_gex() >= 0 ? "positive" : "negative",
                      d.total_gex() >= 0 ? "fading moves toward the walls" : "following breakouts");
    }
  }
}

ReportScheduler::ReportScheduler(ReportCollector& collector, Narrator& narrator,
                                 ReportSchedulerConfig cfg, publish::Distributor* distributor,
                                 const Overseer* overseer)
    : collector_(collector),
      narrator_(narrator),
      cfg_(std::move(cfg)),
      distributor_(distributor),
      overseer_(overseer) {}

void ReportScheduler::start(engine::Kernel& kernel) {
  stop();
  kernel_ = &kernel;
  const auto& cal = core::TradingCalendar::for_market(cfg_.market);
  for (const auto type : cfg_.types) {
    const core::TimeOfDay at = report_time(type);
    // Next trading day's report time strictly after `prev`.
    auto rule = [&cal, at](core::Timestamp prev) {
      core::Date d = cal.local_date(prev);
      for (int i = 0; i < 15; ++i, d = d.add_days(1)) {
        if (!cal.is_trading_day(d)) continue;
        const core::Timestamp t = cal.to_utc(d, at);
        if (t > prev) return t;
      }
      return core::Timestamp::max();
    };
    timers_.push_back(kernel.timers().schedule_rule(kernel.now(), rule,
                                                    fmt::format("report.{}", to_string(type)),
                                                    [this, type](const engine::TimerEvent& e) {
                                                      if (auto r = generate(type, e.fired); !r)
                                                        errors_.push_back(r.error().message);
                                                    }));
  }
}

void ReportScheduler::stop() {
  if (kernel_ == nullptr) return;
  for (auto t : timers_)
    kernel_->timers().cancel(t);
  timers_.clear();
  kernel_ = nullptr;
}

engine::Health ReportScheduler::health() const {
  engine::Health h;
  if (!errors_.empty()) {
    h.state = engine::HealthState::kDegraded;
    h.detail = errors_.back();
  } else {
    h.detail = fmt::format("{} report(s) generated", generated_.size());
  }
  return h;
}

core::Result<GeneratedReport> ReportScheduler::generate(ReportType type, core::Timestamp now) {
  GeneratedReport g;
  g.data = collector_.snapshot(type, now);
  write_narratives(g.data, narrator_, cfg_.plan);
  if (overseer_ != nullptr && type == ReportType::kClose) {
    g.data.anomalies.push_back(overseer_->daily_summary(now));
  }
  auto files = archive_report(g.data, cfg_.archive);
  if (!files) return std::unexpected(files.error());
  g.files = std::move(*files);
  if (distributor_ != nullptr) {
    std::map<publish::Tier, publish::TierContent> content;
    for (const auto& f : g.files) {
      publish::TierContent c;
      c.title = report_title(g.data);
      c.text = render_report_text(g.data, f.tier);
      c.html = f.html_text;
      c.attachments.push_back({f.html.filename().string(), "text/html", f.html_text});
      content.emplace(f.tier, std::move(c));
    }
    if (auto s = distributor_->publish_report(report_id(g.data), content); !s) {
      return std::unexpected(s.error());
    }
    if (overseer_ != nullptr && type == ReportType::kClose) {
      (void)distributor_->alert(overseer_->daily_summary(now));
    }
  }
  generated_.push_back(g);
  return g;
}

}  // namespace zerodte::overseer
