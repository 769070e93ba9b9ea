#include "zerodte/adapters/polygon/polygon_feed.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "zerodte/data/vendor_chains.hpp"

namespace zerodte::adapters::polygon {

using core::ErrorCode;

core::Result<std::string> polygon_key_from_env(const PolygonConfig& cfg) {
  const char* k = std::getenv(cfg.api_key_env.c_str());
  if (!k || !*k)
    return core::fail(ErrorCode::kConfig, "Polygon: environment variable {} is not set",
                      cfg.api_key_env);
  return std::string(k);
}

std::vector<std::vector<std::string>> shard_subscriptions(const std::vector<std::string>& subs,
                                                          std::size_t max_quote_contracts) {
  const std::size_t cap = std::max<std::size_t>(max_quote_contracts, 1);
  std::vector<std::vector<std::string>> shards(1);
  std::vector<std::string> option_quotes;
  for (const auto& s : subs) {
    if (s.starts_with("Q.O:"))
      option_quotes.push_back(s);
    else
      shards[0].push_back(s);
  }
  std::size_t in_shard = 0;
  for (const auto& q : option_quotes) {
    if (in_shard == cap) {
      shards.emplace_back();
      in_shard = 0;
    }
    shards.back().push_back(q);
    ++in_shard;
  }
  return shards;
}

PolygonRestClient::PolygonRestClient(PolygonConfig cfg, std::string api_key,
                                     model::InstrumentRegistry& registry, const core::Clock& clock,
                                     net::RestOptions opt)
    : cfg_(std::move(cfg)),
      key_(std::move(api_key)),
      registry_(registry),
      clock_(clock),
      opt_(std::move(opt)),
      decoder_(registry, "polygon.rest") {}

core::Result<std::string> PolygonRestClient::get(const std::string& url) {
  return net::rest_get(url, {{"Authorization", "Bearer " + key_}, {"Accept", "application/json"}},
                       opt_, backoff_, &stats_);
}

namespace {
// next_url points at the vendor's host; keep its path and query on our configured base.
std::string rebase(const std::string& next_url, const std::string& base) {
  const auto scheme = next_url.find("://");
  if (scheme == std::string::npos) return base + next_url;
  const auto path = next_url.find('/', scheme + 3);
  return base + (path == std::string::npos ? "/" : next_url.substr(path));
}
}  // namespace

core::Result<std::vector<engine::Event>> PolygonRestClient::minute_aggs(const std::string& ticker,
                                                                        core::Timestamp from,
                                                                        core::Timestamp to) {
  std::vector<engine::Event> out;
  std::string url = fmt::format(
      "{}/v2/aggs/ticker/{}/range/1/minute/{}/{}?adjusted=true"
      "&sort=asc&limit=50000",
      cfg_.rest_base, ticker, from.ns / 1'000'000, to.ns / 1'000'000);
  for (int page = 0; page < 1000 && !url.empty(); ++page) {
    auto body = get(url);
    if (!body) return std::unexpected(body.error());
    auto next = decoder_.decode_aggs(*body, ticker, 60, clock_.now(), out);
    if (!next) return std::unexpected(next.error());
    url = next->empty() ? std::string{} : rebase(*next, cfg_.rest_base);
  }
  std::erase_if(out, [&](const engine::Event& e) {
    const auto t = engine::event_time(e);
    return t <= from || t > to;
  });
  return out;
}

core::Result<std::vector<engine::Event>> PolygonRestClient::option_snapshot(
    const std::string& underlying) {
  std::vector<engine::Event> out;
  std::string url = fmt::format("{}/v3/snapshot/options/{}?limit=250", cfg_.rest_base, underlying);
  for (int page = 0; page < 1000 && !url.empty(); ++page) {
    auto body = get(url);
    if (!body) return std::unexpected(body.error());
    auto quotes = data::parse_chain_snapshot(*body, "polygon.rest " + underlying + " snapshot",
                                             registry_, clock_.now());
    if (!quotes) return std::unexpected(quotes.error());
    for (auto& q : *quotes) {
      q.hdr.ts_recv = clock_.now();
      out.emplace_back(q);
    }
    url.clear();
    const auto k = body->find("\"next_url\"");
    if (k != std::string::npos) {
      const auto q1 = body->find('"', body->find(':', k) + 1);
      const auto q2 = body->find('"', q1 + 1);
      if (q1 != std::string::npos && q2 != std::string::npos)
        url = rebase(body->substr(q1 + 1, q2 - q1 - 1), cfg_.rest_base);
    }
  }
  return out;
}

PolygonStreamProtocol::PolygonStreamProtocol(PolygonConfig cfg, std::string api_key,
                                             std::vector<std::string> subscriptions, int shard,
                                             model::InstrumentRegistry& registry,
                                             PolygonRestClient* rest)
    : cfg_(std::move(cfg)),
      key_(std::move(api_key)),
      subs_(std::move(subscriptions)),
      shard_(shard),
      rest_(rest),
      decoder_(registry, "polygon." + cfg_.cluster) {}

std::string PolygonStreamProtocol::feed_name() const {
  return shard_ == 0 ? "polygon." + cfg_.cluster
                     : fmt::format("polygon.{}.{}", cfg_.cluster, shard_);
}
std::string PolygonStreamProtocol::url() const {
  return cfg_.stream_base + "/" + cfg_.cluster;
}
std::uint16_t PolygonStreamProtocol::record_channel() const {
  return static_cast<std::uint16_t>(0x0B00 + shard_);
}

core::Status PolygonStreamProtocol::handshake(net::WebSocketClient& ws, core::Duration timeout) {
  const auto name = feed_name();
  auto expect = [&](std::string_view want) -> core::Status {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      auto f = ws.read(
          std::chrono::duration_cast<core::Duration>(until - std::chrono::steady_clock::now()));
      if (!f) return std::unexpected(f.error().with_context(name + " login"));
      auto st = decoder_.statuses(f->data);
      if (!st) return std::unexpected(st.error());
      for (const auto& s : *st) {
        if (s.status == want) return core::ok();
        if (s.status == "auth_failed")
          return core::fail(ErrorCode::kAuth, "{}: login refused: {}", name, s.message);
        if (s.status == "max_connections" || s.status == "error")
          return core::fail(ErrorCode::kRejected, "{}: {} ({})", name, s.status, s.message);
      }
    }
    return core::fail(ErrorCode::kTimeout, "{}: no '{}' within the login deadline", name, want);
  };
  if (auto s = expect("connected"); !s) return s;
  if (auto s = ws.send_text(fmt::format(R"({{"action":"auth","params":"{}"}})", key_)); !s)
    return s;
  if (auto s = expect("auth_success"); !s) return s;
  // Subscribe in batches so no single message grows without bound.
  for (std::size_t i = 0; i < subs_.size(); i += 500) {
    std::string params;
    for (std::size_t j = i; j < std::min(subs_.size(), i + 500); ++j) {
      if (!params.empty()) params += ',';
      params += subs_[j];
    }
    if (auto s = ws.send_text(fmt::format(R"({{"action":"subscribe","params":"{}"}})", params)); !s)
      return s;
  }
  return core::ok();
}

core::Status PolygonStreamProtocol::decode(const net::WsFrame& frame, core::Timestamp ts_recv,
                                           std::vector<engine::Event>& out) {
  return decoder_.decode(frame.data, ts_recv, out);
}

core::Result<net::BackfillResult> PolygonStreamProtocol::backfill(core::Timestamp from,
                                                                  core::Timestamp to) {
  if (!rest_) return net::FeedProtocol::backfill(from, to);
  net::BackfillResult r;
  std::vector<std::string> unfilled;
  for (const auto& s : subs_) {
    if (s.starts_with("AM.") && s != "AM.*") {
      auto bars = rest_->minute_aggs(s.substr(3), from, to);
      if (!bars) return std::unexpected(bars.error());
      r.events.insert(r.events.end(), bars->begin(), bars->end());
    } else {
      unfilled.push_back(s);
    }
  }
  if (!unfilled.empty()) {
    r.unfilled = fmt::format("{}..{}: {} subscription(s) without REST backfill (first: {})",
                             core::to_iso8601(from), core::to_iso8601(to), unfilled.size(),
                             unfilled.front());
    for (const auto& u : cfg_.snapshot_underlyings) {
      auto q = rest_->option_snapshot(u);
      if (!q) return std::unexpected(q.error());
      r.events.insert(r.events.end(), q->begin(), q->end());
    }
    if (!cfg_.snapshot_underlyings.empty()) r.unfilled += " (option snapshot refreshed)";
  }
  return r;
}

data::WireDecoder polygon_wire_decoder(model::InstrumentRegistry& registry) {
  auto dec = std::make_shared<PolygonDecoder>(registry, "polygon.replay");
  return [dec](std::uint16_t channel, core::Timestamp ts_recv, std::span<const std::byte> bytes,
               std::vector<engine::Event>& out) -> core::Status {
    if ((channel & 0xFF00) != 0x0B00)
      return core::fail(ErrorCode::kInvalid, "polygon recording: unknown channel {:#06x}", channel);
    return dec->decode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                       ts_recv, out);
  };
}

}  // namespace zerodte::adapters::polygon
