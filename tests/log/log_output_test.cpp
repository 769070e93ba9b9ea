// End to end: secrets loaded from the config never reach a log file, in text or JSON mode.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <spdlog/spdlog.h>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/core/log/log.hpp"

namespace zerodte::core::log {
namespace {

constexpr std::string_view kCanaryKey = "PKCANARY7f3a9d2e";
constexpr std::string_view kCanarySecret = "Zq8-canary-secret/+=value";

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class LogOutput : public ::testing::TestWithParam<Format> {
 protected:
  void SetUp() override {
    clear_secrets_for_testing();
    file_ = std::filesystem::temp_directory_path() /
            fmt::format("zerodte_log_test_{}_{}.log", ::getpid(), to_string(GetParam()));
    std::filesystem::remove(file_);
  }
  void TearDown() override {
    init_default();
    std::filesystem::remove(file_);
    clear_secrets_for_testing();
  }
  std::filesystem::path file_;
};

TEST_P(LogOutput, CanarySecretsFromConfigNeverReachTheLogFile) {
  config::ConfigSchema schema;
  config::register_foundation_sections(schema);
  config::LoadOptions options;
  options.env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "CANARY_KEY") return std::string(kCanaryKey);
    if (name == "CANARY_SECRET") return std::string(kCanarySecret);
    return std::nullopt;
  };
  auto cfg = config::load_config_string(
      fmt::format("[system]\nlog_format = \"{}\"\nlog_file = \"{}\"\nlog_level = \"debug\"\n"
                  "[broker]\nname = \"alpaca\"\napi_key = \"${{CANARY_KEY}}\"\n"
                  "api_secret = \"${{CANARY_SECRET}}\"\n",
                  to_string(GetParam()), file_.string()),
      "canary.toml", schema, options);
  ASSERT_TRUE(cfg) << config::format_issues(cfg.error());

  Options o = config::log_options(*cfg);
  EXPECT_EQ(o.format, GetParam());
  EXPECT_EQ(o.level, Level::kDebug);
  o.to_stderr = false;
  ASSERT_TRUE(init(o));

  const auto key = cfg->get<std::string>("broker.api_key");
  const auto secret = cfg->get<std::string>("broker.api_secret");
  spdlog::info("connecting with key {} and secret {}", key, secret);
  spdlog::debug("headers: APCA-API-KEY-ID: {} APCA-API-SECRET-KEY: {}", key, secret);
  spdlog::warn(R"(login response {{"password":"pw-not-registered","jwtToken":"eyJraw.tok"}})");
  spdlog::error("quoted \"{}\" and newline\n{}", secret, key);
  spdlog::trace("trace is below the level: {}", "not written");
  flush();

  const std::string text = read_file(file_);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.find(kCanaryKey), std::string::npos) << text;
  EXPECT_EQ(text.find(kCanarySecret), std::string::npos) << text;
  EXPECT_EQ(text.find("pw-not-registered"), std::string::npos) << text;
  EXPECT_EQ(text.find("eyJraw.tok"), std::string::npos) << text;
  EXPECT_EQ(text.find("not written"), std::string::npos) << text;
  EXPECT_NE(text.find("connecting with key *** and secret ***"), std::string::npos) << text;

  std::istringstream lines(text);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    if (GetParam() == Format::kJson) {
      EXPECT_TRUE(line.starts_with(R"({"ts":")")) << line;
      EXPECT_TRUE(line.ends_with("}")) << line;
      EXPECT_NE(line.find(R"("logger":"zerodte")"), std::string::npos) << line;
    }
    ++n;
  }
  // JSON escapes the embedded newline, so each message is one line; text keeps it.
  EXPECT_EQ(n, GetParam() == Format::kJson ? 4 : 5) << text;
  if (GetParam() == Format::kJson) {
    EXPECT_NE(text.find(R"("level":"warning")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"(quoted \"***\" and newline\n***)"), std::string::npos) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, LogOutput, ::testing::Values(Format::kText, Format::kJson),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(LogLevels, ParseAndPrintRoundTrip) {
  for (Level l : {Level::kTrace, Level::kDebug, Level::kInfo, Level::kWarn, Level::kError,
                  Level::kCritical, Level::kOff}) {
    EXPECT_EQ(parse_level(to_string(l)), l);
  }
  EXPECT_EQ(parse_level("warning"), Level::kWarn);
  EXPECT_FALSE(parse_level("verbose"));
  EXPECT_EQ(parse_format("json"), Format::kJson);
  EXPECT_FALSE(parse_format("xml"));
}

TEST(LogInit, UnwritableFileIsAnError) {
  Options o;
  o.to_stderr = false;
  o.file = "/proc/zerodte-cannot-write-here/x.log";
  auto r = init(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  init_default();
}

}  // namespace
}  // namespace zerodte::core::log
