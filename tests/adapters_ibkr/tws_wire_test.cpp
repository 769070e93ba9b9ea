// The TWS wire format: framing and the handshake bytes as the reference client (EClient.connect,
// comm.make_msg) produces them, and typed field reading.
#include "zerodte/adapters/ibkr/tws_wire.hpp"

#include <gtest/gtest.h>

namespace zerodte::adapters::ibkr {
namespace {

using namespace std::string_literals;

TEST(TwsWire, FrameIsBigEndianLengthThenPayload) {
  EXPECT_EQ(frame("v100..151"), "\x00\x00\x00\x09v100..151"s);
  const std::string big(300, 'x');
  const std::string f = frame(big);
  ASSERT_EQ(f.size(), 304u);
  EXPECT_EQ(static_cast<unsigned char>(f[2]), 1u);  // 300 = 0x012C
  EXPECT_EQ(static_cast<unsigned char>(f[3]), 0x2Cu);
}

TEST(TwsWire, ClientHelloIsApiPrefixAndVersionRange) {
  EXPECT_EQ(client_hello(100, 151), "API\0\x00\x00\x00\x09v100..151"s);
}

TEST(TwsWire, VersionRangeParses) {
  EXPECT_EQ(*parse_version_range("v100..151"), (std::pair{100, 151}));
  EXPECT_EQ(*parse_version_range("v151"), (std::pair{151, 151}));
  for (const char* bad : {"", "v", "100..151", "v151..100", "vx..1", "v100..", "v1..2x"}) {
    auto r = parse_version_range(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find("version range"), std::string::npos);
  }
}

TEST(TwsWire, WriterMatchesPythonFieldText) {
  FieldWriter w;
  w.i64(3).str("SPY").dbl(660.0).dbl(0).dbl(1.05).boolean(true).boolean(false);
  w.price_or_empty(core::Price::undefined()).price_or_empty(*core::Price::parse("150.25"));
  w.price_or_unset(core::Price::undefined());
  EXPECT_EQ(split_fields(w.payload()),
            (std::vector<std::string>{"3", "SPY", "660.0", "0.0", "1.05", "1", "0", "", "150.25",
                                      "1.7976931348623157e+308"}));
  EXPECT_EQ(w.payload().back(), '\0');
  FieldWriter nul;
  nul.str(std::string("A\0B", 3));  // a NUL inside a value must not split the message
  EXPECT_EQ(split_fields(nul.payload()).size(), 1u);
}

TEST(TwsWire, ReaderTypesAndErrorsNameTheField) {
  const std::string p = "7\0abc\0\0001.5\0001.7976931348623157E308\00010.0\0002.5\0"s;
  FieldReader r(p, "orderStatus");
  EXPECT_EQ(*r.i64(), 7);
  auto bad = r.i64();
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("orderStatus field 2"), std::string::npos);
  EXPECT_NE(bad.error().message.find("'abc'"), std::string::npos);
  EXPECT_EQ(*r.i64(), 0);  // "" -> 0 like the reference decoder
  EXPECT_EQ(*r.price(), *core::Price::parse("1.5"));
  EXPECT_FALSE(r.price()->is_defined());  // UNSET_DOUBLE
  EXPECT_EQ(*r.quantity(), 10);
  auto half = r.quantity();
  ASSERT_FALSE(half);
  EXPECT_NE(half.error().message.find("whole quantity"), std::string::npos);
  EXPECT_TRUE(r.at_end());
  auto past = r.str();
  ASSERT_FALSE(past);
  EXPECT_NE(past.error().message.find("ends before field 8"), std::string::npos);
}

TEST(TwsWire, FrameBufferReassemblesSplitAndJoinedMessages) {
  const std::string a = frame(
      "9\0"
      "1\0"
      "100\0"s);
  const std::string b = frame(
      "15\0"
      "1\0"
      "DU1\0"s);
  const std::string stream = a + b;
  FrameBuffer fb;
  std::vector<std::string> got;
  for (char c : stream) {  // one byte at a time
    fb.append(std::string_view(&c, 1));
    while (true) {
      auto n = fb.next();
      ASSERT_TRUE(n);
      if (!*n) break;
      got.push_back(**n);
    }
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(split_fields(got[1])[2], "DU1");
  FrameBuffer zero;
  zero.append("\0\0\0\0"s);
  EXPECT_FALSE(zero.next());
  FrameBuffer huge;
  huge.append("\x7f\xff\xff\xff"s);
  auto e = huge.next();
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("length"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::adapters::ibkr
