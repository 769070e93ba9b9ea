#include "zerodte/model/occ_symbol.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace zerodte::model {
namespace {

using core::Date;
using core::Price;

Price px(std::string_view s) {
  return Price::parse(s).value();
}

TEST(OccSymbol, ParsesPaddedForm) {
  auto s = OccSymbol::parse("SPY   240119C00450000");
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->root.view(), "SPY");
  EXPECT_EQ(s->expiry, (Date{2024, 1, 19}));
  EXPECT_EQ(s->right, OptionRight::kCall);
  EXPECT_EQ(s->strike, Price::from_units(450));
  EXPECT_EQ(s->strike_thousandths(), 450'000);
}

TEST(OccSymbol, ParsesCompactAndPolygonForms) {
  auto a = OccSymbol::parse("SPY240119P00450000");
  auto b = OccSymbol::parse("O:SPY240119P00450000");
  auto c = OccSymbol::parse("SPY   240119P00450000");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*a, *c);
  EXPECT_EQ(a->right, OptionRight::kPut);
}

TEST(OccSymbol, FormatsAllThreeForms) {
  auto s = OccSymbol::make("SPXW", Date{2024, 6, 14}, OptionRight::kPut, px("5400")).value();
  EXPECT_EQ(s.padded(), "SPXW  240614P05400000");
  EXPECT_EQ(s.padded().size(), 21u);
  EXPECT_EQ(s.compact(), "SPXW240614P05400000");
  EXPECT_EQ(s.polygon(), "O:SPXW240614P05400000");
}

TEST(OccSymbol, StrikeEncodingKnownValues) {
  struct Case {
    const char* strike;
    const char* digits;
  };
  const Case cases[] = {{"450.5", "00450500"},     {"0.5", "00000500"},   {"4307.5", "04307500"},
                        {"99999.999", "99999999"}, {"0.001", "00000001"}, {"5400", "05400000"},
                        {"12.125", "00012125"},    {"1", "00001000"}};
  for (const auto& c : cases) {
    auto s = OccSymbol::make("AAPL", Date{2025, 3, 21}, OptionRight::kCall, px(c.strike));
    ASSERT_TRUE(s) << c.strike << ": " << s.error().to_string();
    EXPECT_EQ(s->compact(), std::string("AAPL250321C") + c.digits) << c.strike;
    auto back = OccSymbol::parse(s->compact());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->strike, px(c.strike)) << c.strike;
  }
}

TEST(OccSymbol, RoundTripsManySymbolsInEveryForm) {
  const std::vector<std::string> roots = {"A",     "F",     "SPY",    "QQQ",  "IWM",
                                          "SPX",   "SPXW",  "SPY1",   "BRKB", "NDXP",
                                          "AAPL7", "GOOGL", "ABCDEF", "X2"};
  const std::vector<std::string> strikes = {"0.5",   "1",      "2.5",  "12.125", "450",
                                            "450.5", "4307.5", "5400", "10000",  "99999.999"};
  const std::vector<Date> dates = {{2000, 1, 1}, {2024, 1, 19}, {2024, 2, 29}, {2099, 12, 31}};
  int n = 0;
  for (const auto& root : roots) {
    for (const auto& k : strikes) {
      for (const auto& d : dates) {
        for (auto right : {OptionRight::kCall, OptionRight::kPut}) {
          auto s = OccSymbol::make(root, d, right, px(k));
          ASSERT_TRUE(s) << root << " " << k << ": " << s.error().to_string();
          for (auto form : {OccForm::kPadded, OccForm::kCompact, OccForm::kPolygon}) {
            const std::string text = s->format(form);
            auto back = OccSymbol::parse(text);
            ASSERT_TRUE(back) << text << ": " << back.error().to_string();
            EXPECT_EQ(*back, *s) << text;
            EXPECT_EQ(back->format(form), text);
            ++n;
          }
          EXPECT_EQ(s->padded().size(), 21u);
        }
      }
    }
  }
  EXPECT_EQ(n, 14 * 10 * 4 * 2 * 3);
}

// Error text must name the symbol and the rule broken.
void expect_reject(std::string_view text, std::string_view needle) {
  auto s = OccSymbol::parse(text);
  ASSERT_FALSE(s) << "accepted '" << text << "'";
  EXPECT_EQ(s.error().code, core::ErrorCode::kParse);
  EXPECT_NE(s.error().message.find(std::string(text)), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find(std::string(needle)), std::string::npos)
      << "'" << text << "' -> " << s.error().message << " (expected to mention '" << needle << "')";
}

TEST(OccSymbol, RejectsMalformed) {
  expect_reject("", "empty");
  expect_reject("SPY240119C0045000", "YYMMDD");         // 7 strike digits: fields shift
  expect_reject("240119C00450000", "too short");        // no root
  expect_reject("SPYSPYS240119C00450000", "too long");  // 7-char root
  expect_reject("SPY   240119C004500000", "too long");
  expect_reject("SPY241345C00450000", "not a calendar date");
  expect_reject("SPY240230C00450000", "not a calendar date");
  expect_reject("SPY230229C00450000", "not a calendar date");  // 2023 not a leap year
  expect_reject("SPY240019C00450000", "not a calendar date");
  expect_reject("SPY24O119C00450000", "6 digits");
  expect_reject("SPY240119X00450000", "right must be 'C' or 'P'");
  expect_reject("SPY240119c00450000", "right must be 'C' or 'P'");
  expect_reject("SPY240119C0045O000", "8 digits");
  expect_reject("SPY240119C-0450000", "8 digits");
  expect_reject("SPY240119C00000000", "strike is zero");
  expect_reject("spy240119C00450000", "lowercase");
  expect_reject("SpY   240119C00450000", "lowercase");
  expect_reject("SP Y  240119C00450000", "space inside the root");
  expect_reject("SPY 240119C00450000", "exactly 6");
  expect_reject(" SPY  240119C00450000", "leading or trailing whitespace");
  expect_reject("      240119C00450000", "whitespace");
  expect_reject("SPY240119C00450000\n", "whitespace");
  expect_reject("1SPY  240119C00450000", "begin with a letter");
  expect_reject("SP.Y240119C00450000", "allowed: A-Z, 0-9");
  expect_reject("X:SPY240119C00450000", "unknown prefix");
  expect_reject("SPY240119C00450000 ", "whitespace");
  expect_reject("O:", "too short");
}

TEST(OccSymbol, MakeRejectsUnrepresentable) {
  const Date d{2024, 1, 19};
  EXPECT_FALSE(OccSymbol::make("SPY", d, OptionRight::kCall, px("0")));
  EXPECT_FALSE(OccSymbol::make("SPY", d, OptionRight::kCall, px("-5")));
  EXPECT_FALSE(OccSymbol::make("SPY", d, OptionRight::kCall, px("100000")));
  EXPECT_FALSE(OccSymbol::make("SPY", d, OptionRight::kCall, px("450.0005")));
  EXPECT_FALSE(OccSymbol::make("SPY", d, OptionRight::kCall, Price::undefined()));
  EXPECT_FALSE(OccSymbol::make("", d, OptionRight::kCall, px("1")));
  EXPECT_FALSE(OccSymbol::make("TOOLONG", d, OptionRight::kCall, px("1")));
  EXPECT_FALSE(OccSymbol::make("SPY", Date{1999, 12, 31}, OptionRight::kCall, px("1")));
  EXPECT_FALSE(OccSymbol::make("SPY", Date{2100, 1, 1}, OptionRight::kCall, px("1")));
  EXPECT_FALSE(OccSymbol::make("SPY", Date{2024, 2, 30}, OptionRight::kCall, px("1")));
  auto e = OccSymbol::make("SPY", d, OptionRight::kCall, px("450.0005"));
  EXPECT_NE(e.error().message.find("3 decimal"), std::string::npos) << e.error().message;
}

// Vendor fixtures: symbols as Polygon, Alpaca and Tradier send them, with the strike/expiry the
// same payload states separately.
TEST(OccSymbol, VendorPayloadSymbols) {
  struct Case {
    const char* text;
    const char* root;
    Date expiry;
    OptionRight right;
    const char* strike;
  };
  const Case cases[] = {
      {"O:AAPL230616C00150000", "AAPL", {2023, 6, 16}, OptionRight::kCall, "150"},
      {"O:EVRI240119C00002500", "EVRI", {2024, 1, 19}, OptionRight::kCall, "2.5"},
      {"O:A220520C00160000", "A", {2022, 5, 20}, OptionRight::kCall, "160"},
      {"AAPL240126P00050000", "AAPL", {2024, 1, 26}, OptionRight::kPut, "50"},
      {"SPY240426C00555000", "SPY", {2024, 4, 26}, OptionRight::kCall, "555"},
      {"AAPL150117C01000000", "AAPL", {2015, 1, 17}, OptionRight::kCall, "1000"},
      {"SPXW230609C04300000", "SPXW", {2023, 6, 9}, OptionRight::kCall, "4300"},
  };
  for (const auto& c : cases) {
    auto s = OccSymbol::parse(c.text);
    ASSERT_TRUE(s) << c.text << ": " << s.error().to_string();
    EXPECT_EQ(s->root.view(), c.root) << c.text;
    EXPECT_EQ(s->expiry, c.expiry) << c.text;
    EXPECT_EQ(s->right, c.right) << c.text;
    EXPECT_EQ(s->strike, px(c.strike)) << c.text;
  }
}

// Every symbol in two real CBOE SPX/SPXW chain exports parses, agrees with the row's own
// strike/expiry columns and the call/put side, and round-trips in every form.
TEST(OccSymbol, CboeChainExportsAgreeWithTheirColumns) {
  const char* files[] = {"/options/cboe-quotedata/SPX_2023-06-09_1340ET_0dte_intraday.csv",
                         "/options/cboe-quotedata/SPX_2023-09-14_1631ET.csv"};
  const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::size_t checked = 0;
  std::size_t mismatches = 0;
  std::string first_mismatch;
  std::set<std::string> roots;
  for (const char* file : files) {
    const std::string path = std::string(ZERODTE_SHARED_DATA) + file;
    std::ifstream in(path);
    ASSERT_TRUE(in) << "cannot open " << path;
    std::string line;
    for (int i = 0; i < 4; ++i)
      std::getline(in, line);  // blank, name, date, header
    std::vector<std::string_view> f;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      f.clear();
      std::string_view rest = line;
      for (std::size_t p; (p = rest.find(',')) != std::string_view::npos;
           rest.remove_prefix(p + 1)) {
        f.push_back(rest.substr(0, p));
      }
      f.push_back(rest);
      ASSERT_EQ(f.size(), 22u) << line;
      // "Fri Jun 09 2023"
      const std::string_view exp = f[0];
      int month = 0;
      for (int m = 0; m < 12; ++m) {
        if (exp.substr(4, 3) == kMonths[m]) month = m + 1;
      }
      const Date expiry{std::stoi(std::string(exp.substr(11, 4))), month,
                        std::stoi(std::string(exp.substr(8, 2)))};
      const Price strike = Price::parse(f[11]).value();
      for (int side = 0; side < 2; ++side) {
        const std::string_view sym = f[side == 0 ? 1 : 12];
        auto s = OccSymbol::parse(sym);
        ASSERT_TRUE(s) << sym << ": " << s.error().to_string();
        const bool ok = s->expiry == expiry && s->strike == strike &&
                        s->right == (side == 0 ? OptionRight::kCall : OptionRight::kPut) &&
                        s->compact() == sym && OccSymbol::parse(s->padded()) == *s;
        if (!ok && mismatches++ == 0) first_mismatch = line;
        if (roots.size() < 8) roots.insert(s->root.str());
        ++checked;
      }
    }
  }
  EXPECT_EQ(mismatches, 0u) << "first: " << first_mismatch;
  EXPECT_GT(checked, 37'000u);
  EXPECT_EQ(roots, (std::set<std::string>{"SPX", "SPXW"}));
}

// Robustness: single-character mutations of valid symbols either parse to something that
// round-trips or fail with a kParse error naming the input; nothing else.
TEST(OccSymbol, MutatedSymbolsParseConsistentlyOrFailCleanly) {
  const std::vector<std::string> seeds = {"SPY   240119C00450000", "SPXW240614P05400000",
                                          "O:AAPL230616C00150000", "A220520C00160000"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> ch(0x20, 0x7e);
  int accepted = 0;
  int rejected = 0;
  for (const auto& seed : seeds) {
    for (int i = 0; i < 2000; ++i) {
      std::string t = seed;
      t[std::uniform_int_distribution<std::size_t>(0, t.size() - 1)(rng)] =
          static_cast<char>(ch(rng));
      if (i % 7 == 0) t.erase(t.size() / 2, 1);
      auto s = OccSymbol::parse(t);
      if (s) {
        ++accepted;
        for (auto form : {OccForm::kPadded, OccForm::kCompact, OccForm::kPolygon}) {
          auto again = OccSymbol::parse(s->format(form));
          ASSERT_TRUE(again) << t;
          ASSERT_EQ(*again, *s) << t;
        }
      } else {
        ++rejected;
        ASSERT_EQ(s.error().code, core::ErrorCode::kParse) << t;
        ASSERT_NE(s.error().message.find(t), std::string::npos) << s.error().message;
      }
    }
  }
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace zerodte::model
