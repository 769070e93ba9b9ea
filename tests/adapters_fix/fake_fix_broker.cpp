#include "adapters_fix/fake_fix_broker.hpp"

namespace zerodte::testing {

void FakeFixBroker::on_app(const fx::FixMessage& m) {
  std::vector<fx::FixMessage> out;
  bool drop = false;
  {
    std::lock_guard l(mu_);
    received_.push_back(m);
    const std::string id = m.get_or(ft::kClOrdId);
    const std::string orig = m.get_or(ft::kOrigClOrdId);
    auto order_from = [&](const fx::FixMessage& msg) {
      BrokerOrder o;
      o.cl_ord_id = msg.get_or(ft::kClOrdId);
      o.order_id = "B" + std::to_string(++next_order_id_);
      o.symbol = msg.msg_type == "AB" || msg.msg_type == "AC" ? "" : msg.get_or(ft::kSymbol);
      o.side = msg.get_or(ft::kSide, "1");
      o.qty = std::stoll(msg.get_or(ft::kOrderQty, "0"));
      o.price = msg.get_or(ft::kPrice);
      o.msg_type = msg.msg_type;
      if (const fx::FixGroup* g = msg.group(ft::kNoLegs)) {
        for (const auto& e : g->entries) {
          for (const auto& f : e) {
            if (f.tag == ft::kLegSymbol) o.leg_symbols.push_back(f.value);
            if (f.tag == ft::kLegSide) o.leg_sides.push_back(f.value);
          }
        }
      }
      return o;
    };
    if (m.msg_type == "D" || m.msg_type == "AB") {
      if (orders_.contains(id)) {
        if (!m.poss_dup) {  // a second order with the same ClOrdID: refused, not created
          BrokerOrder dup = orders_[id];
          dup.status = '8';
          fx::FixMessage r = exec_report(dup, '8', 0, "", "duplicate ClOrdID");
          set_field(r, ft::kOrdRejReason, "6");
          out.push_back(r);
        }
      } else if (!bmr_symbol_.empty() && m.get_or(ft::kSymbol) == bmr_symbol_) {
        fx::FixMessage r;
        r.msg_type = "j";
        r.set(ft::kRefSeqNum, std::to_string(m.seq_num));
        r.set(ft::kRefMsgType, m.msg_type);
        r.set(ft::kBusinessRejectRefId, id);
        r.set(ft::kBusinessRejectReason, "2");  // unknown security
        r.set(ft::kText, "unknown security " + bmr_symbol_);
        out.push_back(r);
      } else {
        orders_[id] = order_from(m);
        ++new_orders_;
        if (drop_next_.exchange(false)) {
          drop = true;
        } else if (auto_ack_) {
          out.push_back(exec_report(orders_[id], '0', 0, ""));
        }
      }
    } else if (m.msg_type == "G" || m.msg_type == "AC") {
      auto it = orders_.find(orig);
      if (it == orders_.end() || it->second.leaves() == 0) {
        fx::FixMessage r;
        r.msg_type = "9";
        r.set(ft::kOrderId, it == orders_.end() ? "NONE" : it->second.order_id);
        r.set(ft::kClOrdId, id);
        r.set(ft::kOrigClOrdId, orig);
        r.set(ft::kOrdStatus, it == orders_.end() ? "8" : std::string(1, it->second.status));
        r.set(ft::kCxlRejResponseTo, "2");
        r.set(ft::kText, it == orders_.end() ? "unknown order" : "too late to replace");
        out.push_back(r);
      } else {
        BrokerOrder n = order_from(m);
        n.order_id = it->second.order_id;
        n.cum = it->second.cum;  // FIX: the chain is one order; OrderQty includes executions
        n.leg_symbols = it->second.leg_symbols;
        n.leg_sides = it->second.leg_sides;
        it->second.status = '5';
        orders_[id] = n;
        fx::FixMessage r = exec_report(n, '5', 0, "");
        r.set(ft::kOrigClOrdId, orig);
        out.push_back(r);
      }
    } else if (m.msg_type == "F") {
      auto it = orders_.find(orig);
      if (it == orders_.end() || it->second.leaves() == 0) {
        fx::FixMessage r;
        r.msg_type = "9";
        r.set(ft::kOrderId, it == orders_.end() ? "NONE" : it->second.order_id);
        r.set(ft::kClOrdId, id);
        r.set(ft::kOrigClOrdId, orig);
        r.set(ft::kOrdStatus, it == orders_.end() ? "8" : std::string(1, it->second.status));
        r.set(ft::kCxlRejResponseTo, "1");
        r.set(ft::kText, it == orders_.end() ? "unknown order" : "too late to cancel");
        out.push_back(r);
      } else {
        it->second.status = '4';
        out.push_back(exec_report(it->second, '4', 0, ""));
      }
    } else if (m.msg_type == "H") {
      auto it = orders_.find(id);
      BrokerOrder unknown;
      unknown.cl_ord_id = id;
      unknown.status = '8';
      unknown.symbol = m.get_or(ft::kSymbol);
      fx::FixMessage r = exec_report(it == orders_.end() ? unknown : it->second, 'I', 0, "");
      if (it == orders_.end()) set_field(r, ft::kOrdRejReason, "5");
      r.set(ft::kOrdStatusReqId, m.get_or(ft::kOrdStatusReqId));
      out.push_back(r);
    } else if (m.msg_type == "AF") {
      const std::string req = m.get_or(ft::kMassStatusReqId);
      std::vector<const BrokerOrder*> open;
      for (const auto& [k, o] : orders_)
        if (o.leaves() > 0) open.push_back(&o);
      if (open.empty()) {
        BrokerOrder none;
        none.status = '0';
        fx::FixMessage r = exec_report(none, 'I', 0, "");
        r.set(ft::kMassStatusReqId, req);
        r.set(ft::kTotNumReports, "0");
        r.set(ft::kLastRptRequested, "Y");
        out.push_back(r);
      }
      for (std::size_t i = 0; i < open.size(); ++i) {
        fx::FixMessage r = exec_report(*open[i], 'I', 0, "");
        r.set(ft::kMassStatusReqId, req);
        r.set(ft::kTotNumReports, std::to_string(open.size()));
        if (i + 1 == open.size()) r.set(ft::kLastRptRequested, "Y");
        out.push_back(r);
      }
    } else if (m.msg_type == "AN") {
      const std::string req = m.get_or(ft::kPosReqId);
      fx::FixMessage ack;
      ack.msg_type = "AO";
      ack.set(ft::kPosMaintRptId, "A" + req);
      ack.set(ft::kPosReqId, req);
      ack.set(ft::kTotalNumPosReports, std::to_string(positions_.size()));
      ack.set(ft::kPosReqResult, positions_.empty() ? "2" : "0");
      ack.set(ft::kPosReqStatus, "0");
      ack.set(ft::kAccount, m.get_or(ft::kAccount));
      ack.set(ft::kAccountType, "1");
      out.push_back(ack);
      for (const auto& p : positions_) {
        fx::FixMessage r;
        r.msg_type = "AP";
        r.set(ft::kPosMaintRptId, "P" + p.symbol);
        r.set(ft::kPosReqId, req);
        r.set(ft::kTotalNumPosReports, std::to_string(positions_.size()));
        r.set(ft::kPosReqResult, "0");
        r.set(ft::kClearingBusinessDate, m.get_or(ft::kClearingBusinessDate));
        r.set(ft::kAccount, m.get_or(ft::kAccount));
        r.set(ft::kAccountType, "1");
        r.set(ft::kSymbol, p.symbol);
        r.set(ft::kSettlPrice, p.settl_price);
        r.set(ft::kSettlPriceType, "1");
        r.set(ft::kPriorSettlPrice, p.settl_price);
        fx::FixGroup g;
        g.count_tag = ft::kNoPositions;
        g.delim = ft::kPosType;
        g.order = {ft::kPosType, ft::kLongQty, ft::kShortQty};
        g.entries.push_back({{ft::kPosType, "TOT"},
                             {ft::kLongQty, std::to_string(p.long_qty)},
                             {ft::kShortQty, std::to_string(p.short_qty)}});
        r.groups.push_back(g);
        out.push_back(r);
      }
    }
  }
  if (drop) {
    engine_->disconnect();
    return;
  }
  for (const auto& r : out)
    send(r);
}

}  // namespace zerodte::testing
