#pragma once
// Reports on schedule (seed 003 Part 6): pre-market 08:30, intraday 13:00 and close 16:10 New
// York time on every trading day, fired by kernel timers (so a replayed day produces them at the
// same simulated times). Each run: snapshot the collector, write the narratives (LLM or
// template), archive HTML + PDF for every tier, and hand the tier contents to the distributor
// (email attaches the HTML report). The overseer's daily summary goes out with the close report.
#include <functional>
#include <memory>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/timer_queue.hpp"
#include "zerodte/overseer/narrator.hpp"
#include "zerodte/overseer/report_archive.hpp"
#include "zerodte/overseer/report_collector.hpp"

namespace zerodte::publish {
class Distributor;
}

namespace zerodte::overseer {

class Overseer;

struct ReportSchedulerConfig {
  ReportArchiveConfig archive;
  std::vector<ReportType> types = {ReportType::kPreMarket, ReportType::kIntraday,
                                   ReportType::kClose};
  core::Market market = core::Market::kNyse;
  std::string plan;  // default plan text for the next session
};

struct GeneratedReport {
  ReportData data;
  std::vector<ReportFile> files;
};

class ReportScheduler final : public engine::Component {
 public:
  ReportScheduler(ReportCollector& collector, Narrator& narrator, ReportSchedulerConfig cfg,
                  publish::Distributor* distributor = nullptr, const Overseer* overseer = nullptr);
  [[nodiscard]] std::string_view name() const override { return "report_scheduler"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;
  [[nodiscard]] engine::Health health() const override;

  // Generates one report now (also what the timers call).
  core::Result<GeneratedReport> generate(ReportType type, core::Timestamp now);
  [[nodiscard]] const std::vector<GeneratedReport>& generated() const { return generated_; }
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

 private:
  ReportCollector& collector_;
  Narrator& narrator_;
  ReportSchedulerConfig cfg_;
  publish::Distributor* distributor_;
  const Overseer* overseer_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::TimerId> timers_;
  std::vector<GeneratedReport> generated_;
  std::vector<std::string> errors_;
};

// Fills the narratives of a snapshot (regime paragraph, rationale texts) and the plan.
void write_narratives(ReportData& d, Narrator& narrator, std::string_view plan);

}  // namespace zerodte::overseer
