#include "zerodte/sentiment/llm_scorer.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

namespace json = boost::json;

namespace {

constexpr std::string_view kSentimentPrompt =
    "You are a financial sentiment analyst for a US equity and index options desk that trades "
    "0DTE and weekly options. Rate the market sentiment that the text below expresses for the "
    "tickers or market it mentions, from the point of view of a trader deciding within minutes. "
    "Use -1 for very bearish, 0 for neutral or no market-relevant content, +1 for very bullish. "
    "Answer with ONLY one JSON object and nothing else: "
    "{\"score\": number from -1 to 1, \"label\": \"negative\" | \"neutral\" | \"positive\", "
    "\"confidence\": number from 0 to 1, \"reasoning\": one short sentence}";

constexpr std::string_view kOptionsPrompt =
    "You are an options trading analyst. From the text below, judge the likely effect on the "
    "mentioned underlying over the next hour: the direction of the move, whether implied "
    "volatility should rise or fall, and your sentiment with a confidence interval. "
    "Answer with ONLY one JSON object and nothing else: "
    "{\"score\": number from -1 to 1, \"label\": \"negative\" | \"neutral\" | \"positive\", "
    "\"confidence\": number from 0 to 1, \"direction\": \"up\" | \"down\" | \"flat\", "
    "\"volatility\": \"higher\" | \"lower\" | \"unchanged\", \"interval\": [low, high] within "
    "-1..1, "
    "\"reasoning\": one short sentence}";

core::Result<double> number_field(const json::object& o, std::string_view key, double lo,
                                  double hi) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return core::fail(core::ErrorCode::kParse, "LLM answer: missing \"{}\"", key);
  double d = 0;
  if (v->is_double())
    d = v->as_double();
  else if (v->is_int64())
    d = static_cast<double>(v->as_int64());
  else if (v->is_uint64())
    d = static_cast<double>(v->as_uint64());
  else
    return core::fail(core::ErrorCode::kParse, "LLM answer: \"{}\" is not a number", key);
  if (!(d >= lo && d <= hi)) {
    return core::fail(core::ErrorCode::kParse, "LLM answer: \"{}\" = {} outside [{}, {}]", key, d,
                      lo, hi);
  }
  return d;
}

std::string string_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

LlmConfig LlmConfig::groq_llama() {
  return LlmConfig{};
}

LlmConfig LlmConfig::claude() {
  LlmConfig c;
  c.name = "claude";
  c.api = LlmApi::kAnthropic;
  c.prompt = LlmPrompt::kOptions;
  c.base_url = "https://api.anthropic.com/v1";
  c.model = "claude-3-5-haiku-latest";
  c.api_key_env = "ANTHROPIC_API_KEY";
  c.usd_per_mtok_in = 0.80;
  c.usd_per_mtok_out = 4.00;
  return c;
}

core::Result<LlmAnswer> parse_llm_answer(std::string_view content) {
  std::string_view s = content;
  auto trim = [](std::string_view x) {
    while (!x.empty() && std::isspace(static_cast<unsigned char>(x.front())))
      x.remove_prefix(1);
    while (!x.empty() && std::isspace(static_cast<unsigned char>(x.back())))
      x.remove_suffix(1);
    return x;
  };
  s = trim(s);
  if (s.starts_with("```")) {  // one fenced block, optionally tagged json
    s.remove_prefix(3);
    if (s.starts_with("json")) s.remove_prefix(4);
    if (!s.ends_with("```"))
      return core::fail(core::ErrorCode::kParse, "LLM answer: unterminated code fence");
    s.remove_suffix(3);
    s = trim(s);
  }
  boost::system::error_code ec;
  json::value v = json::parse(s, ec);
  if (ec) {
    return core::fail(core::ErrorCode::kParse, "LLM answer is not JSON ({}): '{}'", ec.message(),
                      content.substr(0, 80));
  }
  if (!v.is_object())
    return core::fail(core::ErrorCode::kParse, "LLM answer: expected a JSON object");
  const auto& o = v.as_object();
  LlmAnswer a;
  auto score = number_field(o, "score", -1, 1);
  if (!score) return std::unexpected(score.error());
  auto conf = number_field(o, "confidence", 0, 1);
  if (!conf) return std::unexpected(conf.error());
  const auto label = parse_label(string_field(o, "label"));
  if (!label)
    return core::fail(core::ErrorCode::kParse,
                      "LLM answer: \"label\" must be negative, neutral or positive");
  if ((*label == Label::kPositive && *score < 0) || (*label == Label::kNegative && *score > 0)) {
    return core::fail(core::ErrorCode::kParse, "LLM answer: label {} contradicts score {}",
                      to_string(*label), *score);
  }
  a.result = ScoreResult{*score, *label, *conf, {}};
  a.reasoning = string_field(o, "reasoning");
  a.direction = string_field(o, "direction");
  a.volatility = string_field(o, "volatility");
  if (!a.direction.empty() && a.direction != "up" && a.direction != "down" &&
      a.direction != "flat") {
    return core::fail(core::ErrorCode::kParse, "LLM answer: bad \"direction\" '{}'", a.direction);
  }
  if (const auto* iv = o.if_contains("interval")) {
    if (!iv->is_array() || iv->as_array().size() != 2 || !iv->as_array()[0].is_number() ||
        !iv->as_array()[1].is_number()) {
      return core::fail(core::ErrorCode::kParse, "LLM answer: \"interval\" must be [low, high]");
    }
    const double lo = iv->as_array()[0].to_number<double>();
    const double hi = iv->as_array()[1].to_number<double>();
    if (!(lo <= hi && lo >= -1 && hi <= 1)) {
      return core::fail(core::ErrorCode::kParse, "LLM answer: bad interval [{}, {}]", lo, hi);
    }
    a.interval = std::pair{lo, hi};
  }
  return a;
}

LlmScorer::LlmScorer(LlmConfig cfg) : cfg_(std::move(cfg)) {
  if (!cfg_.api_key_env.empty()) {
    if (const char* k = std::getenv(cfg_.api_key_env.c_str()); k != nullptr) api_key_ = k;
  }
}

std::string LlmScorer::request_body(std::string_view text) const {
  const std::string_view system =
      cfg_.prompt == LlmPrompt::kOptions ? kOptionsPrompt : kSentimentPrompt;
  json::object body;
  body["model"] = cfg_.model;
  body["max_tokens"] = cfg_.max_tokens;
  body["temperature"] = 0;
  json::array messages;
  const std::string user = "Text: " + std::string(text);
  if (cfg_.api == LlmApi::kAnthropic) {
    body["system"] = system;
    messages.push_back(json::object{{"role", "user"}, {"content", user}});
  } else {
    messages.push_back(json::object{{"role", "system"}, {"content", system}});
    messages.push_back(json::object{{"role", "user"}, {"content", user}});
    body["response_format"] = json::object{{"type", "json_object"}};
  }
  body["messages"] = std::move(messages);
  return json::serialize(body);
}

core::Result<LlmAnswer> LlmScorer::call_once(std::string_view text) {
  HttpRequest req;
  req.method = "POST";
  req.headers.emplace_back("content-type", "application/json");
  if (cfg_.api == LlmApi::kAnthropic) {
    req.url = cfg_.base_url + "/messages";
    req.headers.emplace_back("anthropic-version", "2023-06-01");
    if (!api_key_.empty()) req.headers.emplace_back("x-api-key", api_key_);
  } else {
    req.url = cfg_.base_url + "/chat/completions";
    if (!api_key_.empty()) req.headers.emplace_back("authorization", "Bearer " + api_key_);
  }
  req.body = request_body(text);
  HttpOptions opt;
  opt.timeout = cfg_.timeout;
  {
    std::lock_guard lock(mu_);
    ++stats_.http_requests;
  }
  retry_after_ = core::Duration{0};
  auto resp = http_request(req, opt);
  if (!resp) return std::unexpected(resp.error().with_context(cfg_.name));
  if (resp->status < 200 || resp->status >= 300) {
    retry_after_ = core::Duration{0};
    if (const std::string ra = resp->header("retry-after"); !ra.empty()) {
      char* end = nullptr;
      const double secs = std::strtod(ra.c_str(), &end);
      if (end != ra.c_str() && secs > 0) {
        retry_after_ =
            std::chrono::duration_cast<core::Duration>(std::chrono::duration<double>(secs));
      }
    }
    auto err = status_error(cfg_.name, *resp);
    return std::unexpected(err);
  }
  boost::system::error_code ec;
  json::value v = json::parse(resp->body, ec);
  if (ec || !v.is_object()) {
    return core::fail(core::ErrorCode::kParse, "{}: response is not a JSON object", cfg_.name);
  }
  const auto& o = v.as_object();
  std::string content;
  std::uint64_t tin = 0, tout = 0;
  auto u64 = [](const json::value* x) -> std::uint64_t {
    if (x == nullptr) return 0;
    if (x->is_int64()) return static_cast<std::uint64_t>(std::max<std::int64_t>(0, x->as_int64()));
    if (x->is_uint64()) return x->as_uint64();
    return 0;
  };
  if (cfg_.api == LlmApi::kAnthropic) {
    const auto* c = o.if_contains("content");
    if (c == nullptr || !c->is_array()) {
      return core::fail(core::ErrorCode::kParse, "{}: response has no \"content\" array",
                        cfg_.name);
    }
    for (const auto& block : c->as_array()) {
      if (block.is_object() && block.as_object().if_contains("text") &&
          block.as_object().at("text").is_string()) {
        content += std::string(block.as_object().at("text").as_string());
      }
    }
    if (const auto* u = o.if_contains("usage"); u && u->is_object()) {
      tin = u64(u->as_object().if_contains("input_tokens"));
      tout = u64(u->as_object().if_contains("output_tokens"));
    }
  } else {
    const auto* ch = o.if_contains("choices");
    if (ch == nullptr || !ch->is_array() || ch->as_array().empty() ||
        !ch->as_array()[0].is_object()) {
      return core::fail(core::ErrorCode::kParse, "{}: response has no \"choices\"", cfg_.name);
    }
    const auto* msg = ch->as_array()[0].as_object().if_contains("message");
    if (msg == nullptr || !msg->is_object() || !msg->as_object().if_contains("content") ||
        !msg->as_object().at("content").is_string()) {
      return core::fail(core::ErrorCode::kParse, "{}: response has no message content", cfg_.name);
    }
    content = std::string(msg->as_object().at("content").as_string());
    if (const auto* u = o.if_contains("usage"); u && u->is_object()) {
      tin = u64(u->as_object().if_contains("prompt_tokens"));
      tout = u64(u->as_object().if_contains("completion_tokens"));
    }
  }
  {
    std::lock_guard lock(mu_);
    stats_.tokens_in += tin;
    stats_.tokens_out += tout;
    stats_.cost_usd += (static_cast<double>(tin) * cfg_.usd_per_mtok_in +
                        static_cast<double>(tout) * cfg_.usd_per_mtok_out) /
                       1e6;
  }
  auto a = parse_llm_answer(content);
  if (!a) return std::unexpected(a.error().with_context(cfg_.name));
  return a;
}

core::Result<LlmAnswer> LlmScorer::ask(std::string_view text) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string key = canonical_key(text);
  {
    std::lock_guard lock(mu_);
    ++stats_.calls;
    if (auto it = cache_.find(key); it != cache_.end()) {
      ++stats_.cache_hits;
      lru_.splice(lru_.begin(), lru_, it->second);
      LlmAnswer a = it->second->second;
      a.result.latency = std::chrono::steady_clock::now() - t0;
      return a;
    }
  }
  core::Result<LlmAnswer> r = core::fail(core::ErrorCode::kInternal, "no attempt");
  core::Duration backoff = cfg_.backoff;
  for (int attempt = 0; attempt <= cfg_.max_retries; ++attempt) {
    if (attempt > 0) {
      std::lock_guard lock(mu_);
      ++stats_.retries;
    }
    r = call_once(text);
    if (r) break;
    {
      std::lock_guard lock(mu_);
      if (r.error().code == core::ErrorCode::kTimeout) ++stats_.timeouts;
      if (r.error().code == core::ErrorCode::kParse) ++stats_.invalid_answers;
    }
    if (!retryable(r.error().code) || attempt == cfg_.max_retries) break;
    std::this_thread::sleep_for(std::min(std::max(backoff, retry_after_), cfg_.backoff_cap));
    backoff *= 2;
  }
  const auto latency = std::chrono::steady_clock::now() - t0;
  std::lock_guard lock(mu_);
  stats_.latency_total += latency;
  stats_.latency_max = std::max<core::Duration>(stats_.latency_max, latency);
  if (!r) {
    ++stats_.failures;
    return r;
  }
  r->result.latency = latency;
  if (cfg_.cache_capacity > 0) {
    lru_.emplace_front(key, *r);
    cache_[key] = lru_.begin();
    while (lru_.size() > cfg_.cache_capacity) {
      cache_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }
  return r;
}

core::Result<ScoreResult> LlmScorer::score(std::string_view text) {
  auto a = ask(text);
  if (!a) return std::unexpected(a.error());
  return a->result;
}

LlmStats LlmScorer::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace zerodte::sentiment
