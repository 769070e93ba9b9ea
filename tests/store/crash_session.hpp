#pragma once
// A simulated trading session for the crash tests, run in a forked child. It is deterministic:
// step k journals a trade, maybe decides an order (durable intent), "sends" it to a fake broker
// (a file of client order ids), journals the submission and the broker's fill, and now and then
// journals risk counters, trading-state changes and a strategy snapshot. On start it recovers from
// the journal, reconciles durable-but-unsubmitted intents against the broker file (never sending
// an order the broker already has), finishes the interrupted step and carries on, so an
// interrupted-and-restarted run journals the same records as an uninterrupted one.
#include <cstdint>
#include <filesystem>

namespace zerodte::store::testing {

enum class KillPoint : int {
  kNone = 0,
  kMidRecord,           // half a frame written, then SIGKILL
  kAfterIntentDurable,  // intent fsynced, order not yet sent
  kAfterOrderSent,      // broker has the order, submission not journaled
  kAfterSubmitted,      // submission journaled, fill not yet
};

struct SessionConfig {
  std::filesystem::path journal_dir;
  std::filesystem::path broker_file;  // one client order id per line, appended on "send"
  std::filesystem::path ack_file;     // sequence numbers acknowledged as durable, one per line
  int steps = 120;
  std::uint64_t seed = 1;
  int kill_step = -1;  // with kill_point: the child SIGKILLs itself there
  KillPoint kill_point = KillPoint::kNone;
};

// Runs the session; returns 0 on success, or exits via SIGKILL at the kill point. Prints the
// error and returns 2 on any failure (journal, recovery, a duplicate send).
int run_session(const SessionConfig& cfg);

}  // namespace zerodte::store::testing
