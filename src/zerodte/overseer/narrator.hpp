#pragma once
// Narrative text for reports, alerts and explanation records (seed 003: "Narrative generation
// (Claude/GPT): real-time trade writeups, risk-event summaries, subscriber-friendly regime
// context"). With an LLM configured (the sentiment area's LlmConfig: OpenAI-compatible chat
// completions or the Anthropic Messages API, key from the environment) the model writes it from
// the facts; without one, or when the call fails, a deterministic template writes it. The LLM
// is never on the trading path: reports and writeups only.
#include <optional>
#include <string>

#include "zerodte/overseer/explanation.hpp"
#include "zerodte/overseer/report_data.hpp"
#include "zerodte/sentiment/llm_scorer.hpp"

namespace zerodte::overseer {

[[nodiscard]] std::string template_regime_narrative(const ReportData& d);
[[nodiscard]] std::string template_rationale(const ExplanationRecord& r);

class Narrator {
 public:
  explicit Narrator(std::optional<sentiment::LlmConfig> llm = std::nullopt);

  std::string regime(const ReportData& d);
  std::string rationale(const ExplanationRecord& r);

  [[nodiscard]] bool llm_configured() const { return llm_.has_value(); }
  [[nodiscard]] std::size_t llm_answers() const { return llm_answers_; }
  [[nodiscard]] std::size_t fallbacks() const { return fallbacks_; }
  [[nodiscard]] const std::string& last_error() const { return last_error_; }

 private:
  core::Result<std::string> ask(const std::string& system, const std::string& facts);
  std::optional<sentiment::LlmConfig> llm_;
  std::string api_key_;
  std::size_t llm_answers_ = 0;
  std::size_t fallbacks_ = 0;
  std::string last_error_;
};

}  // namespace zerodte::overseer
