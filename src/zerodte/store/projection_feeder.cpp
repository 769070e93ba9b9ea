#include "zerodte/store/projection_feeder.hpp"

namespace zerodte::store {

ProjectionFeeder::ProjectionFeeder(std::unique_ptr<SqlConnection> conn,
                                   std::filesystem::path journal_dir, FeederConfig cfg)
    : conn_(std::move(conn)),
      projector_(*conn_),
      dir_(std::move(journal_dir)),
      cfg_(std::move(cfg)) {}

ProjectionFeeder::~ProjectionFeeder() {
  stop();
}

core::Status ProjectionFeeder::start() {
  if (auto st = projector_.open(); !st) return st;
  last_seq_.store(projector_.last_seq());
  thread_ = std::thread([this] { loop(); });
  return core::ok();
}

void ProjectionFeeder::stop() {
  {
    std::scoped_lock lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProjectionFeeder::poke() {
  {
    std::scoped_lock lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

core::Status ProjectionFeeder::status() const {
  std::scoped_lock lock(mu_);
  if (error_) return std::unexpected(*error_);
  return core::ok();
}

bool ProjectionFeeder::wait_for(std::uint64_t seq, std::chrono::milliseconds timeout) {
  poke();
  std::unique_lock lock(mu_);
  return progress_cv_.wait_for(lock, timeout, [&] {
    return error_.has_value() || last_seq_.load() >= seq;
  }) && !error_.has_value();
}

void ProjectionFeeder::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    const std::uint64_t limit = cfg_.limit ? cfg_.limit() : UINT64_MAX;
    core::Status st = core::ok();
    if (limit > projector_.last_seq()) {
      auto n = projector_.catch_up(dir_, limit, cfg_.batch);
      if (!n) st = std::unexpected(n.error());
    }
    lock.lock();
    last_seq_.store(projector_.last_seq(), std::memory_order_release);
    if (!st) {
      error_ = st.error();
      progress_cv_.notify_all();
      return;
    }
    progress_cv_.notify_all();
    cv_.wait_for(lock, cfg_.poll_interval, [this] { return stopping_ || poked_; });
    poked_ = false;
  }
}

}  // namespace zerodte::store
