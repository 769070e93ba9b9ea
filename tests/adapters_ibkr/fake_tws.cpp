#include "fake_tws.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "zerodte/adapters/ibkr/tws_protocol.hpp"
#include "zerodte/adapters/ibkr/tws_wire.hpp"

namespace zerodte::adapters::ibkr::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::string key_of(const Contract& c) {
  return fmt::format("{}|{}|{}|{}|{}|{}", c.symbol, c.sec_type, c.last_trade_date,
                     c.strike.to_string(), c.right, c.trading_class);
}

core::Result<Contract> read_contract12(FieldReader& r) {
  Contract c;
  auto id = r.i64();
  if (!id) return std::unexpected(id.error());
  c.con_id = *id;
  std::vector<std::string*> a = {&c.symbol, &c.sec_type, &c.last_trade_date};
  for (auto* s : a) {
    auto f = r.str();
    if (!f) return std::unexpected(f.error());
    *s = std::string(*f);
  }
  auto k = r.price();
  if (!k) return std::unexpected(k.error());
  c.strike = *k;
  std::vector<std::string*> b = {&c.right,    &c.multiplier,   &c.exchange,     &c.primary_exchange,
                                 &c.currency, &c.local_symbol, &c.trading_class};
  for (auto* s : b) {
    auto f = r.str();
    if (!f) return std::unexpected(f.error());
    *s = std::string(*f);
  }
  return c;
}

}  // namespace

struct FakeTws::Impl {
  FakeTws& self;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  mutable std::mutex mu;  // guards everything below against the observer calls

  struct Session {
    tcp::socket sock;
    FrameBuffer frames;
    bool handshake = false;
    std::array<char, 65536> buf{};
    std::deque<std::string> outq;
    bool writing = false;
    bool open = true;
    explicit Session(tcp::socket s) : sock(std::move(s)) {}
  };
  std::shared_ptr<Session> session;

  FakeCounts counts;
  std::map<std::int64_t, FakeOrder> orders;  // by order id (external: -permId)
  std::vector<std::pair<ExecutionMsg, CommissionMsg>> execs;
  std::map<std::string, PositionMsg> positions;
  std::map<std::string, std::int64_t> con_ids;
  std::map<std::int64_t, Contract> contracts_by_id;
  std::map<std::int64_t, Contract> md_tickers;
  std::map<std::int64_t, Contract> depth_tickers;
  std::vector<std::string> last_place;
  std::deque<std::chrono::steady_clock::time_point> recent;
  std::int64_t next_perm = 5000;
  int exec_seq = 0;

  explicit Impl(FakeTws& s) : self(s) {
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    acceptor.open(ep.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen();
    do_accept();
    thread = std::thread([this] { ioc.run(); });
  }
  ~Impl() {
    asio::post(ioc, [this] {
      boost::system::error_code ec;
      acceptor.close(ec);
      if (session) session->sock.close(ec);
      ioc.stop();
    });
    thread.join();
  }

  template <typename F>
  void run(F f) {  // runs on the fake's thread and waits
    if (std::this_thread::get_id() == thread.get_id()) {
      f();  // from a hook: the handler already holds mu
      return;
    }
    std::promise<void> done;
    asio::post(ioc, [&] {
      {
        std::lock_guard lk(mu);
        f();
      }
      done.set_value();
    });
    done.get_future().wait();
  }

  void do_accept() {
    acceptor.async_accept([this](const boost::system::error_code& e, tcp::socket s) {
      if (e) return;
      if (self.refuse_connections.load()) {
        boost::system::error_code ec;
        s.close(ec);
      } else {
        std::lock_guard lk(mu);
        if (session) {
          boost::system::error_code ec;
          session->sock.close(ec);
          session->open = false;
        }
        boost::system::error_code ec;
        s.set_option(tcp::no_delay(true), ec);  // as TWS: no Nagle delay between messages
        session = std::make_shared<Session>(std::move(s));
        read(session);
      }
      do_accept();
    });
  }

  void read(std::shared_ptr<Session> s) {
    s->sock.async_read_some(asio::buffer(s->buf),
                            [this, s](const boost::system::error_code& e, std::size_t n) {
                              if (e || !s->open) {
                                s->open = false;
                                return;
                              }
                              std::lock_guard lk(mu);
                              s->frames.append(std::string_view(s->buf.data(), n));
                              if (!s->handshake) {
                                if (!s->frames.consume_prefix(std::string_view("API\0", 4))) {
                                  read(s);
                                  return;
                                }
                              }
                              while (s->open) {
                                auto p = s->frames.next();
                                if (!p || !*p) break;
                                handle(s, **p);
                              }
                              if (s->open) read(s);
                            });
  }

  void write(const std::shared_ptr<Session>& s, std::string payload) {
    if (!s || !s->open) return;
    s->outq.push_back(frame(payload));
    pump(s);
  }
  void pump(std::shared_ptr<Session> s) {
    if (s->writing || s->outq.empty() || !s->open) return;
    s->writing = true;
    auto msg = std::make_shared<std::string>(std::move(s->outq.front()));
    s->outq.pop_front();
    asio::async_write(s->sock, asio::buffer(*msg),
                      [this, s, msg](const boost::system::error_code& e, std::size_t) {
                        std::lock_guard lk(mu);
                        s->writing = false;
                        if (e) {
                          s->open = false;
                          return;
                        }
                        pump(s);
                      });
  }
  void out(std::string payload) { write(session, std::move(payload)); }

  void handle(const std::shared_ptr<Session>& s, const std::string& payload) {
    if (!s->handshake) {
      auto range = parse_version_range(payload);
      if (!range || self.server_version.load() < range->first) {
        boost::system::error_code ec;
        s->sock.close(ec);
        s->open = false;
        return;
      }
      s->handshake = true;
      ++counts.connections;
      FieldWriter w;
      w.i64(std::min(self.server_version.load(), range->second)).str("20251121 10:00:00 EST");
      write(s, w.payload());
      return;
    }
    ++counts.messages;
    if (const int limit = self.pacing_limit.load(); limit > 0) {
      const auto now = std::chrono::steady_clock::now();
      recent.push_back(now);
      while (!recent.empty() &&
             now - recent.front() > std::chrono::milliseconds(self.pacing_window_ms.load())) {
        recent.pop_front();
      }
      if (static_cast<int>(recent.size()) > limit) {
        ++counts.pacing_errors;
        out(encode_error_server(
            {-1, code::kPacingViolation,
             fmt::format("Max rate of messages per second has been exceeded:max={} rec={}", limit,
                         recent.size())}));
      }
    }
    FieldReader r(payload, "client message");
    auto id = r.i64();
    if (!id) return;
    switch (static_cast<Out>(*id)) {
      case Out::kStartApi: {
        (void)r.i64();
        auto cid = r.i64();
        counts.last_client_id = cid ? static_cast<int>(*cid) : -1;
        out(encode_simple_server(9, 1, {std::to_string(self.next_valid_id.load())}));
        out(encode_simple_server(15, 1, {"DU1234567"}));
        break;
      }
      case Out::kPlaceOrder:
        on_place(payload, r);
        break;
      case Out::kCancelOrder: {
        (void)r.i64();
        auto oid = r.i64();
        ++counts.cancels;
        auto it = orders.find(oid ? *oid : 0);
        if (it == orders.end()) {
          out(encode_error_server(
              {*oid, code::kCancelIdNotFound,
               fmt::format("OrderId {} that needs to be cancelled is not found.", *oid)}));
        } else if (it->second.status == "Filled" || it->second.status == "Cancelled") {
          out(encode_error_server({*oid, code::kNotCancellable,
                                   "Cancel attempted when order is not in a cancellable state."}));
        } else {
          it->second.status = "Cancelled";
          status(*oid);
        }
        break;
      }
      case Out::kReqAllOpenOrders:
      case Out::kReqOpenOrders: {
        ++counts.open_order_requests;
        for (auto& [oid, o] : orders) {
          if (o.status == "Filled" || o.status == "Cancelled" || o.status == "Inactive") continue;
          out(encode_open_order_server(o.msg));
          status(oid);
        }
        out(encode_simple_server(53, 1, {}));
        break;
      }
      case Out::kReqCompletedOrders: {
        for (auto& [oid, o] : orders) {
          if (o.external ||
              (o.status != "Filled" && o.status != "Cancelled" && o.status != "Inactive")) {
            continue;
          }
          out(encode_completed_order_server({o.msg.order, o.msg.contract, o.status}));
        }
        FieldWriter end;
        end.i64(static_cast<int>(In::kCompletedOrdersEnd));
        out(end.payload());
        break;
      }
      case Out::kReqExecutions: {
        (void)r.i64();
        auto req = r.i64();
        for (auto [x, c] : execs) {
          x.req_id = *req;
          out(encode_execution_server(x));
          out(encode_commission_server(c));
        }
        out(encode_simple_server(55, 1, {std::to_string(*req)}));
        break;
      }
      case Out::kReqPositions:
        for (auto& [k, p] : positions) {
          if (p.position != 0) out(encode_position_server(p));
        }
        out(encode_simple_server(62, 1, {}));
        break;
      case Out::kReqAccountSummary: {
        (void)r.i64();
        auto req = r.i64();
        for (auto [tag, v] :
             {std::pair{"NetLiquidation", "100250.50"}, std::pair{"TotalCashValue", "50000.25"},
              std::pair{"BuyingPower", "200000"}}) {
          out(encode_account_summary_server({*req, "DU1234567", tag, v, "USD"}));
        }
        out(encode_simple_server(64, 1, {std::to_string(*req)}));
        break;
      }
      case Out::kReqCurrentTime:
        ++counts.heartbeats;
        if (self.answer_heartbeats.load()) out(encode_simple_server(49, 1, {"1763737200"}));
        break;
      case Out::kReqContractData: {
        ++counts.contract_requests;
        (void)r.i64();
        auto req = r.i64();
        auto c = read_contract12(r);
        if (!req || !c) break;
        if (c->symbol == "BAD") {
          out(encode_error_server({*req, code::kNoSecurityDefinition,
                                   "No security definition has been found for the request"}));
          break;
        }
        Contract d = *c;
        d.con_id = con_id_locked(d);
        d.local_symbol = "";
        out(encode_contract_data_server({*req, d, core::Price::from_cents(1)}));
        out(encode_simple_server(52, 1, {std::to_string(*req)}));
        break;
      }
      case Out::kReqMktData: {
        (void)r.i64();
        auto t = r.i64();
        auto c = read_contract12(r);
        if (t && c) md_tickers[*t] = *c;
        break;
      }
      case Out::kReqMktDepth: {
        (void)r.i64();
        auto t = r.i64();
        auto c = read_contract12(r);
        if (t && c) depth_tickers[*t] = *c;
        break;
      }
      default:
        break;
    }
  }

  std::int64_t con_id_locked(const Contract& c) {
    const std::string k = key_of(c);
    auto it = con_ids.find(k);
    if (it != con_ids.end()) return it->second;
    const std::int64_t id = 700000 + static_cast<std::int64_t>(con_ids.size());
    con_ids[k] = id;
    Contract d = c;
    d.con_id = id;
    contracts_by_id[id] = d;
    return id;
  }

  void on_place(const std::string& payload, FieldReader& r) {
    ++counts.place_messages;
    last_place = split_fields(payload);
    auto m = decode_place_order_server(r);
    if (!m) return;
    const std::int64_t oid = m->order.order_id;
    auto it = orders.find(oid);
    const bool modify = it != orders.end();
    if (modify) {
      ++counts.modifies;
      FakeOrder& o = it->second;
      if (o.status == "Filled" || o.status == "Cancelled") {
        out(encode_error_server({oid, code::kCannotModifyFilled, "Cannot modify a filled order."}));
        return;
      }
      o.msg.order.total_quantity = m->order.total_quantity;
      o.msg.order.lmt_price = m->order.lmt_price;
      o.msg.order.aux_price = m->order.aux_price;
      o.msg.order.order_ref = m->order.order_ref;
    } else {
      ++counts.new_orders;
      FakeOrder o;
      o.msg = *m;
      o.msg.order.perm_id = next_perm++;
      o.msg.order.client_id = counts.last_client_id;
      if (o.msg.contract.sec_type != "BAG") o.msg.contract.con_id = con_id_locked(o.msg.contract);
      o.status = "PreSubmitted";
      orders[oid] = o;
    }
    if (self.on_place) {
      self.on_place(self, oid, modify);
    } else {
      accept_locked(oid);
    }
  }

  void status(std::int64_t oid) {
    const FakeOrder& o = orders.at(oid);
    OrderStatusMsg s;
    s.order_id = o.external ? 0 : oid;
    s.status = o.status;
    s.filled = o.filled;
    s.remaining = o.msg.order.total_quantity - o.filled;
    s.avg_fill_price = o.avg;
    s.perm_id = o.msg.order.perm_id;
    s.client_id = static_cast<std::int64_t>(o.msg.order.client_id);
    out(encode_order_status_server(s));
  }

  void accept_locked(std::int64_t oid) {
    auto& o = orders.at(oid);
    if (o.status == "PreSubmitted") o.status = "Submitted";
    out(encode_open_order_server(o.msg));
    status(oid);
  }

  void fill_locked(std::int64_t oid, std::int64_t qty, const std::string& price_text,
                   bool status_first, bool commission_first, bool with_status = true) {
    auto& o = orders.at(oid);
    const core::Price px = *core::Price::parse(price_text);
    const std::int64_t before = o.filled;
    o.filled += qty;
    o.avg = core::Price::from_raw((o.avg.raw() * before + px.raw() * qty) / o.filled);
    o.status = o.filled >= o.msg.order.total_quantity ? "Filled" : "Submitted";
    if (status_first && with_status) status(oid);
    const bool buy = o.msg.order.action == "BUY";
    std::vector<std::pair<Contract, bool>> legs;  // contract, buy
    if (o.msg.contract.sec_type == "BAG") {
      for (const ComboLeg& l : o.msg.contract.combo_legs) {
        Contract c = contracts_by_id.at(l.con_id);
        legs.emplace_back(c, (l.action == "BUY") == buy);
      }
    } else {
      legs.emplace_back(o.msg.contract, buy);
    }
    for (std::size_t i = 0; i < legs.size(); ++i) {
      ExecutionMsg x;
      x.req_id = -1;
      x.order_id = oid;
      x.contract = legs[i].first;
      x.exec_id = fmt::format("0000e0d5.{:08x}.01.01", ++exec_seq);
      x.time = "20251121  10:15:03";
      x.account = "DU1234567";
      x.exchange = "CBOE";
      x.side = legs[i].second ? "BOT" : "SLD";
      std::int64_t ratio = 1;
      if (o.msg.contract.sec_type == "BAG") ratio = o.msg.contract.combo_legs[i].ratio;
      x.shares = qty * ratio;
      x.price = px;
      x.perm_id = o.msg.order.perm_id;
      x.client_id = o.msg.order.client_id;
      x.cum_qty = o.filled * ratio;
      x.avg_price = o.avg;
      x.order_ref = o.msg.order.order_ref;
      x.last_liquidity = 2;
      CommissionMsg c{x.exec_id, core::Price::from_cents(65) * x.shares, "USD"};
      if (commission_first) out(encode_commission_server(c));
      out(encode_execution_server(x));
      if (!commission_first) out(encode_commission_server(c));
      execs.emplace_back(x, c);
      auto& p = positions[key_of(x.contract)];
      p.account = "DU1234567";
      p.contract = x.contract;
      p.position += legs[i].second ? x.shares : -x.shares;
      p.avg_cost = px * 100;
    }
    if (!status_first && with_status) status(oid);
  }
};

FakeTws::FakeTws() : impl_(std::make_unique<Impl>(*this)) {
  port_ = impl_->acceptor.local_endpoint().port();
}
FakeTws::~FakeTws() = default;

void FakeTws::accept(std::int64_t id) {
  impl_->run([&] { impl_->accept_locked(id); });
}
void FakeTws::reject(std::int64_t id, int code, std::string text) {
  impl_->run([&] {
    impl_->orders.at(id).status = "Inactive";
    impl_->out(encode_error_server({id, code, text}));
    impl_->status(id);
  });
}
void FakeTws::fill(std::int64_t id, std::int64_t qty, std::string price, bool status_first,
                   bool commission_first, bool with_status) {
  impl_->run(
      [&] { impl_->fill_locked(id, qty, price, status_first, commission_first, with_status); });
}
void FakeTws::send_status(std::int64_t id, std::string st, std::int64_t filled,
                          std::int64_t remaining) {
  impl_->run([&] {
    const auto& o = impl_->orders.at(id);
    OrderStatusMsg s;
    s.order_id = id;
    s.status = st;
    s.filled = filled;
    s.remaining = remaining;
    s.avg_fill_price = o.avg;
    s.perm_id = o.msg.order.perm_id;
    impl_->out(encode_order_status_server(s));
  });
}
void FakeTws::send_open_order(std::int64_t id) {
  impl_->run([&] { impl_->out(encode_open_order_server(impl_->orders.at(id).msg)); });
}
void FakeTws::send_error(std::int64_t id, int code, std::string text) {
  impl_->run([&] { impl_->out(encode_error_server({id, code, text})); });
}
void FakeTws::drop_connection() {
  impl_->run([&] {
    if (impl_->session) {
      boost::system::error_code ec;
      impl_->session->sock.close(ec);
      impl_->session->open = false;
    }
  });
}
void FakeTws::add_external_order(OpenOrderMsg m) {
  impl_->run([&] {
    FakeOrder o;
    o.msg = m;
    o.msg.contract.con_id = impl_->con_id_locked(m.contract);
    o.external = true;
    impl_->orders[-m.order.perm_id] = o;
  });
}
void FakeTws::add_position(PositionMsg m) {
  impl_->run([&] {
    m.contract.con_id = impl_->con_id_locked(m.contract);
    impl_->positions[key_of(m.contract)] = m;
  });
}
void FakeTws::tick_price(std::int64_t t, int type, std::string price, std::int64_t size) {
  impl_->run([&] {
    impl_->out(encode_tick_price_server({t, type, *core::Price::parse(price), size}));
  });
}
void FakeTws::tick_option(const TickOptionMsg& m) {
  impl_->run([&] { impl_->out(encode_tick_option_server(m)); });
}
void FakeTws::depth(const DepthMsg& m) {
  impl_->run([&] { impl_->out(encode_depth_server(m)); });
}

FakeCounts FakeTws::counts() const {
  std::lock_guard lk(impl_->mu);
  return impl_->counts;
}
std::map<std::int64_t, FakeOrder> FakeTws::orders() const {
  std::lock_guard lk(impl_->mu);
  return impl_->orders;
}
std::vector<std::string> FakeTws::last_place_fields() const {
  std::lock_guard lk(impl_->mu);
  return impl_->last_place;
}
std::map<std::int64_t, Contract> FakeTws::market_data_tickers() const {
  std::lock_guard lk(impl_->mu);
  return impl_->md_tickers;
}
std::map<std::int64_t, Contract> FakeTws::depth_tickers() const {
  std::lock_guard lk(impl_->mu);
  return impl_->depth_tickers;
}
std::int64_t FakeTws::con_id_of(const std::string& k) const {
  std::lock_guard lk(impl_->mu);
  auto it = impl_->con_ids.find(k);
  return it == impl_->con_ids.end() ? 0 : it->second;
}

bool FakeTws::wait_for(const std::function<bool()>& pred, int timeout_ms) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return pred();
}

}  // namespace zerodte::adapters::ibkr::testing
