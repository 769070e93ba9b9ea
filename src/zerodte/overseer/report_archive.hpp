#pragma once
// Turning reports into files: the HTML of each tier, its PDF printed by headless Chromium
// (--print-to-pdf; ZERODTE_CHROMIUM or chromium / chromium-browser / google-chrome on PATH),
// stored under <dir>/<YYYY-MM-DD>/<type>-<tier>.{html,pdf} and listed in <dir>/index.jsonl
// ({"id","date","type","tier","html","pdf","sha256","generated"} per line): the compliance
// archive of every generated report. Files are written atomically; a re-generated report
// replaces its files and adds a new index line.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/overseer/report_data.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace zerodte::overseer {

struct ReportArchiveConfig {
  std::filesystem::path dir = "reports";
  bool pdf = true;
  std::optional<std::filesystem::path> chromium;  // default: find_chromium()
  core::Duration timeout = std::chrono::seconds(60);
  std::vector<publish::Tier> tiers = {publish::Tier::kPremium, publish::Tier::kBasic,
                                      publish::Tier::kFree};
};

struct ReportFile {
  publish::Tier tier = publish::Tier::kPremium;
  std::filesystem::path html;
  std::optional<std::filesystem::path> pdf;
  std::string html_text;
  std::string sha256;  // of the HTML
};

core::Result<std::filesystem::path> find_chromium();
// Runs headless Chromium to print `html` to `pdf` (A4/Letter as the page's CSS says).
core::Status html_to_pdf(const std::filesystem::path& chromium, const std::filesystem::path& html,
                         const std::filesystem::path& pdf, core::Duration timeout);
// A PNG screenshot of the page (width x height CSS pixels).
core::Status html_screenshot(const std::filesystem::path& chromium,
                             const std::filesystem::path& html, const std::filesystem::path& png,
                             int width, int height, core::Duration timeout);

// Renders every configured tier, writes HTML (and PDF), appends the index.
core::Result<std::vector<ReportFile>> archive_report(const ReportData& d,
                                                     const ReportArchiveConfig& cfg);

}  // namespace zerodte::overseer
