#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "sentiment/fake_http_server.hpp"

namespace {
std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0)
    out.append(buf, n);
  const int st = ::pclose(p);
  if (status) *status = st;
  return out;
}
}  // namespace

TEST(SentimentCli, ScoreCsvInInputOrderAndStdin) {
  const std::string csv = ::testing::TempDir() + "/posts.csv";
  {
    std::ofstream f(csv);
    f << "id,text\n1,\"$AAPL beats estimates, raises guidance\"\n2,Trading halted in $GME\n"
         "3,Apple to hold annual meeting on Friday\n";
  }
  int st = 0;
  const std::string out =
      run(std::string(ZERODTE_SENTIMENT_CLI) + " sentiment score --model lexicon --input " + csv +
              " --column text",
          &st);
  EXPECT_EQ(st, 0);
  std::istringstream in(out);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line))
    lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u) << out;
  EXPECT_EQ(lines[0], "score,label,confidence");
  EXPECT_NE(lines[1].find(",positive,"), std::string::npos);
  EXPECT_NE(lines[2].find(",negative,"), std::string::npos);
  EXPECT_NE(lines[3].find(",neutral,"), std::string::npos);
  const std::string s2 =
      run("printf 'up big\\nterrible miss\\n' | " + std::string(ZERODTE_SENTIMENT_CLI) +
          " sentiment score --model linear");
  EXPECT_EQ(std::count(s2.begin(), s2.end(), '\n'), 3) << s2;
  // Unknown column: a clear error and a non-zero exit.
  run(std::string(ZERODTE_SENTIMENT_CLI) + " sentiment score --input " + csv +
          " --column body 2>&1",
      &st);
  EXPECT_NE(st, 0);
}

TEST(SentimentCli, EvalPrintsAccuracyMacroF1AndConfusion) {
  int st = 0;
  const std::string out =
      run(std::string(ZERODTE_SENTIMENT_CLI) +
              " sentiment eval --model vader --input " ZERODTE_SHARED_DATA
              "/sentiment/twitter-financial-news/sent_train.csv --text-column text "
              "--label-column label --label-map 0=negative,1=positive,2=neutral --split holdout:5",
          &st);
  EXPECT_EQ(st, 0);
  EXPECT_NE(out.find("accuracy,0."), std::string::npos) << out;
  EXPECT_NE(out.find("macro_f1,0."), std::string::npos);
  EXPECT_NE(out.find("confusion (rows=truth cols=pred),negative,neutral,positive"),
            std::string::npos);
  const std::string bad =
      run(std::string(ZERODTE_SENTIMENT_CLI) +
              " sentiment eval --input " ZERODTE_SHARED_DATA
              "/sentiment/twitter-financial-news/sent_train.csv --label-map 0=negative 2>&1",
          &st);
  EXPECT_NE(st, 0);
  EXPECT_NE(bad.find("not in the label map"), std::string::npos) << bad;
}

TEST(SentimentCli, LlmAndConsensusAgainstALocalServer) {
  using zerodte::testing::FakeHttpServer;
  using zerodte::testing::FakeRequest;
  using zerodte::testing::FakeResponse;
  FakeHttpServer server([](const FakeRequest&) {
    return FakeResponse{
        200,
        R"({"choices":[{"message":{"role":"assistant","content":"{\"score\":-0.9,\"label\":\"negative\",\"confidence\":1.0}"}}],"usage":{"prompt_tokens":10,"completion_tokens":5}})"};
  });
  int st = 0;
  const std::string base = std::string("printf 'Acme beats estimates\\n' | ") +
                           ZERODTE_SENTIMENT_CLI + " sentiment score --llm-url " +
                           server.url("/v1") + " --llm-key-env none";
  const std::string llm = run(base + " --model llm", &st);
  EXPECT_EQ(st, 0);
  EXPECT_EQ(llm, "score,label,confidence\n-0.9000,negative,1.0000\n");
  // Consensus of linear, lexicon and the LLM: the LLM (weight .35, confidence 1) pulls it down.
  const std::string cons = run(base + " --model consensus", &st);
  EXPECT_EQ(st, 0);
  const std::string lin = run(std::string("printf 'Acme beats estimates\\n' | ") +
                              ZERODTE_SENTIMENT_CLI + " sentiment score --model consensus");
  const double s_cons = std::stod(cons.substr(cons.find('\n') + 1));
  const double s_local = std::stod(lin.substr(lin.find('\n') + 1));
  EXPECT_LT(s_cons, s_local);
  EXPECT_EQ(server.request_count(), 2u);
}
