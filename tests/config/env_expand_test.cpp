#include "zerodte/core/config/env_expand.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace zerodte::core::config {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(EnvExpand, SubstitutesAndTracksVariables) {
  const auto env = fake_env({{"KEY", "abc123"}, {"HOST", "example.com"}, {"EMPTY", ""}});
  auto r = expand_env("https://${HOST}/v2?k=${KEY}", env);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->text, "https://example.com/v2?k=abc123");
  EXPECT_EQ(r->variables, (std::vector<std::string>{"HOST", "KEY"}));
  EXPECT_TRUE(r->used_env());

  auto plain = expand_env("no variables here", env);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->text, "no variables here");
  EXPECT_FALSE(plain->used_env());

  auto empty = expand_env("${EMPTY}", env);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->text, "");
}

TEST(EnvExpand, DefaultsAndEscapes) {
  const auto env = fake_env({{"SET", "x"}, {"EMPTY", ""}});
  EXPECT_EQ(expand_env("${UNSET:-8080}", env)->text, "8080");
  EXPECT_EQ(expand_env("${SET:-8080}", env)->text, "x");
  EXPECT_EQ(expand_env("${EMPTY:-d}", env)->text, "d");  // ':-' also replaces empty values
  EXPECT_EQ(expand_env("${UNSET:-}", env)->text, "");
  EXPECT_EQ(expand_env("cost $$5 and ${SET}", env)->text, "cost $5 and x");
  EXPECT_EQ(expand_env("$$${SET}", env)->text, "$x");
  EXPECT_EQ(expand_env("a $ b $x", env)->text, "a $ b $x");  // lone '$' kept
  EXPECT_EQ(expand_env("end$", env)->text, "end$");
}

TEST(EnvExpand, ErrorsNameTheVariableNotTheValue) {
  const auto env = fake_env({{"SECRET", "hunter2-secret"}});
  auto unset = expand_env("${SECRET}:${MISSING_VAR}", env);
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unset.error().message.find("MISSING_VAR"), std::string::npos);
  EXPECT_EQ(unset.error().message.find("hunter2"), std::string::npos);

  auto open = expand_env("${NEVER_CLOSED", env);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code, ErrorCode::kParse);

  for (const char* bad : {"${}", "${1ABC}", "${A-B}", "${A B}"}) {
    auto r = expand_env(bad, env);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kParse) << bad;
  }
}

TEST(EnvExpand, ProcessEnvironment) {
  ::setenv("ZERODTE_TEST_ENV_EXPAND", "from-process", 1);
  auto r = expand_env("${ZERODTE_TEST_ENV_EXPAND}", process_env());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "from-process");
  ::unsetenv("ZERODTE_TEST_ENV_EXPAND");
  EXPECT_FALSE(expand_env("${ZERODTE_TEST_ENV_EXPAND}", process_env()));
}

}  // namespace
}  // namespace zerodte::core::config

namespace zerodte::core::config {
namespace {

TEST(EnvExpand, SecretFiles) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto path = dir / "zerodte_env_expand_secret.txt";
  {
    std::ofstream out(path);
    out << "file-secret-value\n";
  }
  const auto env = fake_env({});
  auto r = expand_env("${file:" + path.string() + "}", env);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->text, "file-secret-value");  // trailing newline dropped
  EXPECT_TRUE(r->used_env());
  std::filesystem::remove(path);

  auto missing = expand_env("${file:" + path.string() + "}", env);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find(path.string()), std::string::npos);
  EXPECT_FALSE(expand_env("${file:}", env));

  const auto big = dir / "zerodte_env_expand_big.txt";
  {
    std::ofstream out(big);
    out << std::string(70 * 1024, 'x');
  }
  auto too_big = expand_env("${file:" + big.string() + "}", env);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::kInvalid);
  std::filesystem::remove(big);
}

}  // namespace
}  // namespace zerodte::core::config
