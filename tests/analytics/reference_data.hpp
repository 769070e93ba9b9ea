#pragma once
// Readers for the shared indicator reference vectors (../shared/data/reference-values/indicators):
// Tulip test files ("name opts" line, then one {a,b,...} line per input and per output array).
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace zerodte::analytics::testing {

struct RefArray {
  std::vector<double> values;
  std::vector<double> tolerance;  // one unit of the last printed digit of each value
};

struct TulipCase {
  std::string name;              // e.g. "adx"
  std::vector<double> options;   // e.g. {14}
  std::vector<RefArray> arrays;  // inputs then outputs
};

inline RefArray parse_braced(const std::string& line) {
  RefArray a;
  std::string body = line.substr(line.find('{') + 1);
  body = body.substr(0, body.find('}'));
  std::stringstream ss(body);
  std::string tok;
  while (std::getline(ss, tok, ',')) {
    a.values.push_back(std::stod(tok));
    const auto dot = tok.find('.');
    const int decimals = dot == std::string::npos ? 0 : static_cast<int>(tok.size() - dot - 1);
    a.tolerance.push_back(std::pow(10.0, -decimals));
  }
  return a;
}

inline std::vector<TulipCase> read_tulip(const std::string& path) {
  std::ifstream in(path);
  std::vector<TulipCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '{') {
      if (!cases.empty()) cases.back().arrays.push_back(parse_braced(line));
      continue;
    }
    TulipCase c;
    std::stringstream ss(line);
    ss >> c.name;
    double opt = 0;
    while (ss >> opt)
      c.options.push_back(opt);
    cases.push_back(std::move(c));
  }
  return cases;
}

inline const TulipCase* find_case(const std::vector<TulipCase>& cases, const std::string& name,
                                  const std::vector<double>& options) {
  for (const auto& c : cases)
    if (c.name == name && c.options == options) return &c;
  return nullptr;
}

inline std::string tulip_path(const char* file) {
  return std::string(ZERODTE_SHARED_DATA) + "/reference-values/indicators/tulip/" + file;
}

}  // namespace zerodte::analytics::testing
