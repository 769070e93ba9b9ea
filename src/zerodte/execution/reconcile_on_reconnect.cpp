#include "zerodte/execution/reconcile_on_reconnect.hpp"

namespace zerodte::execution {

void ReconcileOnReconnect::start(engine::Kernel& kernel) {
  kernel_ = &kernel;
  sub_ = kernel.bus().subscribe_all<model::FeedStatus>(
      [this](const model::FeedStatus& s) { on_status(s); });
}

void ReconcileOnReconnect::stop() {
  if (kernel_ != nullptr && sub_.serial != 0) kernel_->bus().unsubscribe(sub_);
  sub_ = {};
}

void ReconcileOnReconnect::on_status(const model::FeedStatus& s) {
  if (s.feed.view() != feed_) return;
  switch (s.state) {
    case model::FeedState::kDisconnected:
    case model::FeedState::kStale:
      if (!down_) om_.halt(fmt::format("venue feed {} down", feed_));
      down_ = true;
      return;
    case model::FeedState::kConnected:
    case model::FeedState::kRecovered: {
      if (!down_) return;
      down_ = false;
      ++runs_;
      Reconciler rec(om_, *kernel_);
      ReconcileOptions opts;
      opts.resume_if_clean = true;
      last_ = rec.run(opts);
      return;
    }
    case model::FeedState::kConnecting:
      return;
  }
}

}  // namespace zerodte::execution
