#pragma once
// The `llm` scorer: OpenAI-compatible chat completions (Groq's Llama 70B, a local llama.cpp or
// vLLM server) or the Anthropic Messages API, with the prompts of seed 001 §3.2 (financial /
// options-market sentiment, score + reasoning) and §3.3 (options trading: direction, volatility
// expectation, confidence interval). The model must answer with one JSON object:
//   {"score": -1..1, "label": "negative"|"neutral"|"positive", "confidence": 0..1,
//    "reasoning": "...", ["direction": "up"|"down"|"flat", "volatility":
//    "higher"|"lower"|"unchanged", "interval": [lo, hi]]}
// Anything else (prose, missing or out-of-range fields, label contradicting the score) is an
// error (kParse). Transport errors, timeouts, 429 and 5xx are retried (max_retries, exponential
// backoff honouring Retry-After up to the backoff cap); 401/403 are not. Answers are cached by
// canonical_key(text). Costs from the API's token usage. The API key comes from the environment
// variable named in the config and never appears in errors or logs.
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "zerodte/sentiment/http_client.hpp"
#include "zerodte/sentiment/scorer.hpp"

namespace zerodte::sentiment {

enum class LlmApi : std::uint8_t { kOpenAi, kAnthropic };
enum class LlmPrompt : std::uint8_t { kSentiment, kOptions };

struct LlmConfig {
  std::string name = "llm";  // scorer name, used for consensus weights ("llama", "claude")
  LlmApi api = LlmApi::kOpenAi;
  LlmPrompt prompt = LlmPrompt::kSentiment;
  std::string base_url = "https://api.groq.com/openai/v1";  // .../chat/completions or .../messages
  std::string model = "llama-3.3-70b-versatile";
  std::string api_key_env = "GROQ_API_KEY";  // empty: no authentication (local server)
  core::Duration timeout = std::chrono::seconds(3);
  int max_retries = 2;
  core::Duration backoff = std::chrono::milliseconds(200);
  core::Duration backoff_cap = std::chrono::seconds(2);
  std::size_t cache_capacity = 10'000;
  int max_tokens = 200;
  double usd_per_mtok_in = 0.59;
  double usd_per_mtok_out = 0.79;

  static LlmConfig groq_llama();  // seed 001 §3.2
  static LlmConfig claude();      // seed 001 §3.3 (Anthropic Messages API)
};

struct LlmStats {
  std::uint64_t calls = 0, cache_hits = 0, http_requests = 0, retries = 0, failures = 0;
  std::uint64_t timeouts = 0, invalid_answers = 0, tokens_in = 0, tokens_out = 0;
  double cost_usd = 0;
  core::Duration latency_total{0}, latency_max{0};
};

struct LlmAnswer {
  ScoreResult result;
  std::string reasoning, direction, volatility;
  std::optional<std::pair<double, double>> interval;
};

// Parses the model's text answer strictly (a JSON object, optionally inside one ``` fence).
core::Result<LlmAnswer> parse_llm_answer(std::string_view content);

class LlmScorer final : public Scorer {
 public:
  explicit LlmScorer(LlmConfig cfg);
  [[nodiscard]] std::string_view name() const override { return cfg_.name; }
  core::Result<ScoreResult> score(std::string_view text) override;
  core::Result<LlmAnswer> ask(std::string_view text);
  [[nodiscard]] LlmStats stats() const;
  [[nodiscard]] const LlmConfig& config() const { return cfg_; }
  // The request body sent for `text` (for tests and debugging; contains no key).
  [[nodiscard]] std::string request_body(std::string_view text) const;

 private:
  core::Result<LlmAnswer> call_once(std::string_view text);
  LlmConfig cfg_;
  std::string api_key_;
  core::Duration retry_after_{0};  // from the last 429/503 Retry-After header
  mutable std::mutex mu_;
  LlmStats stats_;
  std::list<std::pair<std::string, LlmAnswer>> lru_;
  std::unordered_map<std::string, std::list<std::pair<std::string, LlmAnswer>>::iterator> cache_;
};

}  // namespace zerodte::sentiment
