#include "zerodte/adapters/databento/dbn_metadata.hpp"

#include <cstring>

namespace zerodte::adapters::databento {

using core::ErrorCode;

std::string_view schema_name(std::uint16_t schema) {
  static constexpr std::string_view kNames[] = {
      "mbo",      "mbp-1",    "mbp-10",     "tbbo",       "trades", "ohlcv-1s",  "ohlcv-1m",
      "ohlcv-1h", "ohlcv-1d", "definition", "statistics", "status", "imbalance", "ohlcv-eod",
      "cmbp-1",   "cbbo-1s",  "cbbo-1m",    "tcbbo",      "bbo-1s", "bbo-1m"};
  if (schema == kSchemaMixed) return "mixed";
  if (schema < std::size(kNames)) return kNames[schema];
  return "unknown";
}

std::string_view stype_name(std::uint8_t stype) {
  static constexpr std::string_view kNames[] = {
      "instrument_id",   "raw_symbol", "smart",      "continuous", "parent",
      "nasdaq_symbol",   "cms_symbol", "isin",       "us_code",    "bbg_comp_id",
      "bbg_comp_ticker", "figi",       "figi_ticker"};
  if (stype == kStypeNone) return "none";
  if (stype < std::size(kNames)) return kNames[stype];
  return "unknown";
}

namespace {

constexpr std::size_t kPreludeSize = 8;
constexpr std::size_t kFixedSize = 100;  // fixed metadata fields incl. reserved padding
constexpr std::uint32_t kMaxCount = 10'000'000;

class Cursor {
 public:
  Cursor(std::span<const std::byte> b, std::string_view src) : b_(b), src_(src) {}
  template <typename T>
  core::Result<T> get(std::string_view what) {
    if (pos_ + sizeof(T) > b_.size()) return truncated(what);
    T v;
    std::memcpy(&v, b_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  core::Result<std::string> cstr(std::size_t len, std::string_view what) {
    if (pos_ + len > b_.size()) return truncated(what);
    const char* p = reinterpret_cast<const char*>(b_.data() + pos_);
    std::size_t n = 0;
    while (n < len && p[n] != '\0')
      ++n;
    pos_ += len;
    return std::string(p, n);
  }
  core::Status skip(std::size_t n, std::string_view what) {
    if (pos_ + n > b_.size()) return truncated(what);
    pos_ += n;
    return core::ok();
  }
  [[nodiscard]] std::size_t offset() const { return kPreludeSize + pos_; }
  std::unexpected<core::Error> error(std::string_view reason) const {
    return core::fail(ErrorCode::kParse, "{}: byte {}: metadata: {}", src_, offset(), reason);
  }

 private:
  std::unexpected<core::Error> truncated(std::string_view what) const {
    return core::fail(ErrorCode::kParse, "{}: byte {}: metadata truncated reading {}", src_,
                      offset(), what);
  }
  std::span<const std::byte> b_;
  std::string_view src_;
  std::size_t pos_ = 0;
};

#define ZDTE_MD_CAT2(a, b) a##b
#define ZDTE_MD_CAT(a, b) ZDTE_MD_CAT2(a, b)
#define ZDTE_TRY_ASSIGN(lhs, expr)                                                           \
  auto ZDTE_MD_CAT(r_, __LINE__) = (expr);                                                   \
  if (!ZDTE_MD_CAT(r_, __LINE__)) return std::unexpected(ZDTE_MD_CAT(r_, __LINE__).error()); \
  lhs = std::move(*ZDTE_MD_CAT(r_, __LINE__))

core::Result<std::vector<std::string>> read_symbols(Cursor& c, std::uint16_t len,
                                                    std::string_view what) {
  std::uint32_t count = 0;
  ZDTE_TRY_ASSIGN(count, c.get<std::uint32_t>(what));
  if (count > kMaxCount) return c.error(fmt::format("{} count {} is implausible", what, count));
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string s;
    ZDTE_TRY_ASSIGN(s, c.cstr(len, what));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

core::Result<Metadata> parse_metadata(std::uint8_t version, std::span<const std::byte> body,
                                      std::string_view source) {
  Metadata m;
  m.version = version;
  Cursor c(body, source);
  if (body.size() < kFixedSize) {
    return c.error(
        fmt::format("length {} is shorter than the {} fixed bytes", body.size(), kFixedSize));
  }
  ZDTE_TRY_ASSIGN(m.dataset, c.cstr(16, "dataset"));
  ZDTE_TRY_ASSIGN(m.schema, c.get<std::uint16_t>("schema"));
  ZDTE_TRY_ASSIGN(m.start, c.get<std::uint64_t>("start"));
  ZDTE_TRY_ASSIGN(m.end, c.get<std::uint64_t>("end"));
  ZDTE_TRY_ASSIGN(m.limit, c.get<std::uint64_t>("limit"));
  if (version == 1) {
    ZDTE_TRY_ASSIGN(m.record_count, c.get<std::uint64_t>("record_count"));
  }
  ZDTE_TRY_ASSIGN(m.stype_in, c.get<std::uint8_t>("stype_in"));
  ZDTE_TRY_ASSIGN(m.stype_out, c.get<std::uint8_t>("stype_out"));
  std::uint8_t ts_out = 0;
  ZDTE_TRY_ASSIGN(ts_out, c.get<std::uint8_t>("ts_out"));
  m.ts_out = ts_out != 0;
  if (version == 1) {
    m.symbol_cstr_len = 22;
    if (auto s = c.skip(47, "reserved"); !s) return std::unexpected(s.error());
  } else {
    ZDTE_TRY_ASSIGN(m.symbol_cstr_len, c.get<std::uint16_t>("symbol_cstr_len"));
    if (m.symbol_cstr_len == 0 || m.symbol_cstr_len > 1024) {
      return c.error(fmt::format("symbol_cstr_len {} is invalid", m.symbol_cstr_len));
    }
    if (auto s = c.skip(53, "reserved"); !s) return std::unexpected(s.error());
  }
  if (m.schema != kSchemaMixed && schema_name(m.schema) == "unknown") {
    return c.error(fmt::format("unknown schema {}", m.schema));
  }
  std::uint32_t schema_def_len = 0;
  ZDTE_TRY_ASSIGN(schema_def_len, c.get<std::uint32_t>("schema_definition_length"));
  if (schema_def_len != 0) {
    return c.error(fmt::format("schema definitions are not supported (length {})", schema_def_len));
  }
  const std::uint16_t len = m.symbol_cstr_len;
  ZDTE_TRY_ASSIGN(m.symbols, read_symbols(c, len, "symbols"));
  ZDTE_TRY_ASSIGN(m.partial, read_symbols(c, len, "partial"));
  ZDTE_TRY_ASSIGN(m.not_found, read_symbols(c, len, "not_found"));
  std::uint32_t n_map = 0;
  ZDTE_TRY_ASSIGN(n_map, c.get<std::uint32_t>("mappings count"));
  if (n_map > kMaxCount) return c.error(fmt::format("mappings count {} is implausible", n_map));
  for (std::uint32_t i = 0; i < n_map; ++i) {
    SymbolMapping sm;
    ZDTE_TRY_ASSIGN(sm.raw_symbol, c.cstr(len, "mapping raw_symbol"));
    std::uint32_t n_int = 0;
    ZDTE_TRY_ASSIGN(n_int, c.get<std::uint32_t>("mapping interval count"));
    if (n_int > kMaxCount) return c.error(fmt::format("interval count {} is implausible", n_int));
    for (std::uint32_t j = 0; j < n_int; ++j) {
      MappingInterval iv;
      ZDTE_TRY_ASSIGN(iv.start_date, c.get<std::uint32_t>("interval start_date"));
      ZDTE_TRY_ASSIGN(iv.end_date, c.get<std::uint32_t>("interval end_date"));
      ZDTE_TRY_ASSIGN(iv.symbol, c.cstr(len, "interval symbol"));
      sm.intervals.push_back(std::move(iv));
    }
    m.mappings.push_back(std::move(sm));
  }
  return m;
}

namespace {
template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_cstr(std::string& out, std::string_view s, std::size_t len) {
  std::string field(len, '\0');
  std::memcpy(field.data(), s.data(), std::min(s.size(), len - 1));
  out += field;
}
}  // namespace

std::string encode_metadata(const Metadata& meta) {
  const std::uint16_t len = meta.version == 1 ? 22 : 71;
  std::string body;
  put_cstr(body, meta.dataset, 16);
  put(body, meta.schema);
  put(body, meta.start);
  put(body, meta.end);
  put(body, meta.limit);
  if (meta.version == 1) put(body, meta.record_count);
  put(body, meta.stype_in);
  put(body, meta.stype_out);
  put(body, static_cast<std::uint8_t>(meta.ts_out ? 1 : 0));
  if (meta.version == 1) {
    body.append(47, '\0');
  } else {
    put(body, len);
    body.append(53, '\0');
  }
  put(body, std::uint32_t{0});
  for (const auto* list : {&meta.symbols, &meta.partial, &meta.not_found}) {
    put(body, static_cast<std::uint32_t>(list->size()));
    for (const auto& s : *list)
      put_cstr(body, s, len);
  }
  put(body, static_cast<std::uint32_t>(meta.mappings.size()));
  for (const auto& m : meta.mappings) {
    put_cstr(body, m.raw_symbol, len);
    put(body, static_cast<std::uint32_t>(m.intervals.size()));
    for (const auto& iv : m.intervals) {
      put(body, iv.start_date);
      put(body, iv.end_date);
      put_cstr(body, iv.symbol, len);
    }
  }
  // Pad so the first record starts 8-byte aligned.
  while ((body.size() + 8) % 8 != 0)
    body.push_back('\0');
  std::string out = "DBN";
  out.push_back(static_cast<char>(meta.version));
  put(out, static_cast<std::uint32_t>(body.size()));
  return out + body;
}

}  // namespace zerodte::adapters::databento
