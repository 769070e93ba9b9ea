#pragma once
// Journals every inbound kernel event before dispatch: kernel.add_observer(&observer). The
// record timestamp is the event's visible time. Encoding reuses one buffer (no allocation per
// event once warm). An append failure is fatal for trading (the journal is the truth): it is
// kept and reported by status(), and the configured handler is called (default: assert).
#include <functional>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/event_codec.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::store {

class JournalObserver final : public engine::EventObserver {
 public:
  using ErrorHandler = std::function<void(const core::Error&)>;
  explicit JournalObserver(Journal& journal,
                           const CustomEventRegistry& reg = CustomEventRegistry::global(),
                           ErrorHandler on_error = {});
  void on_inbound(const engine::Event& e) override;
  [[nodiscard]] const core::Status& status() const { return status_; }
  [[nodiscard]] std::uint64_t last_seq() const { return last_seq_; }

 private:
  Journal& journal_;
  const CustomEventRegistry& reg_;
  ErrorHandler on_error_;
  Bytes scratch_;
  core::Status status_;
  std::uint64_t last_seq_ = 0;
};

}  // namespace zerodte::store
