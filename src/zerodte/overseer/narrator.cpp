#include "zerodte/overseer/narrator.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "zerodte/publish/json_text.hpp"

namespace zerodte::overseer {
namespace {
constexpr std::string_view kRegimeSystem =
    "You write the market regime paragraph of an options trading report for subscribers. "
    "Use only the facts given. Three sentences at most, plain text, no advice, no emojis.";
constexpr std::string_view kRationaleSystem =
    "You explain in one or two plain sentences why an automated options trading system took or "
    "refused a trade. Use only the facts given; do not invent numbers.";

}  // namespace

std::string template_regime_narrative(const ReportData& d) {
  std::string s;
  if (d.open > 0) {
    const double chg = (d.spot - d.open) / d.open * 100;
    s = fmt::format(
        "{} opened at {:.2f} and {} at {:.2f} ({:+.2f}%), trading between {:.2f} and "
        "{:.2f}.",
        d.symbol, d.open, d.type == ReportType::kClose ? "closed" : "is", d.spot, chg, d.low,
        d.high);
  } else {
    s = fmt::format("No {} prices were seen yet.", d.symbol);
  }
  s += fmt::format(" The regime reads {}.", d.regime.empty() ? "unclassified" : d.regime);
  const double gex = d.total_gex();
  if (!d.gex.empty()) {
    const auto wall =
        std::max_element(d.gex.begin(), d.gex.end(),
                         [](const auto& a, const auto& b) { return a.call_gex < b.call_gex; });
    const auto floor =
        std::max_element(d.gex.begin(), d.gex.end(),
                         [](const auto& a, const auto& b) { return a.put_gex < b.put_gex; });
    s += fmt::format(
        " Net gamma exposure of the {} expiry is {:.1f}M per 1% move, with the call wall at {:.0f} "
        "and the put wall at {:.0f}.",
        d.expiry.to_string(), gex / 1e6, wall->strike, floor->strike);
  }
  return s;
}

std::string template_rationale(const ExplanationRecord& r) {
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i)
      s += (i == 0 ? "" : i + 1 == v.size() ? " and " : ", ") + v[i];
    return s;
  };
  std::string who = r.strategy.empty() ? "The system" : r.strategy;
  std::string what = r.symbol.empty() ? "" : " on " + r.symbol;
  switch (r.kind) {
    case ExplanationKind::kTrade: {
      std::string s = fmt::format("{} traded{} because of {} (confidence {:.0f}%)", who, what,
                                  r.triggered_by.empty() ? "its signal" : join(r.triggered_by),
                                  r.confidence * 100);
      if (!r.risk_factors.empty()) s += fmt::format("; risk factors: {}", join(r.risk_factors));
      return s + ".";
    }
    case ExplanationKind::kReject:
      return fmt::format("{}'s order{} was rejected: {}{}{}.", who, what, r.rejected_because,
                         r.details.empty() ? "" : " - ", r.details);
    case ExplanationKind::kSuppression:
      return fmt::format("{} held back a signal{}: {}{}{}.", who, what, r.rejected_because,
                         r.details.empty() ? "" : " - ", r.details);
    case ExplanationKind::kAnomaly:
    case ExplanationKind::kAutoAction:
    case ExplanationKind::kReversal:
      return r.details.empty() ? r.narrative : r.details;
  }
  return r.details;
}

Narrator::Narrator(std::optional<sentiment::LlmConfig> llm) : llm_(std::move(llm)) {
  if (llm_ && !llm_->api_key_env.empty()) {
    if (const char* k = std::getenv(llm_->api_key_env.c_str())) api_key_ = k;
  }
}

core::Result<std::string> Narrator::ask(const std::string& system, const std::string& facts) {
  using publish::json_string;
  sentiment::HttpRequest req;
  req.method = "POST";
  req.headers.emplace_back("Content-Type", "application/json");
  const bool anthropic = llm_->api == sentiment::LlmApi::kAnthropic;
  if (anthropic) {
    req.url = llm_->base_url + "/messages";
    req.headers.emplace_back("anthropic-version", "2023-06-01");
    if (!api_key_.empty()) req.headers.emplace_back("x-api-key", api_key_);
    req.body = fmt::format(
        R"({{"model":{},"max_tokens":{},"system":{},"messages":[{{"role":"user","content":{}}}]}})",
        json_string(llm_->model), llm_->max_tokens, json_string(system), json_string(facts));
  } else {
    req.url = llm_->base_url + "/chat/completions";
    if (!api_key_.empty()) req.headers.emplace_back("Authorization", "Bearer " + api_key_);
    req.body = fmt::format(
        R"({{"model":{},"max_tokens":{},"temperature":0,"messages":[{{"role":"system","content":{}}},)"
        R"({{"role":"user","content":{}}}]}})",
        json_string(llm_->model), llm_->max_tokens, json_string(system), json_string(facts));
  }
  sentiment::HttpOptions opt;
  opt.timeout = llm_->timeout;
  auto r = sentiment::http_request(req, opt);
  if (!r) return std::unexpected(r.error());
  if (r->status < 200 || r->status >= 300)
    return std::unexpected(sentiment::status_error("narrative LLM", *r));
  boost::system::error_code ec;
  auto v = boost::json::parse(r->body, ec);
  if (ec || !v.is_object()) {
    return core::fail(core::ErrorCode::kParse, "narrative LLM: answer is not a JSON object");
  }
  const boost::json::value* text = nullptr;
  if (anthropic) {
    if (auto* c = v.as_object().if_contains("content");
        c && c->is_array() && !c->as_array().empty())
      if (auto* o = c->as_array()[0].if_object()) text = o->if_contains("text");
  } else {
    if (auto* c = v.as_object().if_contains("choices");
        c && c->is_array() && !c->as_array().empty())
      if (auto* o = c->as_array()[0].if_object())
        if (auto* m = o->if_contains("message"); m && m->is_object())
          text = m->as_object().if_contains("content");
  }
  if (text == nullptr || !text->is_string() || text->as_string().empty()) {
    return core::fail(core::ErrorCode::kParse, "narrative LLM: no text in the answer");
  }
  return std::string(text->as_string());
}

std::string Narrator::regime(const ReportData& d) {
  const std::string fallback = template_regime_narrative(d);
  if (!llm_) return fallback;
  auto r = ask(std::string(kRegimeSystem), "Facts: " + fallback);
  if (!r) {
    ++fallbacks_;
    last_error_ = r.error().message;
    return fallback;
  }
  ++llm_answers_;
  return *r;
}

std::string Narrator::rationale(const ExplanationRecord& rec) {
  const std::string fallback = template_rationale(rec);
  if (!llm_) return fallback;
  auto r = ask(std::string(kRationaleSystem), "Record: " + rec.to_json());
  if (!r) {
    ++fallbacks_;
    last_error_ = r.error().message;
    return fallback;
  }
  ++llm_answers_;
  return *r;
}

}  // namespace zerodte::overseer
