#pragma once
// Feeds a Projector from the journal on a background thread, never on the hot path: every
// `poll_interval` it reads the records after the projection's last sequence (up to `limit()`,
// e.g. the journal's durable_seq() so a projection never holds a record a crash could still
// take back) and applies them in batches. Errors stop the feeder and are reported by status().
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "zerodte/core/error.hpp"
#include "zerodte/store/projector.hpp"
#include "zerodte/store/sql_connection.hpp"

namespace zerodte::store {

struct FeederConfig {
  std::chrono::milliseconds poll_interval{100};
  std::size_t batch = 5000;
  std::function<std::uint64_t()> limit;  // highest sequence to project; empty = everything readable
};

class ProjectionFeeder {
 public:
  ProjectionFeeder(std::unique_ptr<SqlConnection> conn, std::filesystem::path journal_dir,
                   FeederConfig cfg = {});
  ~ProjectionFeeder();
  ProjectionFeeder(const ProjectionFeeder&) = delete;
  ProjectionFeeder& operator=(const ProjectionFeeder&) = delete;

  // Migrates and loads the projection on the calling thread, then starts the background thread.
  core::Status start();
  void stop();
  void poke();  // poll now
  [[nodiscard]] std::uint64_t last_seq() const { return last_seq_.load(std::memory_order_acquire); }
  [[nodiscard]] core::Status status() const;
  // Waits until the projection has reached `seq` (true) or the timeout/an error (false).
  bool wait_for(std::uint64_t seq, std::chrono::milliseconds timeout);

 private:
  void loop();

  std::unique_ptr<SqlConnection> conn_;
  Projector projector_;
  std::filesystem::path dir_;
  FeederConfig cfg_;
  std::atomic<std::uint64_t> last_seq_{0};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable progress_cv_;
  bool stopping_ = false;
  bool poked_ = false;
  std::optional<core::Error> error_;
  std::thread thread_;
};

}  // namespace zerodte::store
