#include "zerodte/store/journal_observer.hpp"

#include "zerodte/core/assert.hpp"

namespace zerodte::store {

JournalObserver::JournalObserver(Journal& journal, const CustomEventRegistry& reg,
                                 ErrorHandler on_error)
    : journal_(journal), reg_(reg), on_error_(std::move(on_error)) {
  scratch_.reserve(4096);
}

void JournalObserver::on_inbound(const engine::Event& e) {
  encode_event(e, scratch_, reg_);
  auto seq = journal_.append(record_type_of(e), engine::visible_time(e), scratch_);
  if (seq) {
    last_seq_ = *seq;
    return;
  }
  status_ = std::unexpected(seq.error());
  if (on_error_) {
    on_error_(seq.error());
  } else {
    ZDTE_ASSERT(false, "journal append failed; refusing to process an event that is not journaled");
  }
}

}  // namespace zerodte::store
