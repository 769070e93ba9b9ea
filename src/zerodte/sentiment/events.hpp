#pragma once
// Events the sentiment engine publishes on the kernel bus (trivially copyable), and the slow
// model answer that arrives later through the inbox as an engine::CustomEvent.
//   SentimentScore   per post: the consensus so far (revision 0 = fast models; later revisions
//                    when slow models answer). Topic: kAllTopics.
//   TickerSentiment  per ticker after each post or revision. Topic: ticker_topic(symbol).
//   SentimentFlip    a confirmed sign change of a ticker's aggregate (seed 000). Topic: ticker.
#include <memory>
#include <string>
#include <type_traits>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/sentiment/types.hpp"

namespace zerodte::sentiment {

using Symbol = core::FixedString<15>;
using PostId = core::FixedString<47>;

[[nodiscard]] engine::Topic ticker_topic(std::string_view symbol);

struct SentimentScore {
  PostId post_id;
  std::uint64_t post_key = 0;  // hash of the post id
  double score = 0;
  Label label = Label::kNeutral;
  double confidence = 0;
  bool disagreement = false;
  std::uint8_t models_answered = 0;
  std::uint8_t models_expected = 0;
  std::uint8_t revision = 0;
  bool final = false;  // every model answered or the late window closed
  double relevance = 0;
  std::uint8_t tickers = 0;
  core::Timestamp ts_event;  // the post's time
  core::Timestamp ts_scored;
};

struct TickerSentiment {
  Symbol ticker;
  double score = 0;       // decayed weighted mean in [-1, 1]
  double confidence = 0;  // [0, 1]
  double momentum = 0;    // fast mean - slow mean
  double weight = 0;      // decayed evidence weight
  std::uint32_t posts_in_window = 0;
  bool confirmed = false;  // posts_in_window >= confirm_posts
  core::Timestamp ts;
};

struct SentimentFlip {
  Symbol ticker;
  std::int8_t from = 0;  // -1, 0 (no established direction), +1
  std::int8_t to = 0;
  double score = 0;
  double confidence = 0;
  double momentum = 0;
  std::uint32_t posts_in_window = 0;
  core::Timestamp ts;
};

static_assert(std::is_trivially_copyable_v<SentimentScore>);
static_assert(std::is_trivially_copyable_v<TickerSentiment>);
static_assert(std::is_trivially_copyable_v<SentimentFlip>);

// A slow model's answer (LLM, FinBERT service), published on the bus when its CustomEvent is
// dispatched by the kernel.
struct ModelAnswer {
  std::string post_id;
  std::string model;
  bool ok = false;
  ScoreResult result;
  std::string error;  // when !ok (never contains secrets)
};

class ModelAnswerEvent final : public engine::CustomEvent {
 public:
  explicit ModelAnswerEvent(ModelAnswer a) : answer_(std::move(a)) {}
  [[nodiscard]] std::string_view type_name() const override { return "sentiment.model_answer"; }
  void dispatch(engine::MessageBus& bus) const override { bus.publish(answer_); }
  [[nodiscard]] const ModelAnswer& answer() const { return answer_; }

 private:
  ModelAnswer answer_;
};

}  // namespace zerodte::sentiment
