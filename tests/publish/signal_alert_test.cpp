// The seed's tier texts, MarkdownV2 escaping and chunking, Discord/Telegram payloads, the
// webhook signature (RFC 4231 vector) and HTTP status mapping.
#include <gtest/gtest.h>

#include "zerodte/publish/email_channel.hpp"
#include "zerodte/publish/http_channels.hpp"
#include "zerodte/publish/markdown_v2.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace zerodte::publish {
namespace {

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

SignalAlert spy_call() {
  SignalAlert s;
  s.signal_id = 42;
  s.strategy = "gamma_scalp";
  s.underlying = "SPY";
  s.side = model::Side::kBuy;
  s.kind = OptionKind::kCall;
  s.strike = px("440");
  s.entry = px("2.5");
  s.stop = px("2.1");
  s.target = px("5");
  s.ts = core::Timestamp::from_seconds(1'763'740'800);
  return s;
}

TEST(SignalAlert, SeedTierTexts) {
  const auto s = spy_call();
  EXPECT_EQ(render(s, Tier::kPremium), "BUY SPY 440C @ 2.50, Stop @ 2.10, Target 5.00");
  EXPECT_EQ(render(s, Tier::kBasic), "BUY SPY Calls around 440 strike, trailing stop active");
  EXPECT_EQ(render(s, Tier::kFree), "Bullish SPY setup triggered, premium members entered calls");
}

TEST(SignalAlert, BasicRoundsStrikesAndFreeKeepsDirectionOnly) {
  auto s = spy_call();
  s.kind = OptionKind::kPut;
  s.strike = px("437");
  s.trailing_stop = false;
  EXPECT_EQ(render(s, Tier::kPremium), "BUY SPY 437P @ 2.50, Stop @ 2.10, Target 5.00");
  EXPECT_EQ(render(s, Tier::kBasic), "BUY SPY Puts around 435 strike");
  EXPECT_EQ(render(s, Tier::kFree), "Bearish SPY setup triggered, premium members entered puts");
  s.side = model::Side::kSell;
  EXPECT_EQ(render(s, Tier::kFree), "Bullish SPY setup triggered, premium members sold puts");
  EXPECT_EQ(signal_key(42), "SIG-000042");
  EXPECT_EQ(tier_delay(Tier::kBasic), std::chrono::seconds(60));
  EXPECT_EQ(tier_delay(Tier::kFree), std::chrono::minutes(5));
  EXPECT_FALSE(parse_tier("gold"));
}

TEST(MarkdownV2, EscapesEveryReservedCharacter) {
  EXPECT_EQ(escape_markdown_v2("BUY SPY 440C @ 2.50, Stop @ 2.10 (trail) -5% #1 [x] a_b*c!"),
            "BUY SPY 440C @ 2\\.50, Stop @ 2\\.10 \\(trail\\) \\-5% \\#1 \\[x\\] a\\_b\\*c\\!");
  EXPECT_EQ(escape_markdown_v2("~`>+=|{}\\"), "\\~\\`\\>\\+\\=\\|\\{\\}\\\\");
}

TEST(MarkdownV2, ChunksStayWithinTheLimitAndRejoin) {
  std::string text;
  for (int i = 0; text.size() < 10'000; ++i)
    text += "Line " + std::to_string(i) + ": 2.50 -> 5.00 \u26A0\uFE0F (premium)\n";
  const std::string esc = escape_markdown_v2(text);
  const auto chunks = chunk_text(esc, kTelegramLimit);
  ASSERT_GE(chunks.size(), 3u);
  std::string joined;
  for (const auto& c : chunks) {
    EXPECT_LE(utf8_length(c), kTelegramLimit);
    std::size_t slashes = 0;
    for (auto i = c.size(); i > 0 && c[i - 1] == '\\'; --i)
      ++slashes;
    EXPECT_EQ(slashes % 2, 0u) << "a chunk ends inside an escape pair";
    joined += c;
  }
  EXPECT_EQ(joined, esc);
  // No line break at all: hard cuts, still never splitting an escape or a UTF-8 sequence.
  const std::string dots = escape_markdown_v2(std::string(5000, '.'));
  const auto hard = chunk_text(dots, 4096);
  ASSERT_EQ(hard.size(), 3u);
  EXPECT_EQ(hard[0].size(), 4096u);
  EXPECT_EQ(hard[0] + hard[1] + hard[2], dots);
}

TEST(Payloads, DiscordAndTelegramBodies) {
  OutboundMessage m;
  m.key = "SIG-000042/discord:premium";
  m.id = "SIG-000042";
  m.tier = Tier::kPremium;
  m.title = "SPY signal";
  m.text = render(spy_call(), Tier::kPremium);
  m.ts = spy_call().ts;
  DiscordConfig d;
  const auto dp = discord_payloads(d, m);
  ASSERT_EQ(dp.size(), 1u);
  EXPECT_EQ(dp[0],
            R"({"username":"zerodte","content":"BUY SPY 440C @ 2.50, Stop @ 2.10, Target 5.00",)"
            R"("embeds":[{"title":"SPY signal","color":3066993,"footer":{"text":"SIG-000042 )"
            "\u00b7"
            R"( premium"},)"
            R"("timestamp":"2025-11-21T16:00:00Z"}]})");
  TelegramConfig t;
  t.chat_id = "@premium";
  const auto tp = telegram_payloads(t, m);
  ASSERT_EQ(tp.size(), 1u);
  EXPECT_EQ(
      tp[0],
      R"({"chat_id":"@premium","text":"*SPY signal*\nBUY SPY 440C @ 2\\.50, Stop @ 2\\.10, )"
      R"(Target 5\\.00\n_SIG\\-000042_","parse_mode":"MarkdownV2","disable_web_page_preview":true})");
  m.text = std::string(4500, 'x');
  const auto chunks = discord_payloads(d, m);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[1].find("embeds"), std::string::npos) << "the embed rides on the first part";
}

TEST(Payloads, WebhookSignatureIsHmacSha256) {
  // RFC 4231 test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Payloads, HttpStatusMapping) {
  auto a = http_outcome("discord", 429, R"({"retry_after": 2.5})", "", 2.5);
  EXPECT_EQ(a.status, DeliveryStatus::kRetry);
  EXPECT_EQ(a.retry_after, std::chrono::milliseconds(2500));
  auto b = http_outcome("telegram", 429, "", "7", 0);
  EXPECT_EQ(b.retry_after, std::chrono::seconds(7));
  EXPECT_EQ(http_outcome("x", 503, "", "", 0).status, DeliveryStatus::kRetry);
  EXPECT_EQ(http_outcome("x", 400, "bad", "", 0).status, DeliveryStatus::kFailed);
  EXPECT_EQ(http_outcome("x", 204, "", "", 0).status, DeliveryStatus::kSent);
  EXPECT_EQ(encode_header_word("plain"), "plain");
  EXPECT_EQ(encode_header_word("\u2705 ok"), "=?UTF-8?B?4pyFIG9r?=");
}

}  // namespace
}  // namespace zerodte::publish
