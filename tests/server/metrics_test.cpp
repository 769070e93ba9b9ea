#include "zerodte/server/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace zerodte::server {
namespace {

// Checks every line against the Prometheus text format grammar (0.0.4) and returns the samples.
std::map<std::string, double> parse_prometheus(const std::string& text) {
  static const std::regex kHelp(R"(^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$)");
  static const std::regex kType(R"(^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram)$)");
  static const std::regex kSample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})?) (\S+)$)");
  std::map<std::string, double> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, kHelp) || std::regex_match(line, kType)) continue;
    EXPECT_TRUE(std::regex_match(line, m, kSample)) << "bad line: " << line;
    if (!m.empty()) {
      const auto v = m[m.size() - 1].str();
      out[m[1].str()] = v == "+Inf" ? INFINITY : std::stod(v);
    }
  }
  return out;
}

TEST(Metrics, RendersParsableTextWithCumulativeBuckets) {
  Metrics m;
  auto& c = m.counter("zerodte_fills_total", "Fills");
  auto& g = m.gauge("zerodte_equity", "Equity \"quoted\"\nhelp");
  auto& h = m.histogram("zerodte_stage_latency_seconds", "Stage latency", {"stage", "risk"});
  auto& h2 = m.histogram("zerodte_stage_latency_seconds", "ignored", {"stage", "order\"x"});
  c.inc(3);
  g.set(-12.5);
  h.observe_ns(500);        // <= 1us
  h.observe_ns(1500);       // <= 2us
  h.observe_ns(3'000'000);  // <= 4.096ms
  h2.observe_ns(100);
  EXPECT_EQ(&h, &m.histogram("zerodte_stage_latency_seconds", "x", {"stage", "risk"}));
  const auto text = m.render_prometheus();
  const auto s = parse_prometheus(text);
  EXPECT_EQ(s.at("zerodte_fills_total"), 3);
  EXPECT_EQ(s.at("zerodte_equity"), -12.5);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_bucket{stage="risk",le="1e-06"})"), 1);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_bucket{stage="risk",le="2e-06"})"), 2);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_bucket{stage="risk",le="0.002048"})"), 2);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_bucket{stage="risk",le="0.004096"})"), 3);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_bucket{stage="risk",le="+Inf"})"), 3);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_count{stage="risk"})"), 3);
  EXPECT_NEAR(s.at(R"(zerodte_stage_latency_seconds_sum{stage="risk"})"), 0.003002, 1e-12);
  EXPECT_EQ(s.at(R"(zerodte_stage_latency_seconds_count{stage="order\"x"})"), 1);
  // One HELP/TYPE block per metric name.
  EXPECT_EQ(text.find("# TYPE zerodte_stage_latency_seconds histogram"),
            text.rfind("# TYPE zerodte_stage_latency_seconds histogram"));
}

TEST(Metrics, ConcurrentIncrementsAreNotLost) {
  Metrics m;
  auto& c = m.counter("zerodte_x_total", "x");
  auto& h = m.histogram("zerodte_h_seconds", "h");
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c.inc();
        h.observe_ns(i);
      }
    });
  for (auto& t : ts)
    t.join();
  EXPECT_EQ(c.value(), 40000u);
  EXPECT_EQ(h.count(), 40000u);
}

}  // namespace
}  // namespace zerodte::server
