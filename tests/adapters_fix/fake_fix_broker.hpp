#pragma once
// A FIX 4.4 broker for tests: a QuickFIX acceptor on 127.0.0.1 (through the adapter's own
// bridge) that keeps an order book and answers like a venue: acks new orders (35=8 ExecType 0),
// refuses a repeated ClOrdID (OrdRejReason 6) without creating a second order, cancel/replace
// (ExecType 5) and cancel (ExecType 4) or OrderCancelReject when too late, order status (H),
// mass status (AF) and positions (AN -> AO + AP). Fills, rejects and business rejects are sent
// when the test says so. It counts every distinct order it accepted.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "zerodte/adapters/fix/fix_codec.hpp"
#include "zerodte/adapters/fix/fix_engine.hpp"

namespace zerodte::testing {

namespace fx = zerodte::adapters::fix;
namespace ft = zerodte::adapters::fix::tag;

inline int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  socklen_t len = sizeof(a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

inline std::string fix_dictionary() {
  return std::string(ZERODTE_SOURCE_DIR) + "/config/fix/FIX44-zerodte.xml";
}

template <typename Pred>
bool eventually(Pred p, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (p()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return p();
}

struct BrokerOrder {
  std::string cl_ord_id, order_id, symbol, side = "1", msg_type;
  std::int64_t qty = 0, cum = 0;
  char status = '0';
  std::string price;
  std::vector<std::string> leg_symbols;
  std::vector<std::string> leg_sides;
  [[nodiscard]] std::int64_t leaves() const {
    return (status == '2' || status == '4' || status == '8' || status == '5' || status == 'C')
               ? 0
               : qty - cum;
  }
};

struct BrokerPosition {
  std::string symbol;
  std::int64_t long_qty = 0, short_qty = 0;
  std::string settl_price = "0";
};

class FakeFixBroker {
 public:
  // `password`: when set, Logons must carry Username "zerodte" and this password.
  explicit FakeFixBroker(std::filesystem::path dir, std::string password = {})
      : dir_(std::move(dir)), port_(free_tcp_port()) {
    std::filesystem::create_directories(dir_ / "acceptor");
    const std::string settings =
        "[DEFAULT]\nConnectionType=acceptor\nFileStorePath=" + (dir_ / "acceptor").string() +
        "\nStartTime=00:00:00\nEndTime=00:00:00\nUseDataDictionary=Y\nDataDictionary=" +
        fix_dictionary() +
        "\nValidateUserDefinedFields=N\nValidateFieldsOutOfOrder=N\nAllowUnknownMsgFields=Y\n"
        "SocketAcceptPort=" +
        std::to_string(port_) +
        "\nSocketReuseAddress=Y\nPersistMessages=Y\n\n[SESSION]\nBeginString=FIX.4.4\n"
        "SenderCompID=BROKER\nTargetCompID=ZERODTE\nHeartBtInt=1\n";
    fx::FixHandlers h;
    h.on_app = [this](const fx::FixMessage& m) { on_app(m); };
    h.on_admin = [this](const fx::FixMessage& m) {
      std::lock_guard l(mu_);
      admin_.push_back(m.msg_type);
    };
    fx::FixLogonCredentials cred;
    if (!password.empty()) cred = {"zerodte", password};
    std::string error;
    engine_ = fx::FixEngine::create(fx::FixEngine::Role::kAcceptor, settings, std::move(h),
                                    std::move(cred), &error);
    if (!engine_ || !engine_->start(&error)) throw std::runtime_error(error);
  }
  ~FakeFixBroker() { engine_->stop(true); }

  [[nodiscard]] int port() const { return port_; }
  fx::FixEngine& engine() { return *engine_; }
  bool logged_on() const { return engine_->logged_on(); }

  // Distinct orders accepted (a repeated ClOrdID is refused, not counted).
  std::size_t order_count() const {
    std::lock_guard l(mu_);
    return new_orders_;
  }
  std::size_t messages_of_type(const std::string& t) const {
    std::lock_guard l(mu_);
    std::size_t n = 0;
    for (const auto& m : received_)
      n += m.msg_type == t ? 1 : 0;
    return n;
  }
  std::size_t admin_of_type(const std::string& t) const {
    std::lock_guard l(mu_);
    std::size_t n = 0;
    for (const auto& m : admin_)
      n += m == t ? 1 : 0;
    return n;
  }
  std::vector<fx::FixMessage> received() const {
    std::lock_guard l(mu_);
    return received_;
  }
  std::optional<BrokerOrder> order(const std::string& id) const {
    std::lock_guard l(mu_);
    auto it = orders_.find(id);
    if (it == orders_.end()) return std::nullopt;
    return it->second;
  }

  void set_auto_ack(bool on) { auto_ack_ = on; }
  // The next new order is recorded, then the connection is dropped before any answer.
  void drop_after_next_order() { drop_next_ = true; }
  void set_business_reject_symbol(std::string s) {
    std::lock_guard l(mu_);
    bmr_symbol_ = std::move(s);
  }

  // An order the client never sent (placed by phone or web).
  void add_external_order(const std::string& id, const std::string& symbol, std::int64_t qty,
                          const std::string& price) {
    std::lock_guard l(mu_);
    BrokerOrder o;
    o.cl_ord_id = id;
    o.order_id = "EXT" + std::to_string(++next_order_id_);
    o.symbol = symbol;
    o.qty = qty;
    o.price = price;
    o.msg_type = "D";
    orders_[id] = o;
  }
  void set_positions(std::vector<BrokerPosition> p) {
    std::lock_guard l(mu_);
    positions_ = std::move(p);
  }

  void ack(const std::string& id) { report(id, '0', 0, ""); }
  void reject(const std::string& id, const std::string& text) {
    fx::FixMessage m;
    {
      std::lock_guard l(mu_);
      auto& o = orders_.at(id);
      o.status = '8';
      m = exec_report(o, '8', 0, "", text);
    }
    send(m);
  }
  // A fill of `qty` at `px` (single-leg order or the whole package at a net price). For a
  // multi-leg order pass `leg_px` to report each leg's execution in its own message (442=2).
  void fill(const std::string& id, std::int64_t qty, const std::string& px,
            const std::vector<std::string>& leg_px = {}, const std::string& exec_id = {}) {
    std::vector<fx::FixMessage> out;
    {
      std::lock_guard l(mu_);
      auto& o = orders_.at(id);
      o.cum += qty;
      o.status = o.cum >= o.qty ? '2' : '1';
      const std::string eid = exec_id.empty() ? "E" + std::to_string(++next_exec_) : exec_id;
      if (leg_px.empty()) out.push_back(exec_report(o, 'F', qty, px, "", eid));
      for (std::size_t i = 0; i < leg_px.size(); ++i) {
        fx::FixMessage m = exec_report(o, 'F', qty, leg_px[i], "", eid + "-L" + std::to_string(i));
        set_field(m, ft::kSymbol, o.leg_symbols.at(i));
        set_field(m, ft::kSide, o.leg_sides.at(i));
        m.set(ft::kMultiLegReportingType, "2");
        out.push_back(m);
      }
    }
    for (const auto& m : out)
      send(m);
  }
  // "Duplicate order" reject for a ClOrdID the broker already works (as a venue answers a copy).
  void duplicate_reject(const std::string& id) {
    fx::FixMessage m;
    {
      std::lock_guard l(mu_);
      BrokerOrder dup = orders_.at(id);
      dup.status = '8';
      m = exec_report(dup, '8', 0, "", "duplicate ClOrdID");
      set_field(m, ft::kOrdRejReason, "6");
    }
    send(m);
  }
  void expire(const std::string& id) { report(id, 'C', 0, ""); }
  void restate(const std::string& id, char ord_status_override) {
    fx::FixMessage m;
    {
      std::lock_guard l(mu_);
      auto& o = orders_.at(id);
      const char keep = o.status;
      o.status = ord_status_override;
      m = exec_report(o, 'D', 0, "", "restated");
      o.status = keep;
    }
    send(m);
  }
  // Raw report with any ExecType (for mapping tests).
  void report(const std::string& id, char exec_type, std::int64_t last_qty, const std::string& px) {
    fx::FixMessage m;
    {
      std::lock_guard l(mu_);
      auto& o = orders_.at(id);
      if (exec_type == '0') o.status = '0';
      if (exec_type == 'C') o.status = 'C';
      m = exec_report(o, exec_type, last_qty, px);
    }
    send(m);
  }
  // Makes the next outgoing message skip `n` sequence numbers (a gap at the client).
  void skip_sequence(int n) { engine_->set_next_sender_seq(engine_->next_sender_seq() + n); }

 private:
  static void set_field(fx::FixMessage& m, int tag, const std::string& v) {
    for (auto& f : m.fields) {
      if (f.tag == tag) {
        f.value = v;
        return;
      }
    }
    m.set(tag, v);
  }
  void send(const fx::FixMessage& m) {
    std::string error;
    engine_->send(m, &error);
  }
  fx::FixMessage exec_report(const BrokerOrder& o, char exec_type, std::int64_t last_qty,
                             const std::string& last_px, const std::string& text = {},
                             const std::string& exec_id = {}) {
    fx::FixMessage m;
    m.msg_type = "8";
    m.set(ft::kOrderId, o.order_id.empty() ? "NONE" : o.order_id);
    m.set(ft::kClOrdId, o.cl_ord_id);
    m.set(ft::kExecId, exec_id.empty() ? "X" + std::to_string(++next_exec_) : exec_id);
    m.set(ft::kExecType, std::string(1, exec_type));
    m.set(ft::kOrdStatus, std::string(1, o.status));
    m.set(ft::kSymbol, o.symbol.empty() ? "[MULTILEG]" : o.symbol);
    m.set(ft::kSide, o.side);
    m.set(ft::kOrderQty, std::to_string(o.qty));
    m.set(ft::kCumQty, std::to_string(o.cum));
    m.set(ft::kLeavesQty, std::to_string(o.leaves()));
    m.set(ft::kAvgPx, last_px.empty() ? "0" : last_px);
    if (last_qty > 0) {
      m.set(ft::kLastQty, std::to_string(last_qty));
      m.set(ft::kLastPx, last_px);
    }
    if (!text.empty()) m.set(ft::kText, text);
    if (exec_type == '8') m.set(ft::kOrdRejReason, "0");
    m.set(ft::kTransactTime, "20251121-15:00:00.000");
    return m;
  }
  void on_app(const fx::FixMessage& m);  // fake_fix_broker.cpp

  std::filesystem::path dir_;
  int port_;
  std::unique_ptr<fx::FixEngine> engine_;
  mutable std::recursive_mutex mu_;
  std::map<std::string, BrokerOrder> orders_;
  std::vector<fx::FixMessage> received_;
  std::vector<std::string> admin_;
  std::vector<BrokerPosition> positions_;
  std::string bmr_symbol_;
  std::size_t new_orders_ = 0;
  std::uint64_t next_order_id_ = 0;
  std::uint64_t next_exec_ = 0;
  std::atomic<bool> auto_ack_{true};
  std::atomic<bool> drop_next_{false};
};

}  // namespace zerodte::testing
