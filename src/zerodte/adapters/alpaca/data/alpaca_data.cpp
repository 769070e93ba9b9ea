#include "zerodte/adapters/alpaca/data/alpaca_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "zerodte/data/vendor_chains.hpp"

namespace zerodte::adapters::alpaca {

using core::ErrorCode;

core::Result<AlpacaCredentials> AlpacaCredentials::from_env(const AlpacaDataConfig& cfg) {
  AlpacaCredentials c;
  const char* k = std::getenv(cfg.key_id_env.c_str());
  const char* s = std::getenv(cfg.secret_env.c_str());
  if (!k || !*k)
    return core::fail(ErrorCode::kConfig, "Alpaca data: environment variable {} is not set",
                      cfg.key_id_env);
  if (!s || !*s)
    return core::fail(ErrorCode::kConfig, "Alpaca data: environment variable {} is not set",
                      cfg.secret_env);
  c.key_id = k;
  c.secret = s;
  return c;
}

namespace {
std::string join(const std::vector<std::string>& v, std::string_view sep = ",") {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}
std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}
// RFC-3339 with seconds resolution is what the API accepts everywhere.
std::string rfc3339(core::Timestamp t) {
  const auto iso = core::to_iso8601(t);  // ...T..:..:..(.fffffffff)Z
  return iso.substr(0, 19) + "Z";
}
}  // namespace

AlpacaRestClient::AlpacaRestClient(AlpacaDataConfig cfg, AlpacaCredentials creds,
                                   model::InstrumentRegistry& registry, const core::Clock& clock,
                                   net::RestOptions opt)
    : cfg_(std::move(cfg)),
      creds_(std::move(creds)),
      registry_(registry),
      clock_(clock),
      opt_(std::move(opt)),
      json_(registry, "alpaca.rest") {}

core::Result<std::string> AlpacaRestClient::get(const std::string& path_and_query) {
  return net::rest_get(cfg_.rest_base + path_and_query,
                       {{"APCA-API-KEY-ID", creds_.key_id},
                        {"APCA-API-SECRET-KEY", creds_.secret},
                        {"Accept", "application/json"}},
                       opt_, backoff_, &stats_);
}

core::Result<std::vector<engine::Event>> AlpacaRestClient::bars(
    const std::vector<std::string>& symbols, core::Timestamp start, core::Timestamp end) {
  std::vector<engine::Event> out;
  if (symbols.empty()) return out;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    std::string q = fmt::format(
        "/v2/stocks/bars?symbols={}&timeframe=1Min&start={}&end={}"
        "&limit=10000&feed={}&sort=asc",
        url_encode(join(symbols)), url_encode(rfc3339(start)), url_encode(rfc3339(end)),
        url_encode(cfg_.stock_feed));
    if (!token.empty()) q += "&page_token=" + url_encode(token);
    auto body = get(q);
    if (!body) return std::unexpected(body.error());
    auto next = json_.decode_bars_page(*body, clock_.now(), 60, out);
    if (!next) return std::unexpected(next.error());
    token = *next;
    if (token.empty()) break;
  }
  // The API's start is inclusive: keep (start, end] so a bar already streamed is not asked for.
  std::erase_if(out, [&](const engine::Event& e) {
    const auto t = engine::event_time(e);
    return t <= start || t > end;
  });
  return out;
}

core::Result<std::vector<engine::Event>> AlpacaRestClient::latest_quotes(
    const std::vector<std::string>& symbols) {
  std::vector<engine::Event> out;
  if (symbols.empty()) return out;
  auto body = get(fmt::format("/v2/stocks/quotes/latest?symbols={}&feed={}",
                              url_encode(join(symbols)), url_encode(cfg_.stock_feed)));
  if (!body) return std::unexpected(body.error());
  if (auto st = json_.decode_latest_quotes(*body, clock_.now(), out); !st)
    return std::unexpected(st.error());
  return out;
}

core::Result<std::vector<engine::Event>> AlpacaRestClient::option_snapshots(
    const std::string& underlying) {
  std::vector<engine::Event> out;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    std::string q = fmt::format("/v1beta1/options/snapshots/{}?feed={}&limit=1000",
                                url_encode(underlying), url_encode(cfg_.option_feed));
    if (!token.empty()) q += "&page_token=" + url_encode(token);
    auto body = get(q);
    if (!body) return std::unexpected(body.error());
    auto quotes = data::parse_chain_snapshot(*body, "alpaca.rest " + underlying + " snapshots",
                                             registry_, clock_.now());
    if (!quotes) return std::unexpected(quotes.error());
    for (auto& oq : *quotes) {
      oq.hdr.ts_recv = clock_.now();
      out.emplace_back(oq);
    }
    // next_page_token: a small scan avoids a second JSON parse of a large page.
    token.clear();
    const auto k = body->find("\"next_page_token\"");
    if (k != std::string::npos) {
      const auto colon = body->find(':', k);
      const auto q1 = body->find_first_of("\"n", colon + 1);
      if (q1 != std::string::npos && (*body)[q1] == '"') {
        const auto q2 = body->find('"', q1 + 1);
        token = body->substr(q1 + 1, q2 - q1 - 1);
      }
    }
    if (token.empty()) break;
  }
  return out;
}

core::Result<std::vector<engine::Event>> AlpacaRestClient::news(
    const std::vector<std::string>& symbols, core::Timestamp start, core::Timestamp end) {
  std::vector<engine::Event> out;
  std::string token;
  const bool all = symbols.empty() || (symbols.size() == 1 && symbols[0] == "*");
  for (int page = 0; page < 100; ++page) {
    std::string q = fmt::format("/v1beta1/news?start={}&end={}&limit=50&sort=asc",
                                url_encode(rfc3339(start)), url_encode(rfc3339(end)));
    if (!all) q += "&symbols=" + url_encode(join(symbols));
    if (!token.empty()) q += "&page_token=" + url_encode(token);
    auto body = get(q);
    if (!body) return std::unexpected(body.error());
    auto next = json_.decode_news_page(*body, clock_.now(), out);
    if (!next) return std::unexpected(next.error());
    token = *next;
    if (token.empty()) break;
  }
  return out;
}

AlpacaStreamProtocol::AlpacaStreamProtocol(AlpacaStream kind, AlpacaDataConfig cfg,
                                           AlpacaCredentials creds,
                                           model::InstrumentRegistry& registry,
                                           AlpacaRestClient* rest)
    : kind_(kind),
      cfg_(std::move(cfg)),
      creds_(std::move(creds)),
      rest_(rest),
      json_(registry, kind == AlpacaStream::kNews ? "alpaca.news" : "alpaca.stocks"),
      msgpack_(registry, "alpaca.options") {}

std::string AlpacaStreamProtocol::feed_name() const {
  switch (kind_) {
    case AlpacaStream::kStocks:
      return "alpaca.stocks";
    case AlpacaStream::kOptions:
      return "alpaca.options";
    case AlpacaStream::kNews:
      return "alpaca.news";
  }
  return "alpaca";
}

std::string AlpacaStreamProtocol::url() const {
  switch (kind_) {
    case AlpacaStream::kStocks:
      return cfg_.stream_base + "/v2/" + cfg_.stock_feed;
    case AlpacaStream::kOptions:
      return cfg_.stream_base + "/v1beta1/" + cfg_.option_feed;
    case AlpacaStream::kNews:
      return cfg_.stream_base + "/v1beta1/news";
  }
  return {};
}

std::uint16_t AlpacaStreamProtocol::record_channel() const {
  return static_cast<std::uint16_t>(0x0A01 + static_cast<int>(kind_));
}

core::Result<std::vector<ControlMessage>> AlpacaStreamProtocol::controls(const net::WsFrame& f) {
  return kind_ == AlpacaStream::kOptions ? msgpack_.controls(f.data) : json_.controls(f.data);
}

core::Status AlpacaStreamProtocol::send(net::WebSocketClient& ws, const std::string& msg) {
  if (kind_ == AlpacaStream::kOptions) return ws.send_binary(std::as_bytes(std::span(msg)));
  return ws.send_text(msg);
}

core::Status AlpacaStreamProtocol::handshake(net::WebSocketClient& ws, core::Duration timeout) {
  const auto name = feed_name();
  // Waits for a control message of `type`/`msg`; an "error" fails the login.
  auto expect = [&](std::string_view msg) -> core::Status {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      auto f = ws.read(
          std::chrono::duration_cast<core::Duration>(until - std::chrono::steady_clock::now()));
      if (!f) return std::unexpected(f.error().with_context(name + " login"));
      auto cs = controls(*f);
      if (!cs) return std::unexpected(cs.error());
      for (const auto& c : *cs) {
        if (c.type == "error") {
          const auto code = (c.code == 401 || c.code == 402 || c.code == 403) ? ErrorCode::kAuth
                            : c.code == 406                                   ? ErrorCode::kRejected
                                            : ErrorCode::kTransport;
          return core::fail(code, "{}: login refused: {} {}{}", name, c.code, c.msg,
                            c.code == 406 ? " (one connection per account and stream)" : "");
        }
        if (c.type == "success" && c.msg == msg) return core::ok();
      }
    }
    return core::fail(ErrorCode::kTimeout, "{}: no '{}' within the login deadline", name, msg);
  };
  if (auto s = expect("connected"); !s) return s;
  const auto auth = kind_ == AlpacaStream::kOptions ? msgpack_auth(creds_.key_id, creds_.secret)
                                                    : json_auth(creds_.key_id, creds_.secret);
  if (auto s = send(ws, auth); !s) return s;
  if (auto s = expect("authenticated"); !s) return s;
  std::vector<std::pair<std::string, std::vector<std::string>>> ch;
  if (kind_ == AlpacaStream::kStocks) {
    ch = {{"trades", cfg_.trades},
          {"quotes", cfg_.quotes},
          {"bars", cfg_.bars},
          {"updatedBars", cfg_.bars},
          {"statuses", cfg_.statuses}};
  } else if (kind_ == AlpacaStream::kOptions) {
    ch = {{"trades", cfg_.option_trades}, {"quotes", cfg_.option_quotes}};
  } else {
    ch = {{"news", cfg_.news}};
  }
  const auto sub = kind_ == AlpacaStream::kOptions ? msgpack_subscribe("subscribe", ch)
                                                   : json_subscribe("subscribe", ch);
  return send(ws, sub);
}

core::Status AlpacaStreamProtocol::decode(const net::WsFrame& frame, core::Timestamp ts_recv,
                                          std::vector<engine::Event>& out) {
  if (kind_ == AlpacaStream::kOptions) return msgpack_.decode(frame.data, ts_recv, out);
  return json_.decode(frame.data, ts_recv, out);
}

core::Result<net::BackfillResult> AlpacaStreamProtocol::backfill(core::Timestamp from,
                                                                 core::Timestamp to) {
  if (!rest_) return net::FeedProtocol::backfill(from, to);
  net::BackfillResult r;
  const auto span = fmt::format("{}..{}", core::to_iso8601(from), core::to_iso8601(to));
  if (kind_ == AlpacaStream::kStocks) {
    auto bars = rest_->bars(cfg_.bars, from, to);
    if (!bars) return std::unexpected(bars.error());
    r.events = std::move(*bars);
    std::vector<std::string> tq = cfg_.trades;
    tq.insert(tq.end(), cfg_.quotes.begin(), cfg_.quotes.end());
    if (!tq.empty()) {
      r.unfilled = fmt::format("{}: trades/quotes of {} not backfilled", span, join(tq));
      if (!cfg_.quotes.empty()) {
        auto q = rest_->latest_quotes(cfg_.quotes);
        if (q) {
          r.events.insert(r.events.end(), q->begin(), q->end());
          r.unfilled += " (latest quotes refreshed)";
        }
      }
    }
  } else if (kind_ == AlpacaStream::kNews) {
    auto n = rest_->news(cfg_.news, from, to);
    if (!n) return std::unexpected(n.error());
    r.events = std::move(*n);
  } else {
    r.unfilled = fmt::format("{}: option trades/quotes not backfilled", span);
    for (const auto& u : cfg_.option_underlyings) {
      auto q = rest_->option_snapshots(u);
      if (!q) return std::unexpected(q.error());
      r.events.insert(r.events.end(), q->begin(), q->end());
    }
    if (!cfg_.option_underlyings.empty()) r.unfilled += " (snapshot quotes refreshed)";
  }
  return r;
}

data::WireDecoder alpaca_wire_decoder(model::InstrumentRegistry& registry) {
  auto stocks = std::make_shared<AlpacaJsonDecoder>(registry, "alpaca.stocks");
  auto news = std::make_shared<AlpacaJsonDecoder>(registry, "alpaca.news");
  auto options = std::make_shared<AlpacaMsgpackDecoder>(registry, "alpaca.options");
  return [stocks, news, options](std::uint16_t channel, core::Timestamp ts_recv,
                                 std::span<const std::byte> bytes,
                                 std::vector<engine::Event>& out) -> core::Status {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    switch (channel) {
      case 0x0A01:
        return stocks->decode(text, ts_recv, out);
      case 0x0A02:
        return options->decode(text, ts_recv, out);
      case 0x0A03:
        return news->decode(text, ts_recv, out);
      default:
        return core::fail(ErrorCode::kInvalid, "alpaca recording: unknown channel {:#06x}",
                          channel);
    }
  };
}

}  // namespace zerodte::adapters::alpaca
