// FixExecutionClient: ExecutionReport, OrderCancelReject, BusinessMessageReject, positions.
#include <spdlog/spdlog.h>

#include "zerodte/adapters/fix/fix_client_impl.hpp"

namespace zerodte::adapters::fix {

using model::OrderStatus;

namespace {

// The status an ExecutionReport announces: ExecType first (it says what happened), OrdStatus
// for the reports that only restate.
core::Result<OrderStatus> status_of(const ExecReport& r) {
  switch (r.exec_type) {
    case '0':
      return OrderStatus::kAccepted;  // New
    case 'A':
      return OrderStatus::kPendingNew;
    case '4':
      return OrderStatus::kCancelled;
    case '6':
      return OrderStatus::kPendingCancel;
    case 'E':
      return OrderStatus::kPendingReplace;
    case '8':
      return OrderStatus::kRejected;
    case 'C':
      return OrderStatus::kExpired;
    default:
      break;  // F trade, 5 replaced, 3 done for day, 7 stopped, 9 suspended, D restated,
              // I status, H trade cancel, G trade correct, B calculated
  }
  return status_from_ord_status(r.ord_status, r.cum_qty);
}

}  // namespace

execution::VenueOrderState FixExecutionClient::Impl::state_from_report(const ExecReport& r) {
  FixOrderEntry& e = entry_for_report(r);
  auto st = status_from_ord_status(r.ord_status, r.cum_qty - e.cum_offset);
  apply_report(e, r, st ? *st : e.state.status);
  e.state.order = e.intent;
  return e.state;
}

void FixExecutionClient::Impl::on_execution_report(const FixMessage& m) {
  auto r = decode_execution_report(m);
  std::vector<FixOutEvent> out;
  if (!r) {
    std::lock_guard l(mu);
    ++stats.bad_messages;
    spdlog::error("fix {}: undecodable ExecutionReport: {}", cfg.venue_name, r.error().message);
    return;
  }
  const std::string& req = !r->status_req_id.empty() ? r->status_req_id : r->mass_req_id;
  if (!req.empty()) {  // an answer to query_order / open_orders
    {
      std::lock_guard l(mu);
      auto it = pending.find(req);
      if (it == pending.end() || it->second.done) return;  // late answer to a timed-out request
      FixPending& p = it->second;
      p.messages.push_back(m);
      if (r->total_reports >= 0) p.expected = r->total_reports;
      p.done = !r->mass_req_id.empty()
                   ? (r->last_report || r->total_reports == 0 ||
                      (p.expected >= 0 && static_cast<int>(p.messages.size()) >= p.expected))
                   : true;
    }
    cv.notify_all();
    return;
  }
  {
    std::lock_guard l(mu);
    ++stats.execution_reports;
    if (!exec_ids.insert(r->exec_id).second) {  // a resent or repeated report
      ++stats.duplicate_reports;
      return;
    }
    const core::Timestamp ts = r->transact_time.is_set() ? r->transact_time : clock.now();
    auto status = status_of(*r);
    if (!status) {
      ++stats.bad_messages;
      spdlog::error("fix {}: {} (ExecID {})", cfg.venue_name, status.error().message, r->exec_id);
      return;
    }
    if (r->exec_type == 'H' || r->exec_type == 'G') {
      spdlog::error(
          "fix {}: venue {} execution {} of {}: fills are not amended automatically; "
          "reconcile positions",
          cfg.venue_name, r->exec_type == 'H' ? "cancelled" : "corrected", r->exec_id,
          r->cl_ord_id);
    }
    if (r->exec_type == '5' && !r->orig_cl_ord_id.empty()) {  // Replaced: the original ends
      auto orig = orders.find(r->orig_cl_ord_id);
      if (orig != orders.end()) {
        orig->second.state.status = OrderStatus::kReplaced;
        out.emplace_back(update_of(orig->second, ts));
      }
    }
    FixOrderEntry& e = entry_for_report(*r);
    if (r->exec_type == '8' && r->ord_rej_reason == 6 &&
        e.state.status != OrderStatus::kPendingNew) {
      // "Duplicate order" for a ClOrdID the venue already works: it refused the copy (e.g. a
      // resend), not our order.
      spdlog::warn("fix {}: venue refused a duplicate of {} (already {}); ignored", cfg.venue_name,
                   r->cl_ord_id, model::to_string(e.state.status));
      return;
    }
    if (r->exec_type == 'F') {
      for (const auto& f : fills_of(e, *r, ts)) {
        fills.push_back(f);
        out.emplace_back(f);
      }
    }
    apply_report(e, *r, *status);
    if (r->exec_type == '8' && r->text.empty()) {
      e.state.reason = fmt::format("rejected (OrdRejReason {})", r->ord_rej_reason);
    }
    out.emplace_back(update_of(e, ts));
  }
  post(out);
}

void FixExecutionClient::Impl::on_cancel_reject(const FixMessage& m) {
  const std::string id = m.get_or(tag::kClOrdId);
  const std::string orig = m.get_or(tag::kOrigClOrdId);
  const std::string text = m.get_or(tag::kText, "cancel/replace refused");
  const bool replace = m.get_or(tag::kCxlRejResponseTo) == "2";
  const std::string ord_status = m.get_or(tag::kOrdStatus, "0");
  std::vector<FixOutEvent> out;
  {
    std::lock_guard l(mu);
    ++stats.cancel_rejects;
    const core::Timestamp now = clock.now();
    if (replace) {  // the replacement never existed
      auto it = orders.find(id);
      if (it != orders.end()) {
        it->second.state.status = OrderStatus::kRejected;
        it->second.state.reason = text;
        out.emplace_back(update_of(it->second, now));
      }
    }
    auto it = orders.find(orig);
    if (it != orders.end()) {
      const std::int64_t cum = it->second.state.filled_qty.value;
      auto st = status_from_ord_status(ord_status.empty() ? '0' : ord_status[0], cum);
      it->second.state.status =
          st ? *st : (cum > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted);
      if (it->second.state.status == OrderStatus::kPendingCancel ||
          it->second.state.status == OrderStatus::kPendingReplace) {
        it->second.state.status = cum > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
      }
      it->second.state.reason = text;
      out.emplace_back(update_of(it->second, now));
    } else {
      spdlog::warn("fix {}: OrderCancelReject for unknown order {}", cfg.venue_name, orig);
    }
  }
  post(out);
}

void FixExecutionClient::Impl::on_business_reject(const FixMessage& m) {
  const std::string ref_type = m.get_or(tag::kRefMsgType);
  const std::string ref_id = m.get_or(tag::kBusinessRejectRefId);
  const std::string text = "business reject: " + m.get_or(tag::kText, "(no text)");
  std::vector<FixOutEvent> out;
  {
    std::lock_guard l(mu);
    ++stats.business_rejects;
    const core::Timestamp now = clock.now();
    auto reject = [&](const std::string& id) {
      auto it = orders.find(id);
      if (it == orders.end()) return;
      it->second.state.status = OrderStatus::kRejected;
      it->second.state.reason = text;
      out.emplace_back(update_of(it->second, now));
    };
    auto restore = [&](const std::string& id) {  // a refused cancel/replace: back to working
      auto it = orders.find(id);
      if (it == orders.end()) return;
      const std::int64_t cum = it->second.state.filled_qty.value;
      it->second.state.status = cum > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
      it->second.state.reason = text;
      out.emplace_back(update_of(it->second, now));
    };
    if (ref_type == "D" || ref_type == "AB") {
      reject(ref_id);
    } else if (ref_type == "G" || ref_type == "AC") {
      auto it = orders.find(ref_id);
      const std::string orig = it != orders.end() ? it->second.replaces : std::string();
      reject(ref_id);
      restore(orig);
    } else if (ref_type == "F") {
      auto it = cancel_to_orig.find(ref_id);
      if (it != cancel_to_orig.end()) restore(it->second);
    } else {  // H, AF, AN: fail the waiting request
      for (auto& [id, p] : pending) {
        if (p.done || (id != ref_id && !ref_id.empty() && pending.contains(ref_id))) continue;
        p.done = p.failed = true;
        p.error = core::Error{core::ErrorCode::kRejected,
                              fmt::format("FIX {} refused by the venue: {}", ref_type, text)};
      }
    }
    spdlog::warn("fix {}: BusinessMessageReject for 35={} {}: {}", cfg.venue_name, ref_type, ref_id,
                 text);
  }
  cv.notify_all();
  post(out);
}

void FixExecutionClient::Impl::on_position_message(const FixMessage& m) {
  const std::string req = m.get_or(tag::kPosReqId);
  {
    std::lock_guard l(mu);
    auto it = pending.find(req);
    if (it == pending.end() || it->second.done) return;
    FixPending& p = it->second;
    if (const std::string* n = m.get(tag::kTotalNumPosReports)) p.expected = std::atoi(n->c_str());
    if (m.msg_type == "AO") {
      const std::string result = m.get_or(tag::kPosReqResult, "0");
      if (result == "2" || p.expected == 0) {  // no positions found
        p.done = true;
      } else if (result != "0") {
        p.done = p.failed = true;
        p.error = core::Error{core::ErrorCode::kRejected,
                              fmt::format("FIX RequestForPositions refused: PosReqResult {} {}",
                                          result, m.get_or(tag::kText))};
      }
    } else {
      p.messages.push_back(m);
      p.done = p.expected >= 0 && static_cast<int>(p.messages.size()) >= p.expected;
    }
  }
  cv.notify_all();
}

}  // namespace zerodte::adapters::fix
