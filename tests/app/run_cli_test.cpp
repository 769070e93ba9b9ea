// `zerodte run` end to end: a paper session on the simulated market, run as fast as possible to a
// stop time, journals every event; SIGINT stops it cleanly; bad configs and live mode without
// confirmation are refused with a message naming the problem.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/run_zerodte.hpp"

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int status = -1;
  std::string output;
};

RunResult run(const std::string& args, const fs::path& cwd) {
  const auto r = zerodte::testing::run_zerodte("run " + args, cwd.string());
  return RunResult{r.exit_code, r.output};
}

fs::path sandbox(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("zerodte_run_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "config");
  fs::copy_file(fs::path(ZERODTE_SOURCE_DIR) / "config/paper.toml", dir / "config/paper.toml");
  return dir;
}

TEST(RunCli, PaperSessionOnTheSimulatedMarketJournalsEveryEvent) {
  const fs::path dir = sandbox("paper");
  const RunResult r =
      run("--config config/paper.toml --speed 0 --date 2025-03-14 --until 09:45", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("paper session 2025-03-14"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("stopped at 09:45 ET"), std::string::npos) << r.output;
  // "N events ... journal seq N": every dispatched event was journaled.
  const auto ev = r.output.find(" events, ");
  const auto seq = r.output.find("journal seq ");
  ASSERT_NE(ev, std::string::npos);
  ASSERT_NE(seq, std::string::npos);
  const auto events_start = r.output.rfind(": ", ev) + 2;
  const std::string events = r.output.substr(events_start, ev - events_start);
  EXPECT_GT(std::stoll(events), 10000);
  EXPECT_EQ(std::stoll(r.output.substr(seq + 12)), std::stoll(events));
  EXPECT_TRUE(fs::exists(dir / "var/journal"));
  // Deterministic: the same day and seed give the same event count.
  fs::remove_all(dir / "var");
  const RunResult again =
      run("--config config/paper.toml --speed 0 --date 2025-03-14 --until 09:45", dir);
  EXPECT_EQ(again.output.substr(again.output.find("stopped at")),
            r.output.substr(r.output.find("stopped at")));
  fs::remove_all(dir);
}

TEST(RunCli, ReplaysBarFilesThroughTheSameSession) {
  const fs::path dir = sandbox("replay");
  {
    std::ifstream in(dir / "config/paper.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto p = text.find("source = \"sim\"");
    ASSERT_NE(p, std::string::npos);
    text.replace(p, 14,
                 std::string("source = \"replay\"\npaths = [\"") + ZERODTE_SHARED_DATA +
                     "/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv\"]");
    std::ofstream(dir / "config/replay.toml") << text;
  }
  const RunResult r =
      run("--config config/replay.toml --speed 0 --date 2024-08-26 --until 10:30", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("paper session 2024-08-26 (replay of 1 file"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("stopped at 10:30 ET"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(RunCli, SigintStopsCleanly) {
  const fs::path dir = sandbox("sigint");
  const std::string cmd = "cd '" + dir.string() + "' && exec '" + std::string(ZERODTE_BINARY) +
                          "' run --config config/paper.toml --speed 1 --date 2025-03-14 "
                          "--no-status > out.txt 2>&1";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  sleep(2);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream in(dir / "out.txt");
  const std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(WIFEXITED(status)) << out;
  EXPECT_EQ(WEXITSTATUS(status), 0) << out;
  EXPECT_NE(out.find("(signal)"), std::string::npos) << out;
  fs::remove_all(dir);
}

TEST(RunCli, RefusesLiveWithoutConfirmationAndBadConfigs) {
  const fs::path dir = sandbox("refuse");
  {
    std::ofstream f(dir / "config/paper.toml", std::ios::app);
    f << "\n[bogus]\nx = 1\n";
  }
  RunResult r = run("--config config/paper.toml --speed 0", dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("bogus"), std::string::npos) << r.output;

  // A valid live config (credentials from the environment) still needs --confirm-live.
  fs::copy_file(fs::path(ZERODTE_SOURCE_DIR) / "config/live.example.toml",
                dir / "config/live.toml");
  setenv("APCA_API_KEY_ID", "test-key-id", 1);
  setenv("APCA_API_SECRET_KEY", "canary-secret-value-123", 1);
  r = run("--config config/live.toml --speed 0", dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.output.find("canary-secret-value-123"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--confirm-live"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

}  // namespace
