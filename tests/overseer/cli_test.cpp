// End to end through the command line: `zerodte publish preview|subscribers`, `zerodte report`
// on a simulated day (HTML only: the PDF path is covered by report_test) and
// `zerodte overseer explain` on a journal.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "zerodte/overseer/explanation.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::overseer {
namespace {

namespace fs = std::filesystem;

struct Run {
  int code = -1;
  std::string out;
};

Run cli(const std::string& args) {
  Run r;
  const std::string cmd = std::string(ZERODTE_OVERSEER_CLI) + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
    r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

fs::path temp(std::string_view name) {
  const auto p = fs::temp_directory_path() / fmt::format("zerodte_cli_{}_{}", name, ::getpid());
  fs::remove_all(p);
  return p;
}

TEST(OverseerCli, PublishPreviewShowsTheSeedTiers) {
  const auto r =
      cli("publish preview --symbol SPY --right C --strike 440 --entry 2.50 --stop 2.10 "
          "--target 5.00");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out,
            "premium +  0s  BUY SPY 440C @ 2.50, Stop @ 2.10, Target 5.00\n"
            "basic   + 60s  BUY SPY Calls around 440 strike, trailing stop active\n"
            "free    +300s  Bullish SPY setup triggered, premium members entered calls\n");
  const auto bad = cli("publish preview --symbol SPY --strike abc --entry 2.50");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("--strike"), std::string::npos) << bad.out;
}

TEST(OverseerCli, Subscribers) {
  const auto db = temp("subs.db");
  ASSERT_EQ(cli(fmt::format("publish subscribers --db {} add alice premium email alice@example.com",
                            db.string()))
                .code,
            0);
  ASSERT_EQ(
      cli(fmt::format("publish subscribers --db {} add bob free telegram @bob", db.string())).code,
      0);
  ASSERT_EQ(cli(fmt::format("publish subscribers --db {} tier 2 basic", db.string())).code, 0);
  const auto list = cli(fmt::format("publish subscribers --db {} list", db.string()));
  ASSERT_EQ(list.code, 0) << list.out;
  EXPECT_NE(list.out.find("alice            premium  email     alice@example.com"),
            std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find("bob              basic    telegram  @bob"), std::string::npos)
      << list.out;
  const auto bad = cli(
      fmt::format("publish subscribers --db {} add carol gold email c@example.com", db.string()));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("tier 'gold'"), std::string::npos) << bad.out;
  fs::remove(db);
}

TEST(OverseerCli, ReportOfASimulatedDay) {
  const auto dir = temp("report");
  fs::create_directories(dir);
  {
    std::ofstream cfg(dir / "day.toml");
    cfg << "[system]\ntrading_mode = \"paper\"\nlog_level = \"warn\"\n"
           "[broker]\nname = \"sim\"\npaper = true\n"
           "[data]\nsource = \"sim\"\nsymbols = [\"SPY\"]\n";
  }
  // As of 09:40 (on demand): ten simulated minutes keep the test fast under sanitizers.
  const auto r =
      cli(fmt::format("report --type intraday --date 2025-11-21 --at 09:40 --config {} "
                      "--out {} --no-pdf --tier premium --tier free",
                      (dir / "day.toml").string(), (dir / "out").string()));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("SPY intraday report 2025-11-21"), std::string::npos) << r.out;
  const auto html = dir / "out" / "2025-11-21" / "intraday-premium.html";
  ASSERT_TRUE(fs::exists(html));
  ASSERT_TRUE(fs::exists(dir / "out" / "2025-11-21" / "intraday-free.html"));
  EXPECT_FALSE(fs::exists(dir / "out" / "2025-11-21" / "intraday-basic.html"));
  std::ifstream in(html);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("class=\"heat\""), std::string::npos);
  EXPECT_NE(text.find("class=\"gex\""), std::string::npos);
  EXPECT_NE(text.find("SPY opened at"), std::string::npos);
  // Bad input names what is wrong.
  const auto weekend = cli(fmt::format("report --type close --date 2025-11-22 --config {} --no-pdf",
                                       (dir / "day.toml").string()));
  EXPECT_EQ(weekend.code, 2);
  EXPECT_NE(weekend.out.find("2025-11-22 is not an NYSE trading day"), std::string::npos);
  const auto type = cli("report --type evening --no-pdf");
  EXPECT_EQ(type.code, 2);
  EXPECT_NE(type.out.find("report type 'evening'"), std::string::npos) << type.out;
  fs::remove_all(dir);
}

TEST(OverseerCli, ExplainQueriesAJournal) {
  const auto dir = temp("journal");
  {
    store::JournalConfig jc;
    jc.dir = dir;
    auto j = store::Journal::open(jc);
    ASSERT_TRUE(j) << j.error().message;
    ExplanationStore st(j->get());
    ExplanationRecord r;
    r.id = "REJ-1-42-0";
    r.kind = ExplanationKind::kReject;
    r.ts = core::Timestamp::from_seconds(1'763'740'800);
    r.strategy = "gamma_scalp";
    r.rejected_because = "insufficient_liquidity";
    r.details = "spread > max_allowed";
    ASSERT_TRUE(st.add(r));
  }
  const auto one = cli(fmt::format("overseer explain --journal {} --id REJ-1-42-0", dir.string()));
  ASSERT_EQ(one.code, 0) << one.out;
  EXPECT_NE(one.out.find(R"("rejected_because":"insufficient_liquidity")"), std::string::npos);
  const auto list =
      cli(fmt::format("overseer explain --journal {} --strategy gamma_scalp", dir.string()));
  ASSERT_EQ(list.code, 0) << list.out;
  EXPECT_NE(list.out.find("2025-11-21T16:00:00  REJ-1-42-0   reject      gamma_scalp"),
            std::string::npos)
      << list.out;
  const auto missing = cli(fmt::format("overseer explain --journal {} --id NOPE", dir.string()));
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.out.find("no explanation 'NOPE'"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::overseer
