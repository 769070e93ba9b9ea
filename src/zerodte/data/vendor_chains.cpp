#include "zerodte/data/vendor_chains.hpp"

#include <simdjson.h>

#include <fmt/format.h>
#include <cmath>

namespace zerodte::data {

using core::ErrorCode;
using simdjson::dom::element;

std::string_view to_string(ChainVendor v) {
  switch (v) {
    case ChainVendor::kPolygon:
      return "polygon";
    case ChainVendor::kAlpaca:
      return "alpaca";
    case ChainVendor::kTradier:
      return "tradier";
    case ChainVendor::kAlphaVantage:
      return "alphavantage";
  }
  return "?";
}

namespace {

core::Result<element> parse(simdjson::dom::parser& p, const simdjson::padded_string& s,
                            std::string_view source) {
  element doc;
  if (auto err = p.parse(s).get(doc); err != simdjson::SUCCESS) {
    return core::fail(ErrorCode::kParse, "{}: invalid JSON: {}", source,
                      simdjson::error_message(err));
  }
  return doc;
}

ChainVendor classify(const element& doc, bool& ok) {
  ok = true;
  if (doc.is_object()) {
    if (!doc["results"].error()) return ChainVendor::kPolygon;
    if (!doc["snapshots"].error()) return ChainVendor::kAlpaca;
    if (!doc["options"].error()) return ChainVendor::kTradier;
    if (!doc["data"].error()) return ChainVendor::kAlphaVantage;
  }
  ok = false;
  return ChainVendor::kPolygon;
}

// A number that may be sent as a JSON number or a numeric string (AlphaVantage); NaN if absent.
double num(const element& e, std::string_view key) {
  auto v = e[key];
  if (v.error()) return std::nan("");
  double d = 0;
  if (!v.get_double().get(d)) return d;
  std::string_view s;
  if (!v.get_string().get(s)) {
    try {
      return std::stod(std::string(s));
    } catch (...) {
      return std::nan("");
    }
  }
  return std::nan("");
}

core::Price price(double v) {
  if (!std::isfinite(v) || v < 0) return core::Price::undefined();
  auto p = core::Price::from_double(v);
  return p ? *p : core::Price::undefined();
}

std::int64_t count(double v) {
  return std::isfinite(v) && v > 0 ? std::llround(v) : 0;
}

struct Builder {
  std::string_view source;
  model::InstrumentRegistry& registry;
  std::vector<model::OptionQuote> out;

  core::Status add(std::string_view occ, std::string_view path, core::Timestamp ts, double bid,
                   double ask, double bid_sz, double ask_sz, double last, double volume, double oi,
                   double underlying, double iv, double delta, double gamma, double theta,
                   double vega, double rho) {
    auto id = registry.intern_option(occ);
    if (!id) return std::unexpected(id.error().with_context(fmt::format("{}: {}", source, path)));
    model::OptionQuote q{};
    q.hdr = model::EventHeader{*id, ts, ts};
    q.bid = price(bid);
    q.ask = price(ask);
    q.last = price(last);
    q.bid_size = count(bid_sz);
    q.ask_size = count(ask_sz);
    q.volume = count(volume);
    q.open_interest = count(oi);
    q.underlying_price = price(underlying);
    auto z = [](double x) { return std::isfinite(x) ? x : 0.0; };
    q.has_greeks = std::isfinite(delta) || std::isfinite(iv);
    q.greeks = model::VendorGreeks{z(iv), z(delta), z(gamma), z(theta), z(vega), z(rho)};
    out.push_back(q);
    return core::ok();
  }
};

core::Timestamp iso_or(const element& e, std::string_view key, core::Timestamp dflt) {
  std::string_view s;
  if (e[key].get_string().get(s)) return dflt;
  auto t = core::parse_iso8601(s);
  return t ? *t : dflt;
}

core::Status polygon_one(Builder& b, const element& r, std::string_view path,
                         core::Timestamp as_of) {
  std::string_view ticker;
  if (r["details"]["ticker"].get_string().get(ticker)) {
    return core::fail(ErrorCode::kParse, "{}: {}.details.ticker: missing", b.source, path);
  }
  const element q = r["last_quote"].error() ? r : r["last_quote"].value_unsafe();
  core::Timestamp ts = as_of;
  std::int64_t ns = 0;
  if (!r["last_quote"].error() && !r["last_quote"]["last_updated"].get_int64().get(ns)) {
    ts = core::Timestamp{ns};
  }
  const element g = r["greeks"].error() ? r : r["greeks"].value_unsafe();
  const bool has_g = !r["greeks"].error();
  const double nan = std::nan("");
  return b.add(
      ticker, path, ts, num(q, "bid"), num(q, "ask"), num(q, "bid_size"), num(q, "ask_size"),
      r["last_trade"].error() ? nan : num(r["last_trade"].value_unsafe(), "price"),
      r["day"].error() ? nan : num(r["day"].value_unsafe(), "volume"), num(r, "open_interest"),
      r["underlying_asset"].error() ? nan : num(r["underlying_asset"].value_unsafe(), "price"),
      num(r, "implied_volatility"), has_g ? num(g, "delta") : nan, has_g ? num(g, "gamma") : nan,
      has_g ? num(g, "theta") : nan, has_g ? num(g, "vega") : nan, nan);
}

}  // namespace

core::Result<ChainVendor> detect_chain_vendor(std::string_view json, std::string_view source) {
  simdjson::dom::parser p;
  const simdjson::padded_string s(json);
  auto doc = parse(p, s, source);
  if (!doc) return std::unexpected(doc.error());
  bool ok = false;
  const ChainVendor v = classify(*doc, ok);
  if (!ok) {
    return core::fail(ErrorCode::kParse,
                      "{}: not an option-chain snapshot (no results/snapshots/options/data key)",
                      source);
  }
  return v;
}

core::Result<std::vector<model::OptionQuote>> parse_chain_snapshot(
    std::string_view json, std::string_view source, model::InstrumentRegistry& registry,
    core::Timestamp as_of) {
  simdjson::dom::parser p;
  const simdjson::padded_string s(json);
  auto doc = parse(p, s, source);
  if (!doc) return std::unexpected(doc.error());
  bool ok = false;
  const ChainVendor vendor = classify(*doc, ok);
  if (!ok) {
    return core::fail(ErrorCode::kParse,
                      "{}: not an option-chain snapshot (no results/snapshots/options/data key)",
                      source);
  }
  Builder b{source, registry, {}};
  const double nan = std::nan("");
  switch (vendor) {
    case ChainVendor::kPolygon: {
      const element res = (*doc)["results"].value_unsafe();
      if (res.is_array()) {
        std::size_t i = 0;
        simdjson::dom::array arr;
        if (res.get_array().get(arr) != simdjson::SUCCESS) break;
        for (element r : arr) {
          if (auto st = polygon_one(b, r, fmt::format("results[{}]", i++), as_of); !st) {
            return std::unexpected(st.error());
          }
        }
      } else if (res.is_object()) {
        if (auto st = polygon_one(b, res, "results", as_of); !st)
          return std::unexpected(st.error());
      } else {
        return core::fail(ErrorCode::kParse, "{}: results: expected an array or object", source);
      }
      break;
    }
    case ChainVendor::kAlpaca: {
      simdjson::dom::object snaps;
      if ((*doc)["snapshots"].get_object().get(snaps)) {
        return core::fail(ErrorCode::kParse, "{}: snapshots: expected an object", source);
      }
      for (auto [sym, snap] : snaps) {
        const std::string path = fmt::format("snapshots.{}", sym);
        const bool hq = !snap["latestQuote"].error();
        const element q = hq ? snap["latestQuote"].value_unsafe() : snap;
        const bool ht = !snap["latestTrade"].error();
        const bool hg = !snap["greeks"].error();
        const element g = hg ? snap["greeks"].value_unsafe() : snap;
        const core::Timestamp ts = hq ? iso_or(q, "t", as_of) : as_of;
        auto st = b.add(sym, path, ts, hq ? num(q, "bp") : nan, hq ? num(q, "ap") : nan,
                        hq ? num(q, "bs") : nan, hq ? num(q, "as") : nan,
                        ht ? num(snap["latestTrade"].value_unsafe(), "p") : nan, nan, nan, nan,
                        num(snap, "impliedVolatility"), hg ? num(g, "delta") : nan,
                        hg ? num(g, "gamma") : nan, hg ? num(g, "theta") : nan,
                        hg ? num(g, "vega") : nan, hg ? num(g, "rho") : nan);
        if (!st) return std::unexpected(st.error());
      }
      break;
    }
    case ChainVendor::kTradier: {
      auto opt = (*doc)["options"]["option"];
      if (opt.error()) break;  // "options": null -> empty chain
      std::vector<element> rows;
      if (opt.is_array()) {
        simdjson::dom::array arr;
        if (opt.get_array().get(arr) != simdjson::SUCCESS) break;
        for (element r : arr)
          rows.push_back(r);
      } else {
        rows.push_back(opt.value_unsafe());
      }
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const element& r = rows[i];
        const std::string path = fmt::format("options.option[{}]", i);
        std::string_view sym;
        if (r["symbol"].get_string().get(sym)) {
          return core::fail(ErrorCode::kParse, "{}: {}.symbol: missing", source, path);
        }
        const bool hg = !r["greeks"].error() && r["greeks"].is_object();
        const element g = hg ? r["greeks"].value_unsafe() : r;
        core::Timestamp ts = as_of;
        std::int64_t ms = 0;
        if (!r["trade_date"].get_int64().get(ms) && ms > 0) ts = core::Timestamp{ms * 1'000'000};
        auto st = b.add(
            sym, path, ts, num(r, "bid"), num(r, "ask"), num(r, "bidsize"), num(r, "asksize"),
            num(r, "last"), num(r, "volume"), num(r, "open_interest"), nan,
            hg ? num(g, "mid_iv") : nan, hg ? num(g, "delta") : nan, hg ? num(g, "gamma") : nan,
            hg ? num(g, "theta") : nan, hg ? num(g, "vega") : nan, hg ? num(g, "rho") : nan);
        if (!st) return std::unexpected(st.error());
      }
      break;
    }
    case ChainVendor::kAlphaVantage: {
      simdjson::dom::array rows;
      if ((*doc)["data"].get_array().get(rows)) {
        return core::fail(ErrorCode::kParse, "{}: data: expected an array", source);
      }
      std::size_t i = 0;
      for (element r : rows) {
        const std::string path = fmt::format("data[{}]", i++);
        std::string_view cid;
        if (r["contractID"].get_string().get(cid)) {
          return core::fail(ErrorCode::kParse, "{}: {}.contractID: missing", source, path);
        }
        core::Timestamp ts = as_of;
        std::string_view date;
        if (!r["date"].get_string().get(date)) {
          if (auto t = core::parse_iso8601(date)) ts = *t;
        }
        auto st = b.add(cid, path, ts, num(r, "bid"), num(r, "ask"), num(r, "bid_size"),
                        num(r, "ask_size"), num(r, "last"), num(r, "volume"),
                        num(r, "open_interest"), nan, num(r, "implied_volatility"), num(r, "delta"),
                        num(r, "gamma"), num(r, "theta"), num(r, "vega"), num(r, "rho"));
        if (!st) return std::unexpected(st.error());
      }
      break;
    }
  }
  return std::move(b.out);
}

}  // namespace zerodte::data
