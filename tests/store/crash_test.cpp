// Crash tests: a forked child runs the simulated session (crash_session.hpp) and is killed with
// SIGKILL at random points: by itself at the interesting places (mid-record, after the intent is
// durable but before the order is sent, after it is sent but before that is journaled, ...) and by
// the parent after a random delay. After each kill the journal must rebuild exactly the state of
// an uninterrupted run at the same sequence number, nothing acknowledged as durable may be lost,
// and after a restart the run must finish with the same journal and no order sent twice.
//
// Journals live on /dev/shm when available: the subject is a process crash (the page cache
// survives), and fsync to a disk would only make the many runs slow.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "crash_session.hpp"
#include "temp_dir.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/journal_reader.hpp"
#include "zerodte/store/journal_state.hpp"

namespace zerodte::store {
namespace {

using testing::KillPoint;
using testing::SessionConfig;
using testing::TempDir;

constexpr int kSteps = 120;
constexpr std::uint64_t kSeed = 20250314;

struct ChildResult {
  bool killed = false;
  int exit_code = -1;
};

// Runs the session in a child; kills it after `kill_after` when set.
ChildResult run_child(const SessionConfig& cfg,
                      std::optional<std::chrono::microseconds> kill_after = {}) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(testing::run_session(cfg));
  if (kill_after) {
    std::this_thread::sleep_for(*kill_after);
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ChildResult r;
  r.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

struct Rec {
  std::uint64_t seq;
  RecordType type;
  Bytes payload;
};

struct Snapshot {
  std::vector<Rec> records;
  ReadReport report;
};

Snapshot read_records(const std::filesystem::path& dir, std::uint64_t until = UINT64_MAX) {
  Snapshot s;
  if (!std::filesystem::exists(dir)) return s;  // killed before the journal was created
  auto r = read_journal(dir, ReadOptions{1, until}, [&](const RecordView& v) -> core::Status {
    s.records.push_back(Rec{v.seq, v.type, Bytes(v.payload.begin(), v.payload.end())});
    return core::ok();
  });
  EXPECT_TRUE(r) << r.error().to_string();
  if (r) s.report = *r;
  return s;
}

std::string state_at(const std::filesystem::path& dir, std::uint64_t until) {
  JournalState st;
  if (!std::filesystem::exists(dir)) return st.describe(true);
  RecoveryRegistry reg;
  st.register_with(reg);
  auto rep = recover(dir, reg, ReadOptions{1, until});
  EXPECT_TRUE(rep) << rep.error().to_string();
  return st.describe(true);
}

// Same records, except that a submission found by reconciliation carries reconciled = true.
void expect_same_records(const std::vector<Rec>& got, const std::vector<Rec>& want, std::size_t n,
                         const std::string& ctx) {
  ASSERT_GE(got.size(), n) << ctx;
  ASSERT_GE(want.size(), n) << ctx;
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(got[i].seq, want[i].seq) << ctx;
    ASSERT_EQ(got[i].type, want[i].type) << ctx << " seq " << got[i].seq;
    if (got[i].type == RecordType::kOrderSubmitted) {
      auto a = decode_record<OrderSubmittedRecord>(
          RecordView{got[i].seq, got[i].type, 0, {}, got[i].payload});
      auto b = decode_record<OrderSubmittedRecord>(
          RecordView{want[i].seq, want[i].type, 0, {}, want[i].payload});
      ASSERT_TRUE(a && b);
      ASSERT_EQ(a->client_order_id, b->client_order_id) << ctx;
    } else {
      ASSERT_EQ(got[i].payload, want[i].payload)
          << ctx << " seq " << got[i].seq << " " << record_type_name(got[i].type);
    }
  }
}

std::vector<std::string> lines(const std::filesystem::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);)
    out.push_back(l);
  return out;
}

class CrashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ref_dir_ = std::make_unique<TempDir>("crash-ref", TempDir::fast_base());
    SessionConfig cfg{*ref_dir_ / "journal", *ref_dir_ / "broker", *ref_dir_ / "ack", kSteps,
                      kSeed};
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_EQ(run_child(cfg).exit_code, 0);
    ref_duration_ = std::chrono::steady_clock::now() - t0;
    ref_ = std::make_unique<Snapshot>(read_records(cfg.journal_dir));
    ref_broker_ = lines(cfg.broker_file);
  }
  static void TearDownTestSuite() {
    ref_.reset();
    ref_dir_.reset();
  }

  // One trial: kill (self or external), check the crashed state, restart (maybe crash again),
  // finish, check the final journal and the broker.
  void trial(const std::string& name, SessionConfig cfg,
             std::optional<std::chrono::microseconds> kill_after, int restarts_with_kill = 0,
             std::uint64_t rng_seed = 0) {
    TempDir dir("crash", TempDir::fast_base());
    cfg.journal_dir = dir / "journal";
    cfg.broker_file = dir / "broker";
    cfg.ack_file = dir / "ack";
    cfg.steps = kSteps;
    cfg.seed = kSeed;
    std::mt19937_64 rng(rng_seed);
    ChildResult r = run_child(cfg, kill_after);
    for (int round = 0;; ++round) {
      const std::string ctx = fmt::format("{} round {}", name, round);
      if (r.exit_code == 0) break;  // finished before the kill
      ASSERT_TRUE(r.killed) << ctx << " exit code " << r.exit_code;
      const Snapshot crashed = read_records(cfg.journal_dir);
      const std::uint64_t last = crashed.records.empty() ? 0 : crashed.records.back().seq;
      expect_same_records(crashed.records, ref_->records, crashed.records.size(), ctx);
      EXPECT_EQ(state_at(cfg.journal_dir, UINT64_MAX), state_at(ref_dir_->path() / "journal", last))
          << ctx;
      std::uint64_t max_ack = 0;
      for (const auto& l : lines(cfg.ack_file))
        max_ack = std::max<std::uint64_t>(max_ack, std::stoull(l));
      EXPECT_LE(max_ack, last) << ctx << ": an acknowledged durable record was lost";
      if (cfg.kill_point == KillPoint::kMidRecord && round == 0) {
        EXPECT_TRUE(crashed.report.torn_tail) << ctx << ": the torn frame was not reported";
      }
      ++kills_;
      // Restart: without a self-kill, optionally killed again after a random delay.
      cfg.kill_point = KillPoint::kNone;
      std::optional<std::chrono::microseconds> again;
      if (round < restarts_with_kill)
        again = std::chrono::microseconds(rng() % static_cast<std::uint64_t>(budget_us()));
      r = run_child(cfg, again);
    }
    const Snapshot final_run = read_records(cfg.journal_dir);
    ASSERT_EQ(final_run.records.size(), ref_->records.size()) << name;
    expect_same_records(final_run.records, ref_->records, ref_->records.size(), name);
    EXPECT_FALSE(final_run.report.torn_tail) << name;
    const auto broker = lines(cfg.broker_file);
    EXPECT_EQ(std::set<std::string>(broker.begin(), broker.end()).size(), broker.size())
        << name << ": order sent twice";
    EXPECT_EQ(std::set<std::string>(broker.begin(), broker.end()),
              std::set<std::string>(ref_broker_.begin(), ref_broker_.end()))
        << name;
  }

  static std::int64_t budget_us() {
    return std::max<std::int64_t>(
        1000, std::chrono::duration_cast<std::chrono::microseconds>(ref_duration_).count());
  }

  static inline std::unique_ptr<TempDir> ref_dir_;
  static inline std::unique_ptr<Snapshot> ref_;
  static inline std::vector<std::string> ref_broker_;
  static inline std::chrono::steady_clock::duration ref_duration_{};
  static inline int kills_ = 0;
};

TEST_F(CrashTest, ReferenceRunHasOrdersRollsAndStateChanges) {
  ASSERT_GT(ref_->records.size(), 300u);
  EXPECT_GT(ref_broker_.size(), 20u);
  EXPECT_EQ(std::set<std::string>(ref_broker_.begin(), ref_broker_.end()).size(),
            ref_broker_.size());
  EXPECT_NE(state_at(ref_dir_->path() / "journal", UINT64_MAX).find("trading_state ACTIVE step 90"),
            std::string::npos);
  auto segs = list_segments(ref_dir_->path() / "journal");
  ASSERT_TRUE(segs);
  EXPECT_GT(segs->size(), 3u);
}

TEST_F(CrashTest, SelfKillAtEveryInterestingPoint) {
  const KillPoint points[] = {KillPoint::kMidRecord, KillPoint::kAfterIntentDurable,
                              KillPoint::kAfterOrderSent, KillPoint::kAfterSubmitted};
  int i = 0;
  for (KillPoint p : points) {
    for (int step : {0, 9, 41, 77, 118}) {
      SessionConfig cfg;
      cfg.kill_point = p;
      cfg.kill_step = step;
      trial(fmt::format("point {} step {}", static_cast<int>(p), step), cfg, std::nullopt,
            i % 3 == 0 ? 1 : 0, static_cast<std::uint64_t>(i));
      ++i;
    }
  }
  EXPECT_GE(kills_, 20) << "most self-kill trials must actually have been killed";
}

TEST_F(CrashTest, KilledAtRandomTimes) {
  // The delay range adapts: a run that finished before its kill shrinks it, so slow and fast
  // machines (and sanitizer builds) all get most trials killed mid-session.
  std::mt19937_64 rng(99);
  const int before = kills_;
  int trials = 0;
  for (; trials < 100 && kills_ - before < 24; ++trials) {
    const auto delay = std::chrono::microseconds(rng() % static_cast<std::uint64_t>(budget_us()));
    const int k = kills_;
    trial(fmt::format("random kill {} after {}us", trials, delay.count()), SessionConfig{}, delay,
          trials % 2, rng());
    if (kills_ == k) ref_duration_ = ref_duration_ * 3 / 4;
  }
  std::printf("random-time trials: %d, kills: %d (final delay range %lld us)\n", trials,
              kills_ - before, static_cast<long long>(budget_us()));
  EXPECT_GE(kills_ - before, 24) << "most random-time trials must actually have been killed";
}

}  // namespace
}  // namespace zerodte::store
