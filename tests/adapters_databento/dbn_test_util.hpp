#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "zerodte/adapters/databento/dbn_decoder.hpp"
#include "zerodte/adapters/databento/dbn_fields.hpp"

namespace zerodte::adapters::databento::testing {

inline std::string dbn_dir() {
  return std::string(ZERODTE_SHARED_DATA) + "/databento";
}

struct DecodedRecord {
  std::vector<Field> fields;
  std::vector<std::byte> bytes;  // keeps the text fields alive
};

// Decodes a whole file; the fields' text views point into each record's own copy.
struct DecodedFile {
  std::optional<Metadata> metadata;
  std::vector<std::vector<std::byte>> records;
  [[nodiscard]] RecordView view(std::size_t i) const { return RecordView(records[i].data(), 0); }
};

inline core::Result<DecodedFile> decode_file(const std::string& path) {
  auto d = DbnDecoder::open(path);
  if (!d) return std::unexpected(d.error());
  DecodedFile out;
  out.metadata = (*d)->metadata();
  for (;;) {
    auto r = (*d)->next();
    if (!r) return std::unexpected(r.error());
    if (!*r) break;
    const auto b = (*r)->bytes();
    out.records.emplace_back(b.begin(), b.end());
  }
  return out;
}

}  // namespace zerodte::adapters::databento::testing
