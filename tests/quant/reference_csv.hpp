#pragma once
// Reads the shared reference CSVs (header + rows) into maps keyed by column name.
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "zerodte/quant/csv_line.hpp"

namespace zerodte::quant::testing {

struct CsvRow {
  std::map<std::string, std::string> fields;
  double num(const std::string& key) const {
    auto it = fields.find(key);
    if (it == fields.end()) throw std::runtime_error("no column " + key);
    auto v = parse_double(it->second);
    if (!v) throw std::runtime_error("bad number in " + key + ": " + it->second);
    return *v;
  }
  const std::string& str(const std::string& key) const { return fields.at(key); }
};

inline std::vector<CsvRow> read_reference_csv(const std::string& relative) {
  const std::string path = std::string(ZERODTE_SHARED_DATA) + "/" + relative;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto f = split_csv_line(line);
    CsvRow row;
    for (std::size_t i = 0; i < header.size() && i < f.size(); ++i)
      row.fields[header[i]] = f[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace zerodte::quant::testing
