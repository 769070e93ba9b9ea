#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "sentiment/fake_http_server.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/sentiment/lexicon_scorer.hpp"
#include "zerodte/sentiment/llm_scorer.hpp"
#include "zerodte/sentiment/sentiment_engine.hpp"

namespace zs = zerodte::sentiment;
using zerodte::core::ErrorCode;
using zerodte::testing::FakeHttpServer;
using zerodte::testing::FakeRequest;
using zerodte::testing::FakeResponse;
using namespace std::chrono_literals;

namespace {

std::string openai_reply(std::string_view content, int tin = 120, int tout = 30) {
  std::string escaped;
  for (char c : content) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return fmt::format(
      R"({{"id":"x","object":"chat.completion","choices":[{{"index":0,"message":{{"role":"assistant","content":"{}"}},"finish_reason":"stop"}}],"usage":{{"prompt_tokens":{},"completion_tokens":{}}}}})",
      escaped, tin, tout);
}

constexpr const char* kGood =
    R"({"score": 0.7, "label": "positive", "confidence": 0.9, "reasoning": "beat"})";

zs::LlmConfig local(const FakeHttpServer& s, std::string key_env = "") {
  zs::LlmConfig c;
  c.name = "llama";
  c.base_url = s.url("/v1");
  c.model = "llama-3.3-70b-versatile";
  c.api_key_env = std::move(key_env);
  c.timeout = 1s;
  c.max_retries = 2;
  c.backoff = 10ms;
  return c;
}

}  // namespace

TEST(LlmAnswer, StrictParsing) {
  auto a = zs::parse_llm_answer(kGood);
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_DOUBLE_EQ(a->result.score, 0.7);
  EXPECT_EQ(a->result.label, zs::Label::kPositive);
  EXPECT_DOUBLE_EQ(a->result.confidence, 0.9);
  EXPECT_TRUE(zs::parse_llm_answer(std::string("```json\n") + kGood + "\n```"));
  auto opt = zs::parse_llm_answer(
      R"({"score":-0.4,"label":"negative","confidence":0.6,"direction":"down","volatility":"higher","interval":[-0.7,-0.1]})");
  ASSERT_TRUE(opt);
  EXPECT_EQ(opt->direction, "down");
  EXPECT_DOUBLE_EQ(opt->interval->first, -0.7);
  for (const char* bad :
       {"Sure! The sentiment is positive.",
        "{\"score\": 1.5, \"label\": \"positive\", \"confidence\": 1}",
        "{\"score\": 0.5, \"label\": \"negative\", \"confidence\": 0.5}",
        "{\"score\": 0.5, \"label\": \"bullish-ish\", \"confidence\": 0.5}",
        "{\"label\": \"positive\", \"confidence\": 0.5}", "[0.5]",
        "{\"score\": 0.5, \"label\": \"positive\", \"confidence\": \"high\"}",
        "{\"score\":0.1,\"label\":\"neutral\",\"confidence\":0.5,\"interval\":[0.5,0.1]}",
        "Here: {\"score\":0.1,\"label\":\"neutral\",\"confidence\":0.5}"}) {
    auto r = zs::parse_llm_answer(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kParse);
    }
  }
}

TEST(LlmScorer, OpenAiCompatibleRequestCostAndCache) {
  FakeHttpServer server([](const FakeRequest&) { return FakeResponse{200, openai_reply(kGood)}; });
  ::setenv("ZERODTE_TEST_LLM_KEY", "sk-test-secret-123", 1);
  zs::LlmScorer llm(local(server, "ZERODTE_TEST_LLM_KEY"));
  auto r = llm.score("$NVDA beats estimates https://example.com/x");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_DOUBLE_EQ(r->score, 0.7);
  EXPECT_EQ(r->label, zs::Label::kPositive);
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/v1/chat/completions");
  EXPECT_EQ(reqs[0].header("authorization"), "Bearer sk-test-secret-123");
  EXPECT_NE(reqs[0].body.find("\"model\":\"llama-3.3-70b-versatile\""), std::string::npos);
  EXPECT_NE(reqs[0].body.find("0DTE"), std::string::npos);  // the seed 001 prompt
  EXPECT_NE(reqs[0].body.find("$NVDA beats estimates"), std::string::npos);
  // Cache: the same text (after normalisation: another link) is not sent again.
  ASSERT_TRUE(llm.score("$NVDA beats estimates https://example.com/other"));
  EXPECT_EQ(server.request_count(), 1u);
  const auto st = llm.stats();
  EXPECT_EQ(st.calls, 2u);
  EXPECT_EQ(st.cache_hits, 1u);
  EXPECT_EQ(st.tokens_in, 120u);
  EXPECT_EQ(st.tokens_out, 30u);
  EXPECT_NEAR(st.cost_usd, (120 * 0.59 + 30 * 0.79) / 1e6, 1e-15);
  ::unsetenv("ZERODTE_TEST_LLM_KEY");
}

TEST(LlmScorer, AnthropicMessagesApi) {
  FakeHttpServer server([](const FakeRequest&) {
    return FakeResponse{
        200,
        R"({"id":"m","type":"message","role":"assistant","content":[{"type":"text","text":"{\"score\":-0.6,\"label\":\"negative\",\"confidence\":0.8,\"direction\":\"down\",\"volatility\":\"higher\",\"interval\":[-0.8,-0.3]}"}],"usage":{"input_tokens":200,"output_tokens":50}})"};
  });
  ::setenv("ZERODTE_TEST_ANTHROPIC_KEY", "ak-secret", 1);
  auto cfg = zs::LlmConfig::claude();
  cfg.base_url = server.url("/v1");
  cfg.api_key_env = "ZERODTE_TEST_ANTHROPIC_KEY";
  zs::LlmScorer llm(cfg);
  auto a = llm.ask("$TSLA recalls 2 million cars");
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_EQ(a->result.label, zs::Label::kNegative);
  EXPECT_EQ(a->volatility, "higher");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].target, "/v1/messages");
  EXPECT_EQ(reqs[0].header("x-api-key"), "ak-secret");
  EXPECT_EQ(reqs[0].header("anthropic-version"), "2023-06-01");
  EXPECT_NE(reqs[0].body.find("\"system\":"), std::string::npos);
  EXPECT_NEAR(llm.stats().cost_usd, (200 * 0.80 + 50 * 4.0) / 1e6, 1e-15);
  ::unsetenv("ZERODTE_TEST_ANTHROPIC_KEY");
}

TEST(LlmScorer, TimeoutIsReportedAndBounded) {
  FakeHttpServer server([](const FakeRequest&) {
    FakeResponse r{200, openai_reply(kGood)};
    r.delay = 600ms;
    return r;
  });
  auto cfg = local(server);
  cfg.timeout = 100ms;
  cfg.max_retries = 1;
  zs::LlmScorer llm(cfg);
  const auto t0 = std::chrono::steady_clock::now();
  auto r = llm.score("anything");
  const auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
  EXPECT_LT(took, 500ms);  // two attempts of 100 ms + backoff, never the server's 600 ms
  EXPECT_EQ(llm.stats().timeouts, 2u);
  EXPECT_EQ(llm.stats().failures, 1u);
}

TEST(LlmScorer, InvalidJsonIsNotRetriedNorCached) {
  FakeHttpServer server([](const FakeRequest&) {
    return FakeResponse{200, openai_reply("I think this is quite bullish!")};
  });
  zs::LlmScorer llm(local(server));
  auto r = llm.score("$AAPL record iPhone sales");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kParse);
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_EQ(llm.stats().invalid_answers, 1u);
  // A body that is not JSON at all.
  FakeHttpServer broken([](const FakeRequest&) { return FakeResponse{200, "<html>oops"}; });
  zs::LlmScorer llm2(local(broken));
  EXPECT_EQ(llm2.score("x").error().code, ErrorCode::kParse);
}

TEST(LlmScorer, RetriesServerErrorsAndRateLimitsButNotAuth) {
  std::atomic<int> n{0};
  FakeHttpServer server([&](const FakeRequest&) {
    const int k = n++;
    if (k == 0) return FakeResponse{503, R"({"error":"overloaded"})"};
    if (k == 1) {
      FakeResponse r{429, R"({"error":"slow down"})"};
      r.headers.emplace_back("Retry-After", "0.05");
      return r;
    }
    return FakeResponse{200, openai_reply(kGood)};
  });
  zs::LlmScorer llm(local(server));
  auto r = llm.score("$AMD new chip");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(llm.stats().retries, 2u);

  ::setenv("ZERODTE_TEST_BAD_KEY", "sk-leak-check-999", 1);
  FakeHttpServer auth([](const FakeRequest&) {
    return FakeResponse{401, R"({"error":"invalid api key"})"};
  });
  zs::LlmScorer bad(local(auth, "ZERODTE_TEST_BAD_KEY"));
  auto e = bad.score("x");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::kAuth);
  EXPECT_EQ(auth.request_count(), 1u);
  EXPECT_EQ(e.error().message.find("sk-leak-check-999"), std::string::npos);
  ::unsetenv("ZERODTE_TEST_BAD_KEY");
  // Nothing listening: a transport error, quickly.
  auto cfg = local(server);
  cfg.base_url = "http://127.0.0.1:1/v1";
  cfg.max_retries = 0;
  EXPECT_EQ(zs::LlmScorer(cfg).score("x").error().code, ErrorCode::kTransport);
}

// End to end: the LLM answers through the inbox; one in time (applied), one after the engine's
// late window (dropped), while the fast model's score was published at once.
TEST(LlmScorer, SlowAnswerAfterDeadlineIsDropped) {
  FakeHttpServer server([](const FakeRequest& req) {
    FakeResponse r{200, openai_reply(R"({"score":-0.8,"label":"negative","confidence":0.9})")};
    if (req.body.find("slow") != std::string::npos) r.delay = 500ms;
    return r;
  });
  zerodte::core::LiveClock clock;
  zerodte::engine::Kernel kernel{clock};
  auto cfg = local(server);
  auto slow = std::make_shared<zs::ThreadedAsyncScorer>(
      "llama", [cfg] { return std::make_unique<zs::LlmScorer>(cfg); }, 2);
  std::vector<std::unique_ptr<zs::Scorer>> fast;
  fast.push_back(std::make_unique<zs::LexiconScorer>());
  zs::SentimentEngineConfig ecfg;
  ecfg.late_window = 250ms;
  auto engine = std::make_shared<zs::SentimentEngine>(
      ecfg, std::move(fast), std::vector<std::shared_ptr<zs::AsyncScorer>>{slow});
  kernel.add_component(engine);
  std::vector<zs::SentimentScore> scores;
  kernel.bus().subscribe_all<zs::SentimentScore>([&](const auto& s) { scores.push_back(s); });
  kernel.start();
  for (const char* text : {"$SPY quick headline about rates", "$QQQ slow headline about chips"}) {
    auto n = std::make_shared<zerodte::model::NewsItem>();
    n->id = text;
    n->text = text;
    n->ts_event = n->ts_recv = clock.now();
    kernel.dispatch(zerodte::engine::Event{std::shared_ptr<const zerodte::model::NewsItem>(n)});
  }
  EXPECT_EQ(scores.size(), 2u);  // fast scores, immediately
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (engine->stats().slow_applied + engine->stats().slow_late < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    if (kernel.poll_once() == 0) std::this_thread::sleep_for(2ms);
  }
  EXPECT_EQ(engine->stats().slow_applied, 1u);
  EXPECT_EQ(engine->stats().slow_late, 1u);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_EQ(scores[2].post_id, std::string_view("$SPY quick headline about rates"));
  EXPECT_EQ(scores[2].revision, 1);
  kernel.stop();
}
