// `zerodte run` end to end: a paper session on the simulated market, run as fast as possible to a
// stop time, journals every event; the dashboard serves a real-time session; SIGINT stops it
// cleanly; bad configs and live mode without
// confirmation are refused with a message naming the problem.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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
  const RunResult r = run(
      "--config config/paper.toml --speed 0 --date 2025-03-14 --until 09:45 --no-dashboard", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("paper session 2025-03-14"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("stopped at 09:45 ET"), std::string::npos) << r.output;
  // "N events ... journal seq M": every dispatched event was journaled ...
  const auto ev = r.output.find(" events, ");
  const auto seq = r.output.find("journal seq ");
  ASSERT_NE(ev, std::string::npos);
  ASSERT_NE(seq, std::string::npos);
  const auto events_start = r.output.rfind(": ", ev) + 2;
  const std::string events = r.output.substr(events_start, ev - events_start);
  EXPECT_GT(std::stoll(events), 10000);
  // ... plus the decisions (signals, verdicts, intents) recorded between them.
  EXPECT_GE(std::stoll(r.output.substr(seq + 12)), std::stoll(events));
  EXPECT_TRUE(fs::exists(dir / "var/journal"));
  // Deterministic: the same day and seed give the same event count.
  fs::remove_all(dir / "var");
  const RunResult again = run(
      "--config config/paper.toml --speed 0 --date 2025-03-14 --until 09:45 --no-dashboard", dir);
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
  const RunResult r = run(
      "--config config/replay.toml --speed 0 --date 2024-08-26 --until 10:30 --no-dashboard", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("paper session 2024-08-26 (replay of 1 file"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("stopped at 10:30 ET"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

// One HTTP/1.1 exchange with the dashboard on loopback (Connection: close).
std::string http(std::uint16_t port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return "";
  }
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return out;
}

std::string body_of(const std::string& response) {
  const auto p = response.find("\r\n\r\n");
  return p == std::string::npos ? "" : response.substr(p + 4);
}

// A real-time paper session with its dashboard: log in with the per-run credentials, read the
// live status, then SIGINT stops the session and the server cleanly.
TEST(RunCli, DashboardServesTheLiveSessionAndSigintStopsCleanly) {
  const fs::path dir = sandbox("sigint");
  const std::string cmd = "cd '" + dir.string() + "' && exec '" + std::string(ZERODTE_BINARY) +
                          "' run --config config/paper.toml --speed 1 --date 2025-03-14 "
                          "--no-status --dashboard-port 0 > out.txt 2>&1";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  auto read_out = [&] {
    std::ifstream in(dir / "out.txt");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  std::string out;
  for (int i = 0; i < 100 && out.find("dashboard http://") == std::string::npos; ++i) {
    usleep(50'000);
    out = read_out();
  }
  const auto at = out.find("dashboard http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << out;
  const auto port = static_cast<std::uint16_t>(std::stoi(out.substr(at + 27)));
  // The per-run login is in a 0600 file, never in the output.
  const fs::path creds = dir / "var/dashboard.credentials";
  ASSERT_TRUE(fs::exists(creds)) << out;
  EXPECT_EQ(fs::status(creds).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  std::string password;
  {
    std::ifstream in(creds);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("password ", 0) == 0) password = line.substr(9);
  }
  ASSERT_FALSE(password.empty());
  EXPECT_EQ(out.find(password), std::string::npos) << "password printed";
  const std::string login_body = R"({"user":"admin","password":")" + password + R"("})";
  const std::string login =
      http(port,
           "POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
           "Content-Type: application/json\r\nContent-Length: " +
               std::to_string(login_body.size()) + "\r\nConnection: close\r\n\r\n" + login_body);
  ASSERT_NE(login.find(" 200 "), std::string::npos) << login;
  const auto token = nlohmann::json::parse(body_of(login)).at("access_token").get<std::string>();
  std::string status_body;
  for (int i = 0; i < 40; ++i) {  // the first snapshot comes within 250 ms of kernel time
    const std::string st = http(port,
                                "GET /api/status HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                "Bearer " +
                                    token + "\r\nConnection: close\r\n\r\n");
    if (st.find(" 200 ") != std::string::npos && st.find("\"mode\"") != std::string::npos) {
      status_body = body_of(st);
      break;
    }
    usleep(50'000);
  }
  ASSERT_FALSE(status_body.empty());
  const auto status = nlohmann::json::parse(status_body);
  EXPECT_EQ(status.at("mode"), "paper");
  EXPECT_EQ(status.at("state"), "running");
  EXPECT_TRUE(status.at("candles").contains("SPY")) << status_body;
  // Unauthenticated requests are refused.
  EXPECT_NE(
      http(port, "GET /api/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").find(" 401 "),
      std::string::npos);
  kill(pid, SIGINT);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  out = read_out();
  ASSERT_TRUE(WIFEXITED(wstatus)) << out;
  EXPECT_EQ(WEXITSTATUS(wstatus), 0) << out;
  EXPECT_NE(out.find("(signal)"), std::string::npos) << out;
  fs::remove_all(dir);
}

TEST(RunCli, RefusesLiveWithoutConfirmationAndBadConfigs) {
  const fs::path dir = sandbox("refuse");
  {
    std::ofstream f(dir / "config/paper.toml", std::ios::app);
    f << "\n[bogus]\nx = 1\n";
  }
  RunResult r = run("--config config/paper.toml --speed 0 --no-dashboard", dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("bogus"), std::string::npos) << r.output;

  // A valid live config (credentials from the environment) still needs --confirm-live.
  fs::copy_file(fs::path(ZERODTE_SOURCE_DIR) / "config/live.example.toml",
                dir / "config/live.toml");
  setenv("APCA_API_KEY_ID", "test-key-id", 1);
  setenv("APCA_API_SECRET_KEY", "canary-secret-value-123", 1);
  r = run("--config config/live.toml --speed 0 --no-dashboard", dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.output.find("canary-secret-value-123"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--confirm-live"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

}  // namespace
