// AngelOne pieces without a server: TOTP (RFC 6238 test vectors), JWT expiry, the 0600 token
// file, NSE order rules, status mapping, SmartStream packet decoding.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>

#include "adapters_angelone/fake_smartapi.hpp"
#include "zerodte/adapters/angelone/angelone_config.hpp"
#include "zerodte/adapters/angelone/angelone_execution_client.hpp"
#include "zerodte/adapters/angelone/nse_order_rules.hpp"
#include "zerodte/adapters/angelone/smart_stream.hpp"
#include "zerodte/adapters/angelone/token_manager.hpp"
#include "zerodte/adapters/angelone/totp.hpp"
#include "zerodte/model/nse_contracts.hpp"

namespace zerodte::adapters::angelone {
namespace {

core::Price px(std::string_view s) {
  return *core::Price::parse(s);
}

TEST(Totp, Rfc6238Sha1Vectors) {
  // RFC 6238 Appendix B, SHA1, key "12345678901234567890" (base32 below), 8 digits.
  const char* secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(*totp(secret, core::Timestamp::from_seconds(59), 8), "94287082");
  EXPECT_EQ(*totp(secret, core::Timestamp::from_seconds(1111111109), 8), "07081804");
  EXPECT_EQ(*totp(secret, core::Timestamp::from_seconds(1234567890), 8), "89005924");
  EXPECT_EQ(*totp(secret, core::Timestamp::from_seconds(2000000000), 8), "69279037");
  EXPECT_EQ(*totp(secret, core::Timestamp::from_seconds(59)), "287082");  // 6 digits
  EXPECT_EQ(*totp("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", core::Timestamp::from_seconds(59)),
            "287082");
  auto bad = totp("not*base32", core::Timestamp{});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.find("not*base32"), std::string::npos);  // secret not echoed
}

TEST(Tokens, JwtExpiryAndFileRules) {
  const std::string jwt = testing::make_jwt(1764000000, 1);
  EXPECT_EQ(jwt_expiry(jwt)->ns, 1764000000LL * 1'000'000'000);
  EXPECT_FALSE(jwt_expiry("abc"));
  EXPECT_FALSE(jwt_expiry(testing::b64url("{}") + "." + testing::b64url(R"({"x":1})") + ".s"));

  const auto dir =
      std::filesystem::temp_directory_path() / ("zerodte-ao-tok-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "state" / "tokens.json").string();
  TokenPair t{jwt, "r-1", "f-1", core::Timestamp{1764000000LL * 1'000'000'000}};
  ASSERT_TRUE(save_tokens(path, t));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto back = load_tokens(path);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->jwt, jwt);
  EXPECT_EQ(back->feed, "f-1");
  EXPECT_EQ(back->expires_at, t.expires_at);
  ::chmod(path.c_str(), 0644);
  auto open = load_tokens(path);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code, core::ErrorCode::kConfig);
  EXPECT_EQ(open.error().message.find(jwt), std::string::npos);
  // Inside this repository (it has .git): refused.
  auto in_repo = save_tokens(std::string(ZERODTE_SOURCE_DIR) + "/build/tokens.json", t);
  ASSERT_FALSE(in_repo);
  EXPECT_EQ(in_repo.error().code, core::ErrorCode::kConfig);
  std::filesystem::remove_all(dir);
}

struct Rules : ::testing::Test {
  model::Instrument inst =
      *model::make_nse_index_option("NIFTY", core::Date{2026, 11, 26}, model::OptionRight::kCall,
                                    px("23500"), model::NseContractTable{}, 75);
  model::OrderIntent order(std::int64_t qty, std::string_view limit) const {
    model::OrderIntent o;
    o.client_order_id = "zs3-nifty";
    o.legs[0] =
        model::OrderLeg{core::InstrumentId{1}, model::Side::kBuy, 1, model::PositionIntent::kAuto};
    o.quantity = core::Quantity{qty};
    o.limit_price = px(limit);
    return o;
  }
};

TEST_F(Rules, LotFreezeTickAndBand) {
  const auto ltp = px("100.00");
  EXPECT_TRUE(check_nse_order(order(150, "101.05"), inst, nullptr, ltp));
  auto lot = check_nse_order(order(100, "101.05"), inst, nullptr, ltp);
  ASSERT_FALSE(lot);
  EXPECT_NE(lot.error().message.find("lot size 75"), std::string::npos);
  Scrip s;
  s.lot_size = 50;  // the scrip master's lot wins over the instrument's
  EXPECT_TRUE(check_nse_order(order(100, "101.05"), inst, &s, ltp));
  auto tick = check_nse_order(order(75, "101.07"), inst, nullptr, ltp);
  ASSERT_FALSE(tick);
  EXPECT_NE(tick.error().message.find("0.05"), std::string::npos);
  EXPECT_TRUE(check_nse_order(order(75, "120.00"), inst, nullptr, ltp));  // +20% exactly
  EXPECT_TRUE(check_nse_order(order(75, "80.00"), inst, nullptr, ltp));   // -20% exactly
  auto band = check_nse_order(order(75, "120.05"), inst, nullptr, ltp);
  ASSERT_FALSE(band);
  EXPECT_NE(band.error().message.find("band"), std::string::npos);
  ASSERT_GT(inst.freeze_quantity, 0);
  const std::int64_t over = (inst.freeze_quantity / 75 + 1) * 75;
  auto freeze = check_nse_order(order(over, "101.05"), inst, nullptr, ltp);
  ASSERT_FALSE(freeze);
  EXPECT_NE(freeze.error().message.find("freeze"), std::string::npos);
}

TEST(AngelStatus, MapsEveryDocumentedState) {
  using S = model::OrderStatus;
  EXPECT_EQ(*status_from_angel("open", 0), S::kAccepted);
  EXPECT_EQ(*status_from_angel("open", 75), S::kPartiallyFilled);
  EXPECT_EQ(*status_from_angel("complete", 75), S::kFilled);
  EXPECT_EQ(*status_from_angel("rejected", 0), S::kRejected);
  EXPECT_EQ(*status_from_angel("cancelled", 0), S::kCancelled);
  EXPECT_EQ(*status_from_angel("trigger pending", 0), S::kAccepted);
  EXPECT_EQ(*status_from_angel("open pending", 0), S::kPendingNew);
  EXPECT_EQ(*status_from_angel("validation pending", 0), S::kPendingNew);
  EXPECT_EQ(*status_from_angel("after market order req received", 0), S::kPendingNew);
  EXPECT_EQ(*status_from_angel("modify pending", 0), S::kPendingReplace);
  EXPECT_EQ(*status_from_angel("cancel pending", 0), S::kPendingCancel);
  EXPECT_EQ(*status_from_angel("Modified", 0), S::kAccepted);
  EXPECT_FALSE(status_from_angel("exploded", 0));
  // 09:15:07 IST on 2026-11-25 = 03:45:07 UTC.
  const core::Timestamp noon_utc{1795608000LL * 1'000'000'000};  // 2026-11-25 12:00 UTC
  EXPECT_EQ(ist_time_today("09:15:07", noon_utc)->ns, 1795578307LL * 1'000'000'000);
}

std::string packet(std::uint8_t mode, std::uint8_t ex, std::string_view token) {
  const std::size_t n = mode == 1 ? 51 : mode == 2 ? 123 : 379;
  std::string p(n, '\0');
  p[0] = static_cast<char>(mode);
  p[1] = static_cast<char>(ex);
  std::memcpy(p.data() + 2, token.data(), token.size());
  auto put = [&](std::size_t off, auto v) { std::memcpy(p.data() + off, &v, sizeof(v)); };
  put(27, std::int64_t{42});
  put(35, std::int64_t{1764042307123});  // ms
  put(43, std::int64_t{10525});          // Rs 105.25 in paise
  if (mode >= 2) {
    put(51, std::int64_t{75});
    put(59, std::int64_t{10400});
    put(67, std::int64_t{1500000});
    put(75, 1.5e6);
    put(83, 2.5e6);
    put(91, std::int64_t{9900});
    put(99, std::int64_t{11000});
    put(107, std::int64_t{9800});
    put(115, std::int64_t{9950});
  }
  if (mode == 3) {
    put(123, std::int64_t{1764042307});
    put(131, std::int64_t{987654});
    for (int i = 0; i < 10; ++i) {
      const std::size_t off = 147 + static_cast<std::size_t>(i) * 20;
      const bool buy = i < 5;
      const int lvl = buy ? i : i - 5;
      put(off, static_cast<std::uint16_t>(buy ? 0 : 1));
      put(off + 2, std::int64_t{(lvl + 1) * 75});
      put(off + 10, std::int64_t{buy ? 10520 - lvl * 5 : 10530 + lvl * 5});
      put(off + 18, static_cast<std::uint16_t>(lvl + 2));
    }
    put(347, std::int64_t{20000});
    put(355, std::int64_t{500});
  }
  return p;
}

std::span<const std::byte> bytes(const std::string& s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

TEST(SmartStreamDecode, LtpQuoteAndSnapQuotePackets) {
  const std::string ltp = packet(1, kNseFo, "43612");
  auto t = decode_smart_tick(bytes(ltp));
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->mode, StreamMode::kLtp);
  EXPECT_EQ(t->token, "43612");
  EXPECT_EQ(t->sequence, 42);
  EXPECT_EQ(t->exchange_time.ns, 1764042307123LL * 1'000'000);
  EXPECT_EQ(t->ltp, px("105.25"));

  auto q = decode_smart_tick(bytes(packet(2, kNseFo, "43612")));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->volume, 1500000);
  EXPECT_EQ(q->high, px("110"));
  EXPECT_DOUBLE_EQ(q->total_sell_qty, 2.5e6);

  auto s = decode_smart_tick(bytes(packet(3, kNseFo, "43612")));
  ASSERT_TRUE(s);
  ASSERT_EQ(s->bids.size(), 5u);
  ASSERT_EQ(s->asks.size(), 5u);
  EXPECT_EQ(s->bids[0].price, px("105.20"));
  EXPECT_EQ(s->asks[0].price, px("105.30"));
  EXPECT_EQ(s->asks[4].quantity, 375);
  EXPECT_EQ(s->open_interest, 987654);
  const auto ev = to_events(*s, core::InstrumentId{7}, true, core::Timestamp{5});
  ASSERT_TRUE(ev.has_option_quote);
  EXPECT_EQ(ev.option_quote.bid, px("105.20"));
  EXPECT_EQ(ev.option_quote.ask, px("105.30"));
  EXPECT_EQ(ev.option_quote.last, px("105.25"));
  ASSERT_TRUE(ev.has_depth);
  EXPECT_EQ(ev.depth.depth, 5);
  EXPECT_EQ(ev.depth.levels[4].bid_px, px("105.00"));
  EXPECT_EQ(ev.depth.levels[4].bid_count, 6u);

  std::string short_quote = packet(2, kNseFo, "1").substr(0, 100);
  auto bad = decode_smart_tick(bytes(short_quote));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("123 needed"), std::string::npos);
  std::string weird = ltp;
  weird[0] = 9;
  EXPECT_FALSE(decode_smart_tick(bytes(weird)));
  EXPECT_EQ(
      subscribe_message("c1", StreamMode::kSnapQuote, kNseFo, {"43612", "43613"}),
      R"({"correlationID":"c1","action":1,"params":{"mode":3,"tokenList":[{"exchangeType":2,"tokens":["43612","43613"]}]}})");
}

TEST(AngelConfig, SectionLoadsFromTomlWithoutSecrets) {
  core::config::ConfigSchema schema;
  register_angelone_sections(schema);
  for (const auto& key : schema.find("broker.angelone")->keys)
    EXPECT_FALSE(key.secret) << key.name;  // credentials live in the environment only
  core::config::LoadOptions opt;
  opt.partial_schema = true;
  auto cfg = core::config::load_config_string(
      "[broker.angelone]\nprice_band_pct = 10.0\nrefresh_before = \"45m\"\n"
      "stream_mode = \"ltp\"\ntoken_file = \"/var/lib/zerodte/ao.json\"\n",
      "test.toml", schema, opt);
  ASSERT_TRUE(cfg) << core::config::format_issues(cfg.error());
  const AngelOneConfig c = angelone_config_from(*cfg);
  EXPECT_DOUBLE_EQ(c.rules.price_band, 0.10);
  EXPECT_EQ(c.tokens.refresh_before, std::chrono::minutes(45));
  EXPECT_EQ(c.tokens.store_path, "/var/lib/zerodte/ao.json");
  EXPECT_EQ(c.rest.base_url, SmartApiConfig{}.base_url);  // the config default is the live root
  EXPECT_EQ(smart_stream_config_from(*cfg).mode, StreamMode::kLtp);
  auto bad = core::config::load_config_string("[broker.angelone]\nproduct_type = \"MARGIN\"\n",
                                              "bad.toml", schema, opt);
  EXPECT_FALSE(bad);
}

}  // namespace
}  // namespace zerodte::adapters::angelone
