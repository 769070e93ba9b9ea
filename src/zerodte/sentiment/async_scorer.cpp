#include "zerodte/sentiment/async_scorer.hpp"

namespace zerodte::sentiment {

ThreadedAsyncScorer::ThreadedAsyncScorer(std::string name,
                                         std::function<std::unique_ptr<Scorer>()> make,
                                         std::size_t threads, std::size_t max_queue)
    : name_(std::move(name)), max_queue_(max_queue) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i) {
    workers_.emplace_back([this, s = make()]() mutable { run(std::move(s)); });
  }
}

ThreadedAsyncScorer::~ThreadedAsyncScorer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_)
    t.join();
  // Jobs still queued are answered as cancelled so no caller waits forever.
  for (auto& j : queue_) {
    j.done(ModelAnswer{j.post_id, name_, false, {}, "cancelled: scorer stopped"});
  }
}

void ThreadedAsyncScorer::submit(std::string post_id, std::string text, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && queue_.size() < max_queue_) {
      queue_.push_back(Job{std::move(post_id), std::move(text), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(ModelAnswer{std::move(post_id), name_, false, {}, "queue full"});
}

void ThreadedAsyncScorer::run(std::unique_ptr<Scorer> scorer) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    ModelAnswer a;
    a.post_id = std::move(job.post_id);
    a.model = name_;
    auto r = scorer ? scorer->score(job.text)
                    : core::Result<ScoreResult>(core::fail(core::ErrorCode::kConfig, "no scorer"));
    if (r) {
      a.ok = true;
      a.result = *r;
    } else {
      a.error = r.error().to_string();
    }
    job.done(std::move(a));
  }
}

}  // namespace zerodte::sentiment
