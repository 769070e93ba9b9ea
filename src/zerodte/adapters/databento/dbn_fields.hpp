#pragma once
// A DBN record as a flat list of named fields (DBN field names; book levels as
// "levels[i].bid_px"), for printing, JSON/CSV rendering and tests. Reserved bytes are dropped;
// c_char fields are one-character text (empty when NUL).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/adapters/databento/dbn_decoder.hpp"

namespace zerodte::adapters::databento {

enum class FieldKind : std::uint8_t { kInt, kUInt, kInt64, kUInt64, kPrice, kTime, kChar, kText };

struct Field {
  std::string_view name;
  FieldKind kind = FieldKind::kInt;
  std::int64_t i = 0;     // kInt, kInt64, kPrice
  std::uint64_t u = 0;    // kUInt, kUInt64, kTime
  std::string_view text;  // kChar, kText (points into the record or a static)
};

// Appends the record's fields (header first: length, rtype, publisher_id, instrument_id,
// ts_event). Unknown rtypes give the header only.
void record_fields(const RecordView& rec, std::vector<Field>& out);

// The value as text: integers in decimal; with `pretty`, prices as decimals with 9 places
// ("UNDEF" stays raw) and timestamps as ISO-8601 UTC.
std::string field_text(const Field& f, bool pretty = false);
const Field* find_field(const std::vector<Field>& fields, std::string_view name);

// Databento's CSV/JSON renderings of mbo, mbp-1/tbbo, mbp-10 and trades records (column order
// of the DBN encoders: ts_recv, ts_event, rtype, publisher_id, instrument_id, then the body).
// `symbol` (may be empty) is appended as the last column / key when given.
std::string csv_header(std::uint8_t rtype, bool with_symbol);
std::string csv_row(const RecordView& rec, bool pretty, std::string_view symbol = {});
std::string json_line(const RecordView& rec, bool pretty, std::string_view symbol = {});

// One-line human summary: "mbp-1 ts_event=... instrument_id=... price=...".
std::string describe(const RecordView& rec);

}  // namespace zerodte::adapters::databento
