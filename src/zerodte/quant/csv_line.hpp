#pragma once
// Minimal RFC 4180 field splitting for one CSV line (quoted fields, doubled quotes), and strict
// number parsing, shared by the quant CSV tools and the Cboe chain reader.
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::quant {

std::vector<std::string> split_csv_line(std::string_view line);

// Whole-field double (surrounding spaces allowed); errors name the text.
core::Result<double> parse_double(std::string_view text);

}  // namespace zerodte::quant
