#include "zerodte/core/log/redactor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace zerodte::core::log {
namespace {

class Redactor : public ::testing::Test {
 protected:
  void SetUp() override { clear_secrets_for_testing(); }
  void TearDown() override { clear_secrets_for_testing(); }
};

TEST_F(Redactor, RegisteredSecretsAreMaskedEverywhere) {
  EXPECT_TRUE(register_secret("s3cr3t-value"));
  EXPECT_TRUE(register_secret("s3cr3t-value"));  // idempotent
  EXPECT_EQ(secret_count(), 1u);
  EXPECT_EQ(redact("a s3cr3t-value b s3cr3t-value"), "a *** b ***");
  EXPECT_EQ(redact("prefixs3cr3t-valuesuffix"), "prefix***suffix");
  EXPECT_EQ(redact("nothing here"), "nothing here");
}

TEST_F(Redactor, LongerSecretWinsOverItsPrefix) {
  register_secret("abcd");
  register_secret("abcdefgh");
  EXPECT_EQ(redact("x abcdefgh y abcd"), "x *** y ***");
}

TEST_F(Redactor, ShortValuesAreNotRegistered) {
  EXPECT_FALSE(register_secret(""));
  EXPECT_FALSE(register_secret("abc"));
  EXPECT_EQ(secret_count(), 0u);
  EXPECT_EQ(redact("abc"), "abc");
}

TEST_F(Redactor, CredentialPatternsWithoutRegistration) {
  EXPECT_EQ(redact("Authorization: Bearer eyJhbGciOi.J9.xyz"), "Authorization: Bearer ***");
  EXPECT_EQ(redact("authorization: Basic dXNlcjpwYXNz\r\nHost: x"),
            "authorization: Basic ***\r\nHost: x");
  EXPECT_EQ(redact("GET /v1/q?symbol=SPY&apikey=ABC123XYZ&fmt=json"),
            "GET /v1/q?symbol=SPY&apikey=***&fmt=json");
  EXPECT_EQ(redact(R"({"user":"bob","password":"hunter2","ok":true})"),
            R"({"user":"bob","password":"***","ok":true})");
  EXPECT_EQ(redact(R"({"jwtToken": "eyJ.abc.def", "symboltoken": "3045"})"),
            R"({"jwtToken": "***", "symboltoken": "3045"})");
  EXPECT_EQ(redact("APCA-API-SECRET-KEY: abcdEFGH1234\nAPCA-API-KEY-ID: PK123"),
            "APCA-API-SECRET-KEY: ***\nAPCA-API-KEY-ID: ***");
  EXPECT_EQ(redact("client_secret=zzz; access_token=tok"), "client_secret=***; access_token=***");
  EXPECT_EQ(redact("x-api-key: k-1"), "x-api-key: ***");
  EXPECT_EQ(redact(R"({"password":"with \"quote\" inside"})"), R"({"password":"***"})");
}

TEST_F(Redactor, OrdinaryTextIsUntouched) {
  for (const char* text : {"filled 3 SPY 240119C00450000 @ 1.25", "token bucket refilled",
                           "risk: daily_loss_limit_pct=3", "secret agent", "key=value", "password",
                           "apikey=", R"({"secret":""})"}) {
    EXPECT_EQ(redact(text), text) << text;
  }
}

TEST(SensitiveName, Classification) {
  for (const char* n : {"password", "api_key", "apiKey", "x-api-key", "APCA-API-SECRET-KEY",
                        "client_secret", "access_token", "refreshToken", "jwtToken", "feedToken",
                        "Authorization", "totp", "pin", "webhook_url", "private_key"}) {
    EXPECT_TRUE(is_sensitive_name(n)) << n;
  }
  for (const char* n :
       {"symbol", "symboltoken", "key", "monkey", "port", "name", "tokens", "account_id", "spin"}) {
    EXPECT_FALSE(is_sensitive_name(n)) << n;
  }
}

TEST_F(Redactor, ConcurrentRegisterAndRedact) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) {
        const std::string secret = "secret-" + std::to_string(t) + "-" + std::to_string(i);
        register_secret(secret);
        EXPECT_EQ(redact("<" + secret + ">"), "<***>");
      }
    });
  }
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(secret_count(), 800u);
}

}  // namespace
}  // namespace zerodte::core::log
