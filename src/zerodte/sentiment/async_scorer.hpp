#pragma once
// Slow models (LLM APIs, a FinBERT service) answer asynchronously: the engine submits a text and
// gets the answer later, on any thread, through `done` (called exactly once).
// ThreadedAsyncScorer runs a blocking Scorer (e.g. LlmScorer) on worker threads with a bounded
// queue; a full queue answers at once with an error instead of blocking the kernel.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "zerodte/sentiment/events.hpp"
#include "zerodte/sentiment/scorer.hpp"

namespace zerodte::sentiment {

class AsyncScorer {
 public:
  using Done = std::function<void(ModelAnswer)>;
  virtual ~AsyncScorer() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Kernel thread; must not block.
  virtual void submit(std::string post_id, std::string text, Done done) = 0;
};

class ThreadedAsyncScorer final : public AsyncScorer {
 public:
  // `make` builds one Scorer per worker (scorers are not thread-safe).
  ThreadedAsyncScorer(std::string name, std::function<std::unique_ptr<Scorer>()> make,
                      std::size_t threads = 2, std::size_t max_queue = 1024);
  ~ThreadedAsyncScorer() override;
  [[nodiscard]] std::string_view name() const override { return name_; }
  void submit(std::string post_id, std::string text, Done done) override;

 private:
  struct Job {
    std::string post_id, text;
    Done done;
  };
  void run(std::unique_ptr<Scorer> scorer);

  std::string name_;
  std::size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace zerodte::sentiment
