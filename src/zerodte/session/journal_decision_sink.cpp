#include "zerodte/session/journal_decision_sink.hpp"

#include "zerodte/store/decision_records.hpp"

namespace zerodte::session {

void JournalDecisionSink::check(const core::Result<std::uint64_t>& r) {
  if (!r && status_) status_ = std::unexpected(r.error());
}

void JournalDecisionSink::on_signal(const strategy::Signal& s) {
  store::SignalRecord rec;
  rec.signal_id = s.id;
  rec.strategy_id = s.strategy.value;
  rec.strategy = s.strategy_name;
  rec.instrument = s.instrument.value;
  rec.symbol = s.symbol;
  rec.direction = static_cast<std::int8_t>(s.direction);
  rec.strength = s.conviction;
  rec.explanation = strategy::explanation_json(s);
  rec.ts = s.ts;
  check(store::append_record(journal_, rec, s.ts));
}

void JournalDecisionSink::on_suppressed(const strategy::Suppression& s) {
  store::SignalRecord rec;  // signal_id 0: a decision not to act
  rec.strategy = s.strategy_name;
  rec.strategy_id = s.strategy.value;
  rec.symbol = s.symbol;
  rec.direction = static_cast<std::int8_t>(s.direction);
  rec.explanation = strategy::explanation_json(s);
  rec.ts = s.ts;
  check(store::append_record(journal_, rec, s.ts));
}

void JournalDecisionSink::on_state(const strategy::StateSnapshot& s) {
  store::StrategyStateRecord rec;
  rec.strategy_id = s.strategy.value;
  rec.strategy = s.strategy_name;
  rec.state = s.state;
  rec.ts = s.ts;
  check(store::append_record(journal_, rec, s.ts));
}

}  // namespace zerodte::session
