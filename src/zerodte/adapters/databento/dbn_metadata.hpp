#pragma once
// DBN metadata header (versions 1-3): dataset, schema, time range, symbology and mappings.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::adapters::databento {

inline constexpr std::uint16_t kSchemaMixed = 0xFFFF;
inline constexpr std::uint8_t kStypeNone = 0xFF;
inline constexpr std::uint8_t kMaxDbnVersion = 3;

std::string_view schema_name(std::uint16_t schema);  // "mbp-1", ..., "mixed", "unknown"
std::string_view stype_name(std::uint8_t stype);     // "raw_symbol", ...

struct MappingInterval {
  std::uint32_t start_date = 0;  // YYYYMMDD
  std::uint32_t end_date = 0;    // YYYYMMDD, exclusive
  std::string symbol;
};

struct SymbolMapping {
  std::string raw_symbol;
  std::vector<MappingInterval> intervals;
};

struct Metadata {
  std::uint8_t version = 0;
  std::string dataset;
  std::uint16_t schema = kSchemaMixed;
  std::uint64_t start = 0;
  std::uint64_t end = UINT64_MAX;
  std::uint64_t limit = 0;
  std::uint64_t record_count = 0;  // v1 only
  std::uint8_t stype_in = kStypeNone;
  std::uint8_t stype_out = 0;
  bool ts_out = false;
  std::uint16_t symbol_cstr_len = 0;
  std::vector<std::string> symbols;
  std::vector<std::string> partial;
  std::vector<std::string> not_found;
  std::vector<SymbolMapping> mappings;
};

// Parses the metadata body that follows the 8-byte prelude ("DBN", version, u32 length).
// `source` names the input in errors; offsets are relative to the start of the stream.
core::Result<Metadata> parse_metadata(std::uint8_t version, std::span<const std::byte> body,
                                      std::string_view source);

// Encodes `meta` as a complete DBN header (prelude + body) of meta.version (2 or 3).
std::string encode_metadata(const Metadata& meta);

}  // namespace zerodte::adapters::databento
