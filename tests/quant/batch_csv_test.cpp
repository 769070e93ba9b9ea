#include "zerodte/quant/batch_csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "zerodte/quant/american.hpp"
#include "zerodte/quant/csv_line.hpp"

namespace zerodte::quant {
namespace {

TEST(BatchCsv, GreeksAppendsColumnsAndReportsBadRows) {
  std::istringstream in(
      "type,spot,strike,years,rate,dividend,vol,style\n"
      "C,105,100,0.5,0.1,0.1,0.36,european\n"
      "P,100,100,0.5,0.05,0,abc\n"
      "X,100,100,0.5,0.05,0,0.2\n"
      "P,36,40,1,0.06,0,0.2,american\n");
  std::ostringstream out;
  auto r = run_greeks_csv(in, out, "g.csv");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->rows, 4u);
  ASSERT_EQ(r->row_errors.size(), 2u);
  EXPECT_EQ(r->row_errors[0], "g.csv:3: column 'vol': 'abc' is not a number");
  EXPECT_EQ(r->row_errors[1], "g.csv:4: column 'type': 'X' is not C or P");
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line,
            "type,spot,strike,years,rate,dividend,vol,style,price,delta,gamma,vega,theta,rho");
  std::getline(lines, line);
  const auto f = split_csv_line(line);
  ASSERT_EQ(f.size(), 14u);
  EXPECT_NEAR(*parse_double(f[9]), 0.5946, 1e-4);  // Haug's delta for this option
  std::getline(lines, line);
  EXPECT_EQ(split_csv_line(line).size(), 14u);  // bad row: outputs left empty
  std::getline(lines, line);
  std::getline(lines, line);
  // American put routed to Bjerksund-Stensland 2002 (above the 1993 value 4.4531 and the
  // European value).
  const EuropeanInputs put{OptionType::kPut, 36, 40, 1, 0.06, 0, 0.2};
  EXPECT_DOUBLE_EQ(*parse_double(split_csv_line(line)[8]), bjerksund_stensland_2002(put));
  EXPECT_GT(bjerksund_stensland_2002(put), 4.4531);
}

TEST(BatchCsv, IvRoundTripAndBoundErrors) {
  std::istringstream in(
      "type,spot,strike,years,rate,dividend,price\n"
      "C,60,65,0.25,0.08,0,2.1333684449\n"
      "C,100,90,0.5,0,0,9.5\n");
  std::ostringstream out;
  auto r = run_iv_csv(in, out, "iv.csv");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->row_errors.size(), 1u);
  EXPECT_NE(r->row_errors[0].find("iv.csv:3: column 'price': price 9.5 is below the lower"),
            std::string::npos)
      << r->row_errors[0];
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "type,spot,strike,years,rate,dividend,price,iv,error");
  std::getline(lines, line);
  EXPECT_NEAR(*parse_double(split_csv_line(line)[7]), 0.30, 1e-9);
}

TEST(BatchCsv, MissingColumnIsAnError) {
  std::istringstream in("type,spot,strike,years,rate,vol\n");
  std::ostringstream out;
  auto r = run_greeks_csv(in, out, "m.csv");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("m.csv:1: missing column 'dividend'"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::quant
