#include "zerodte/data/file_sources.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/quant/cboe_quotedata.hpp"

namespace zerodte::data {

std::string symbol_from_filename(const std::string& path) {
  const std::string stem = std::filesystem::path(path).stem().string();
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : stem + "_") {
    if (c == '_' || c == '-' || c == '.' || c == ' ') {
      if (!cur.empty()) tokens.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  // The first token written in capitals ("eqker_SPY_1min" -> SPY), else the first alphabetic one.
  for (const auto& t : tokens) {
    if (t.size() <= 6 && std::all_of(t.begin(), t.end(), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) != 0;
        })) {
      return t;
    }
  }
  for (const auto& t : tokens) {
    if (std::all_of(t.begin(), t.end(),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
      std::string up;
      for (char c : t)
        up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      return up;
    }
  }
  return "BARS";
}

core::Result<std::unique_ptr<engine::EventSource>> open_bar_csv(const std::string& path,
                                                                std::string_view symbol,
                                                                model::InstrumentRegistry* registry,
                                                                std::string* report) {
  analytics::BarCsvOptions opt;
  if (registry != nullptr) {
    auto id = registry->intern_us_symbol(symbol);
    if (!id) return std::unexpected(id.error().with_context(path));
    opt.instrument = *id;
  }
  auto series = analytics::read_bar_csv(path, opt);
  if (!series) return std::unexpected(series.error());
  if (report != nullptr) *report = series->report.summary();
  std::vector<engine::Event> events;
  events.reserve(series->bars.size());
  for (const auto& b : series->bars)
    events.emplace_back(b);
  return std::unique_ptr<engine::EventSource>(
      std::make_unique<engine::VectorEventSource>(std::move(events)));
}

core::Result<std::unique_ptr<engine::EventSource>> open_cboe_quotedata(
    const std::string& path, model::InstrumentRegistry& registry, std::size_t* skipped_rows) {
  auto load = quant::load_cboe_quotedata(path);
  if (!load) return std::unexpected(load.error());
  if (skipped_rows != nullptr) *skipped_rows = load->row_errors.size();
  const auto& ch = load->chain;
  std::vector<engine::Event> events;
  events.reserve(ch.size());
  auto price = [](double v) {
    auto p = core::Price::from_double(v);
    return p && v > 0 ? *p : core::Price::undefined();
  };
  const core::Price spot = price(ch.spot);
  for (std::size_t i = 0; i < ch.size(); ++i) {
    const auto& ex = ch.expiries[ch.expiry[i]];
    auto strike = core::Price::from_double(ch.strike[i]);
    if (!strike) continue;
    auto occ = model::OccSymbol::make(
        ex.root, ex.date, ch.sign[i] > 0 ? model::OptionRight::kCall : model::OptionRight::kPut,
        *strike);
    if (!occ) return std::unexpected(occ.error().with_context(path));
    auto id = registry.intern_option(*occ);
    if (!id) return std::unexpected(id.error().with_context(path));
    model::OptionQuote q{};
    q.hdr = model::EventHeader{*id, ch.as_of, ch.as_of};
    q.bid = price(ch.bid[i]);
    q.ask = price(ch.ask[i]);
    q.last = core::Price::undefined();
    q.bid_size = 0;
    q.ask_size = 0;
    q.volume = static_cast<std::int64_t>(std::llround(ch.volume[i]));
    q.open_interest = static_cast<std::int64_t>(std::llround(ch.open_interest[i]));
    q.underlying_price = spot;
    if (ch.vendor_iv[i] > 0) {
      q.has_greeks = true;
      q.greeks.iv = ch.vendor_iv[i];
      q.greeks.delta = ch.vendor_delta[i];
      q.greeks.gamma = ch.vendor_gamma[i];
    }
    events.emplace_back(q);
  }
  return std::unique_ptr<engine::EventSource>(
      std::make_unique<engine::VectorEventSource>(std::move(events)));
}

}  // namespace zerodte::data
