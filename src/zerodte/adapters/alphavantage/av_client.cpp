#include "zerodte/adapters/alphavantage/av_client.hpp"

#include <simdjson.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "zerodte/core/time_zone.hpp"
#include "zerodte/data/vendor_chains.hpp"

namespace zerodte::adapters::alphavantage {

namespace dom = simdjson::dom;
using core::ErrorCode;

namespace {

core::Result<dom::element> parse(dom::parser& p, const simdjson::padded_string& s,
                                 std::string_view source) {
  dom::element root;
  if (auto err = p.parse(s).get(root); err)
    return core::fail(ErrorCode::kParse, "{}: malformed JSON: {}", source,
                      simdjson::error_message(err));
  return root;
}

bool to_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

std::string iana(std::string_view tz) {
  if (tz.starts_with("US/Eastern") || tz.empty()) return "America/New_York";
  if (tz == "UTC") return "UTC";
  return std::string(tz);
}

// "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DD" in `tz`.
core::Result<core::Timestamp> local_time(std::string_view text, const std::string& tz) {
  auto d = core::Date::parse(text.substr(0, 10));
  if (!d) return std::unexpected(d.error());
  core::TimeOfDay t{};
  if (text.size() > 11) {
    auto tt = core::TimeOfDay::parse(text.substr(11));
    if (!tt) return std::unexpected(tt.error());
    t = *tt;
  }
  return core::local_to_utc(tz, *d, t);
}

}  // namespace

core::Status check_av_payload(std::string_view body, std::string_view source) {
  dom::parser p;
  const simdjson::padded_string s(body);
  auto root = parse(p, s, source);
  if (!root) return std::unexpected(root.error());
  dom::object o;
  if (root->get_object().get(o) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: not a JSON object", source);
  std::string_view msg;
  for (const char* k : {"Information", "Note"}) {
    if (o[k].get_string().get(msg) == simdjson::SUCCESS)
      return core::fail(ErrorCode::kRateLimited, "{}: {}", source, msg.substr(0, 160));
  }
  if (o["Error Message"].get_string().get(msg) == simdjson::SUCCESS)
    return core::fail(ErrorCode::kRejected, "{}: {}", source, msg.substr(0, 160));
  return core::ok();
}

core::Result<std::vector<model::Bar>> parse_intraday(std::string_view body,
                                                     model::InstrumentRegistry& registry,
                                                     core::Timestamp ts_recv,
                                                     std::string_view source) {
  if (auto st = check_av_payload(body, source); !st) return std::unexpected(st.error());
  dom::parser p;
  const simdjson::padded_string s(body);
  auto root = parse(p, s, source);
  if (!root) return std::unexpected(root.error());
  dom::object meta, series;
  if ((*root)["Meta Data"].get_object().get(meta) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: no \"Meta Data\"", source);
  std::string_view symbol, interval, tz;
  if (meta["2. Symbol"].get_string().get(symbol) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: Meta Data has no \"2. Symbol\"", source);
  if (meta["4. Interval"].get_string().get(interval) != simdjson::SUCCESS) interval = "1min";
  if (meta["6. Time Zone"].get_string().get(tz) != simdjson::SUCCESS) tz = "US/Eastern";
  const std::string key = fmt::format("Time Series ({})", interval);
  if ((*root)[key].get_object().get(series) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: no \"{}\"", source, key);
  std::int32_t secs = 60;
  if (interval.ends_with("min")) {
    int m = 1;
    std::from_chars(interval.data(), interval.data() + interval.size() - 3, m);
    secs = m * 60;
  }
  auto id = registry.intern_us_symbol(symbol);
  if (!id) return std::unexpected(id.error().with_context(source));
  const auto zone = iana(tz);
  std::vector<model::Bar> out;
  for (auto [when, v] : series) {
    auto ctx = [&](std::string_view f) { return fmt::format("{} \"{}\".\"{}\"", source, when, f); };
    model::Bar b;
    b.hdr.instrument = *id;
    b.hdr.ts_recv = ts_recv;
    b.interval_s = secs;
    auto t = local_time(when, zone);
    if (!t) return std::unexpected(t.error().with_context(ctx("time")));
    b.hdr.ts_event = *t;
    dom::object o;
    if (v.get_object().get(o) != simdjson::SUCCESS)
      return core::fail(ErrorCode::kParse, "{}: not an object", ctx(""));
    struct F {
      const char* key;
      core::Price* out;
    };
    for (F f : {F{"1. open", &b.open}, F{"2. high", &b.high}, F{"3. low", &b.low},
                F{"4. close", &b.close}}) {
      std::string_view text;
      if (o[f.key].get_string().get(text) != simdjson::SUCCESS)
        return core::fail(ErrorCode::kParse, "{}: missing", ctx(f.key));
      auto px = core::Price::parse(text);
      if (!px) return std::unexpected(px.error().with_context(ctx(f.key)));
      *f.out = *px;
    }
    std::string_view vol;
    if (o["5. volume"].get_string().get(vol) != simdjson::SUCCESS ||
        std::from_chars(vol.data(), vol.data() + vol.size(), b.volume).ec != std::errc{})
      return core::fail(ErrorCode::kParse, "{}: missing or not an integer", ctx("5. volume"));
    if (b.low > b.high) return core::fail(ErrorCode::kParse, "{}: low above high", ctx("3. low"));
    out.push_back(b);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.hdr.ts_event < b.hdr.ts_event; });
  return out;
}

core::Result<IndicatorSeries> parse_indicator(std::string_view body, std::string_view source) {
  if (auto st = check_av_payload(body, source); !st) return std::unexpected(st.error());
  dom::parser p;
  const simdjson::padded_string s(body);
  auto root = parse(p, s, source);
  if (!root) return std::unexpected(root.error());
  IndicatorSeries out;
  dom::object top;
  if (root->get_object().get(top) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: not a JSON object", source);
  std::string tz = "America/New_York";
  for (auto [k, v] : top) {
    if (k == "Meta Data") {
      dom::object meta;
      if (v.get_object().get(meta) != simdjson::SUCCESS) continue;
      for (auto [mk, mv] : meta) {
        std::string_view text;
        if (mv.get_string().get(text) != simdjson::SUCCESS) continue;
        if (mk.ends_with("Symbol")) out.symbol = std::string(text);
        if (mk.ends_with("Indicator")) out.function = std::string(text);
        if (mk.ends_with("Time Zone")) tz = iana(text);
      }
      continue;
    }
    if (!k.starts_with("Technical Analysis: ")) continue;
    if (out.function.empty()) out.function = std::string(k.substr(20));
    dom::object series;
    if (v.get_object().get(series) != simdjson::SUCCESS)
      return core::fail(ErrorCode::kParse, "{}: \"{}\" is not an object", source, k);
    for (auto [when, vals] : series) {
      IndicatorPoint pt;
      auto t = local_time(when, tz);
      if (!t)
        return std::unexpected(t.error().with_context(fmt::format("{} \"{}\"", source, when)));
      pt.ts = *t;
      dom::object o;
      if (vals.get_object().get(o) != simdjson::SUCCESS)
        return core::fail(ErrorCode::kParse, "{} \"{}\": not an object", source, when);
      for (auto [name, val] : o) {
        std::string_view text;
        double d = 0;
        if (val.get_string().get(text) != simdjson::SUCCESS || !to_double(text, d))
          return core::fail(ErrorCode::kParse, "{} \"{}\".\"{}\": not a number", source, when,
                            name);
        pt.values.emplace(std::string(name), d);
      }
      out.points.push_back(std::move(pt));
    }
  }
  if (out.points.empty() && out.function.empty())
    return core::fail(ErrorCode::kParse, "{}: no \"Technical Analysis: ...\" series", source);
  std::sort(out.points.begin(), out.points.end(),
            [](const auto& a, const auto& b) { return a.ts < b.ts; });
  return out;
}

core::Result<MacroSeries> parse_macro(std::string_view body, std::string_view source) {
  if (auto st = check_av_payload(body, source); !st) return std::unexpected(st.error());
  dom::parser p;
  const simdjson::padded_string s(body);
  auto root = parse(p, s, source);
  if (!root) return std::unexpected(root.error());
  MacroSeries out;
  std::string_view text;
  if ((*root)["name"].get_string().get(text) == simdjson::SUCCESS) out.name = std::string(text);
  if ((*root)["interval"].get_string().get(text) == simdjson::SUCCESS)
    out.interval = std::string(text);
  if ((*root)["unit"].get_string().get(text) == simdjson::SUCCESS) out.unit = std::string(text);
  dom::array data;
  if ((*root)["data"].get_array().get(data) != simdjson::SUCCESS)
    return core::fail(ErrorCode::kParse, "{}: no \"data\" array", source);
  std::size_t i = 0;
  for (dom::element e : data) {
    std::string_view date, value;
    if (e["date"].get_string().get(date) != simdjson::SUCCESS ||
        e["value"].get_string().get(value) != simdjson::SUCCESS)
      return core::fail(ErrorCode::kParse, "{} data[{}]: needs \"date\" and \"value\"", source, i);
    auto d = core::Date::parse(date);
    if (!d) return std::unexpected(d.error().with_context(fmt::format("{} data[{}]", source, i)));
    MacroPoint pt{*d, 0};
    if (value == ".") {  // FRED-style missing value
      ++i;
      continue;
    }
    if (!to_double(value, pt.value))
      return core::fail(ErrorCode::kParse, "{} data[{}].value: '{}' is not a number", source, i,
                        value);
    out.points.push_back(pt);
    ++i;
  }
  std::sort(out.points.begin(), out.points.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

core::Result<std::string> av_key_from_env(const AvConfig& cfg) {
  const char* k = std::getenv(cfg.api_key_env.c_str());
  if (!k || !*k)
    return core::fail(ErrorCode::kConfig, "AlphaVantage: environment variable {} is not set",
                      cfg.api_key_env);
  return std::string(k);
}

AvClient::AvClient(AvConfig cfg, std::string api_key, model::InstrumentRegistry& registry,
                   const core::Clock& clock, net::RestOptions opt)
    : cfg_(std::move(cfg)),
      key_(std::move(api_key)),
      registry_(registry),
      clock_(clock),
      opt_(std::move(opt)) {}

core::Result<AvResult> AvClient::fetch(const AvCall& call) {
  std::string url = cfg_.base_url + "/query?function=" + call.function;
  if (!call.symbol.empty()) url += "&symbol=" + call.symbol;
  for (const auto& [k, v] : call.params)
    url += "&" + k + "=" + v;
  url += "&apikey=" + key_;
  const auto source = fmt::format("alphavantage {} {}", call.function, call.symbol);
  const auto t0 = clock_.now();
  auto body = net::rest_get(url, {}, opt_, backoff_, &stats_);
  if (!body) return std::unexpected(body.error());
  AvResult r;
  r.call = call;
  r.latency = clock_.now() - t0;
  const auto now = clock_.now();
  if (call.function == "REALTIME_OPTIONS" || call.function == "HISTORICAL_OPTIONS") {
    if (auto st = check_av_payload(*body, source); !st) return std::unexpected(st.error());
    auto q = data::parse_chain_snapshot(*body, source, registry_, now);
    if (!q) return std::unexpected(q.error());
    for (auto& oq : *q) {
      oq.hdr.ts_recv = now;
      r.events.emplace_back(oq);
    }
  } else if (call.function.starts_with("TIME_SERIES_INTRADAY")) {
    auto bars = parse_intraday(*body, registry_, now, source);
    if (!bars) return std::unexpected(bars.error());
    for (const auto& b : *bars)
      r.events.emplace_back(b);
  } else if (call.symbol.empty()) {
    auto m = parse_macro(*body, source);
    if (!m) return std::unexpected(m.error());
    r.macro = std::move(*m);
  } else {
    auto ind = parse_indicator(*body, source);
    if (!ind) return std::unexpected(ind.error());
    r.indicator = std::move(*ind);
  }
  return r;
}

std::vector<AvResult> AvClient::poll(AvScheduler& scheduler) {
  std::vector<AvResult> out;
  for (const auto& call : scheduler.due(clock_.now())) {
    auto r = fetch(call);
    if (r) {
      out.push_back(std::move(*r));
      continue;
    }
    ++errors_;
    if (r.error().code == ErrorCode::kRateLimited) {
      ++rate_limited_;
      scheduler.throttle(clock_.now(), std::chrono::minutes(1));
    }
  }
  return out;
}

}  // namespace zerodte::adapters::alphavantage
