// Sweeps and walk-forward: one `zerodte backtest` process per run, --jobs at a time.
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "zerodte/backtest/metrics.hpp"
#include "zerodte/backtest/sweep.hpp"
#include "zerodte/core/calendar.hpp"

namespace zerodte::backtest {

namespace fs = std::filesystem;

namespace {

struct Job {
  std::vector<std::string> argv;
  fs::path log;
};

// Runs the jobs, at most `parallel` at a time; returns each one's exit status (-1: not run).
std::vector<int> run_processes(const std::vector<Job>& jobs, int parallel) {
  std::vector<int> status(jobs.size(), -1);
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  while (next < jobs.size() || !running.empty()) {
    while (next < jobs.size() && static_cast<int>(running.size()) < std::max(1, parallel)) {
      const Job& j = jobs[next];
      std::vector<char*> argv;
      for (const auto& a : j.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      const pid_t pid = fork();
      if (pid == 0) {
        const int fd = ::open(j.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
          dup2(fd, 1);
          dup2(fd, 2);
          ::close(fd);
        }
        execv(argv[0], argv.data());
        _exit(127);
      }
      if (pid < 0) {
        status[next++] = 127;
        continue;
      }
      running.emplace(pid, next++);
    }
    int st = 0;
    const pid_t done = waitpid(-1, &st, 0);
    if (done < 0) break;
    auto it = running.find(done);
    if (it == running.end()) continue;
    status[it->second] = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    running.erase(it);
  }
  return status;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void read_row(SweepRow& r, std::string_view metric) {
  const std::string json = slurp(r.dir / "metrics.json");
  if (json.empty()) return;
  r.ok = true;
  r.metric = metric_from_json(json, metric).value_or(-INFINITY);
  r.total_return = metric_from_json(json, "total_return").value_or(0);
  r.sharpe = metric_from_json(json, "sharpe").value_or(0);
  r.max_drawdown = metric_from_json(json, "-max_drawdown").value_or(0);
  r.trades = static_cast<std::int64_t>(metric_from_json(json, "trades").value_or(0));
}

Job job_for(const SweepOptions& o, const fs::path& dir, std::optional<core::Date> from,
            std::optional<core::Date> to) {
  Job j;
  j.argv = {o.exe.string(), "backtest",   "--config",     (dir / "config.toml").string(),
            "--report",     dir.string(), "--no-progress"};
  if (from) j.argv.insert(j.argv.end(), {"--from", from->to_string()});
  if (to) j.argv.insert(j.argv.end(), {"--to", to->to_string()});
  for (const auto& d : o.data)
    j.argv.insert(j.argv.end(), {"--data", d});
  j.log = dir / "log.txt";
  return j;
}

core::Status prepare(const std::string& text, const SweepOptions& o, const ParamSet& params,
                     const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return core::fail(core::ErrorCode::kIo, "{}: {}", dir.string(), ec.message());
  auto cfg = apply_overrides(text, o.config_file.string(), params);
  if (!cfg) return std::unexpected(cfg.error());
  std::ofstream(dir / "config.toml", std::ios::trunc) << *cfg;
  std::ofstream(dir / "params.txt", std::ios::trunc) << param_label(params) << "\n";
  return core::ok();
}

core::Result<std::vector<SweepRow>> sweep_range(const SweepOptions& o, const fs::path& out,
                                                std::optional<core::Date> from,
                                                std::optional<core::Date> to) {
  const std::string text = slurp(o.config_file);
  if (text.empty())
    return core::fail(core::ErrorCode::kIo, "{}: cannot read the config", o.config_file.string());
  const auto sets = expand_grid(o.grid);
  std::vector<SweepRow> rows;
  std::vector<Job> jobs;
  std::vector<std::size_t> job_rows;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    SweepRow r;
    r.index = i + 1;
    r.params = sets[i];
    r.label = param_label(sets[i]);
    r.dir = out / fmt::format("run-{:04d}", i + 1);
    if (fs::exists(r.dir / "metrics.json")) {
      r.resumed = true;
    } else {
      if (auto st = prepare(text, o, sets[i], r.dir); !st) return std::unexpected(st.error());
      jobs.push_back(job_for(o, r.dir, from, to));
      job_rows.push_back(rows.size());
    }
    rows.push_back(std::move(r));
  }
  const auto status = run_processes(jobs, o.jobs);
  for (auto& r : rows)
    read_row(r, o.metric);
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    if (status[k] != 0 && !rows[job_rows[k]].ok) {
      return core::fail(core::ErrorCode::kInternal, "run {} ({}) failed with status {}; see {}",
                        rows[job_rows[k]].index, rows[job_rows[k]].label, status[k],
                        jobs[k].log.string());
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const SweepRow& a, const SweepRow& b) { return a.metric > b.metric; });
  std::string csv =
      fmt::format("rank,run,params,{},total_return,sharpe,max_drawdown,trades\n", o.metric);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    csv += fmt::format("{},{},\"{}\",{:.6f},{:.6f},{:.6f},{:.6f},{}\n", i + 1, r.index, r.label,
                       r.metric, r.total_return, r.sharpe, r.max_drawdown, r.trades);
  }
  std::ofstream(out / "sweep.csv", std::ios::trunc) << csv;
  return rows;
}

}  // namespace

core::Result<std::vector<SweepRow>> run_sweep(const SweepOptions& o) {
  return sweep_range(o, o.out_dir, o.from, o.to);
}

core::Result<std::vector<WalkForwardRow>> run_walk_forward(const SweepOptions& o) {
  if (!o.walk_forward) return core::fail(core::ErrorCode::kInvalid, "no --walk-forward given");
  if (!o.from || !o.to) {
    return core::fail(core::ErrorCode::kInvalid,
                      "--walk-forward needs the whole range: --from and --to (or [backtest] "
                      "from/to)");
  }
  const auto& cal = core::TradingCalendar::nyse();
  std::vector<core::Date> days;
  for (core::Date d = *o.from; d <= *o.to; d = d.add_days(1))
    if (cal.is_trading_day(d)) days.push_back(d);
  const auto& wf = *o.walk_forward;
  const auto is_n = static_cast<std::size_t>(wf.in_sample_days);
  const auto oos_n = static_cast<std::size_t>(wf.out_of_sample_days);
  if (days.size() < is_n + 1) {
    return core::fail(core::ErrorCode::kInvalid,
                      "--walk-forward {}d/{}d: {} .. {} has only {} trading days", is_n, oos_n,
                      o.from->to_string(), o.to->to_string(), days.size());
  }
  const std::string text = slurp(o.config_file);
  std::vector<WalkForwardRow> out;
  for (std::size_t start = 0, w = 1; start + is_n < days.size(); start += oos_n, ++w) {
    WalkForwardRow row;
    row.window = w;
    row.is_from = days[start];
    row.is_to = days[start + is_n - 1];
    row.oos_from = days[start + is_n];
    row.oos_to = days[std::min(start + is_n + oos_n, days.size()) - 1];
    const fs::path wdir = o.out_dir / fmt::format("wf-{:02d}", w);
    auto is_rows = sweep_range(o, wdir / "in-sample", row.is_from, row.is_to);
    if (!is_rows) return std::unexpected(is_rows.error());
    const SweepRow& best = is_rows->front();
    row.best = best.label;
    row.is_metric = best.metric;
    row.oos.index = best.index;
    row.oos.label = best.label;
    row.oos.params = best.params;
    row.oos.dir = wdir / "out-of-sample";
    if (fs::exists(row.oos.dir / "metrics.json")) {
      row.oos.resumed = true;
    } else {
      if (auto st = prepare(text, o, best.params, row.oos.dir); !st)
        return std::unexpected(st.error());
      const auto st = run_processes({job_for(o, row.oos.dir, row.oos_from, row.oos_to)}, 1);
      if (st.front() != 0) {
        return core::fail(core::ErrorCode::kInternal,
                          "out-of-sample run of window {} failed with status {}; see {}", w,
                          st.front(), (row.oos.dir / "log.txt").string());
      }
    }
    read_row(row.oos, o.metric);
    out.push_back(std::move(row));
  }
  std::string csv = fmt::format(
      "window,in_sample_from,in_sample_to,out_of_sample_from,out_of_sample_to,params,"
      "in_sample_{0},oos_{0},oos_total_return,oos_sharpe,oos_max_drawdown,oos_trades\n",
      o.metric);
  for (const auto& r : out) {
    csv += fmt::format("{},{},{},{},{},\"{}\",{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{}\n", r.window,
                       r.is_from.to_string(), r.is_to.to_string(), r.oos_from.to_string(),
                       r.oos_to.to_string(), r.best, r.is_metric, r.oos.metric, r.oos.total_return,
                       r.oos.sharpe, r.oos.max_drawdown, r.oos.trades);
  }
  std::ofstream(o.out_dir / "walk_forward.csv", std::ios::trunc) << csv;
  return out;
}

std::string format_sweep_table(const std::vector<SweepRow>& rows, std::string_view metric) {
  std::string s = fmt::format("{:>4} {:>5} {:>12} {:>10} {:>8} {:>8} {:>6}  {}\n", "rank", "run",
                              metric, "return", "sharpe", "max_dd", "trades", "params");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    s += fmt::format("{:>4} {:>5} {:>12.4f} {:>9.2f}% {:>8.2f} {:>7.2f}% {:>6}  {}{}\n", i + 1,
                     r.index, r.metric, 100 * r.total_return, r.sharpe, 100 * r.max_drawdown,
                     r.trades, r.label, r.resumed ? "  (resumed)" : "");
  }
  return s;
}

std::string format_walk_forward_table(const std::vector<WalkForwardRow>& rows,
                                      std::string_view metric) {
  std::string s = fmt::format("{:>3} {:>23} {:>23} {:>12} {:>10} {:>6}  {}\n", "win", "in sample",
                              "out of sample", metric, "oos return", "trades", "chosen params");
  double compounded = 1;
  for (const auto& r : rows) {
    compounded *= 1 + r.oos.total_return;
    s += fmt::format("{:>3} {:>23} {:>23} {:>12.4f} {:>9.2f}% {:>6}  {}\n", r.window,
                     r.is_from.to_string() + ".." + r.is_to.to_string(),
                     r.oos_from.to_string() + ".." + r.oos_to.to_string(), r.oos.metric,
                     100 * r.oos.total_return, r.oos.trades, r.best);
  }
  s += fmt::format("out-of-sample only: {} windows, compounded return {:.2f}%\n", rows.size(),
                   100 * (compounded - 1));
  return s;
}

}  // namespace zerodte::backtest
