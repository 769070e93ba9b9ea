#include "zerodte/overseer/report_archive.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "zerodte/overseer/report_html.hpp"
#include "zerodte/publish/json_text.hpp"
#include "zerodte/store/file_util.hpp"
#include "zerodte/store/sha256.hpp"

extern char** environ;

namespace zerodte::overseer {
namespace fs = std::filesystem;
namespace {

std::span<const std::byte> bytes(const std::string& s) {
  return std::as_bytes(std::span<const char>(s.data(), s.size()));
}

// Runs argv with stdout/stderr to /dev/null; kills it after `timeout`. Wall-clock waiting is
// fine here: report generation is I/O at the edge, never trading logic.
core::Status run(const std::vector<std::string>& argv, core::Duration timeout) {
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return core::fail(core::ErrorCode::kIo, "cannot start {}: error {}", argv[0], rc);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return core::fail(core::ErrorCode::kTimeout, "{} did not finish within {} s", argv[0],
                        timeout.count() / 1'000'000'000);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return core::fail(core::ErrorCode::kIo, "{} failed (status {})", argv[0], status);
  }
  return {};
}

std::vector<std::string> chromium_args(const fs::path& chromium, const fs::path& profile) {
  return {chromium.string(),   "--headless",
          "--no-sandbox",      "--disable-gpu",
          "--no-first-run",    "--disable-extensions",
          "--hide-scrollbars", "--user-data-dir=" + profile.string()};
}

core::Result<fs::path> temp_profile() {
  std::string templ = (fs::temp_directory_path() / "zerodte-chromium-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) {
    return core::fail(core::ErrorCode::kIo, "cannot create a temporary Chromium profile");
  }
  return fs::path(templ);
}

}  // namespace

core::Result<fs::path> find_chromium() {
  if (const char* env = std::getenv("ZERODTE_CHROMIUM"); env != nullptr && *env != '\0') {
    if (::access(env, X_OK) == 0) return fs::path(env);
    return core::fail(core::ErrorCode::kConfig, "ZERODTE_CHROMIUM={} is not executable", env);
  }
  const char* path = std::getenv("PATH");
  std::string p = path != nullptr ? path : "/usr/bin:/bin";
  for (std::string_view name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::size_t start = 0;
    while (start <= p.size()) {
      const std::size_t end = p.find(':', start);
      const fs::path cand = fs::path(p.substr(start, end - start)) / name;
      if (::access(cand.c_str(), X_OK) == 0) return cand;
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  return core::fail(core::ErrorCode::kNotFound,
                    "no Chromium for PDF reports (install chromium or set ZERODTE_CHROMIUM)");
}

core::Status html_to_pdf(const fs::path& chromium, const fs::path& html, const fs::path& pdf,
                         core::Duration timeout) {
  auto profile = temp_profile();
  if (!profile) return std::unexpected(profile.error());
  auto args = chromium_args(chromium, *profile);
  args.push_back("--no-pdf-header-footer");
  args.push_back("--print-to-pdf=" + fs::absolute(pdf).string());
  args.push_back("file://" + fs::absolute(html).string());
  std::error_code ec;
  fs::remove(pdf, ec);
  auto s = run(args, timeout);
  fs::remove_all(*profile, ec);
  if (!s) return std::unexpected(s.error().with_context("PDF of " + html.string()));
  if (!fs::exists(pdf) || fs::file_size(pdf, ec) == 0) {
    return core::fail(core::ErrorCode::kIo, "PDF of {}: Chromium wrote no {}", html.string(),
                      pdf.string());
  }
  return {};
}

core::Status html_screenshot(const fs::path& chromium, const fs::path& html, const fs::path& png,
                             int width, int height, core::Duration timeout) {
  auto profile = temp_profile();
  if (!profile) return std::unexpected(profile.error());
  auto args = chromium_args(chromium, *profile);
  args.push_back(fmt::format("--window-size={},{}", width, height));
  args.push_back("--screenshot=" + fs::absolute(png).string());
  args.push_back("file://" + fs::absolute(html).string());
  std::error_code ec;
  fs::remove(png, ec);
  auto s = run(args, timeout);
  fs::remove_all(*profile, ec);
  if (!s) return std::unexpected(s.error().with_context("screenshot of " + html.string()));
  if (!fs::exists(png)) {
    return core::fail(core::ErrorCode::kIo, "screenshot of {}: no {}", html.string(), png.string());
  }
  return {};
}

core::Result<std::vector<ReportFile>> archive_report(const ReportData& d,
                                                     const ReportArchiveConfig& cfg) {
  std::optional<fs::path> chromium = cfg.chromium;
  if (cfg.pdf && !chromium) {
    auto c = find_chromium();
    if (!c) return std::unexpected(c.error());
    chromium = *c;
  }
  const fs::path day = cfg.dir / d.date.to_string();
  std::error_code ec;
  fs::create_directories(day, ec);
  if (ec) return core::fail(core::ErrorCode::kIo, "{}: {}", day.string(), ec.message());
  std::vector<ReportFile> out;
  std::string index;
  for (const auto tier : cfg.tiers) {
    ReportFile f;
    f.tier = tier;
    f.html_text = render_report_html(d, tier);
    const std::string stem = fmt::format("{}-{}", to_string(d.type), publish::to_string(tier));
    f.html = day / (stem + ".html");
    if (auto s = store::write_file_atomic(f.html, bytes(f.html_text)); !s) {
      return std::unexpected(s.error());
    }
    f.sha256 = store::sha256_hex(bytes(f.html_text));
    if (cfg.pdf) {
      const fs::path pdf = day / (stem + ".pdf");
      if (auto s = html_to_pdf(*chromium, f.html, pdf, cfg.timeout); !s) {
        return std::unexpected(s.error());
      }
      f.pdf = pdf;
    }
    using publish::json_string;
    index += fmt::format(
        R"({{"id":{},"date":"{}","type":"{}","tier":"{}","html":{},"pdf":{},"sha256":"{}","generated":"{}"}})"
        "\n",
        json_string(report_id(d)), d.date.to_string(), to_string(d.type), publish::to_string(tier),
        json_string(f.html.string()), f.pdf ? json_string(f.pdf->string()) : "null", f.sha256,
        core::to_iso8601(d.generated));
    out.push_back(std::move(f));
  }
  std::ofstream idx(cfg.dir / "index.jsonl", std::ios::app);
  idx << index;
  if (!idx)
    return core::fail(core::ErrorCode::kIo, "{}: cannot append",
                      (cfg.dir / "index.jsonl").string());
  return out;
}

}  // namespace zerodte::overseer
