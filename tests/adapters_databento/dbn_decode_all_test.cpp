// Decodes every DBN file under ../shared/data/databento and cross-checks the v3 files field by
// field against the independent JSON renderings in decoded/; malformed and legacy inputs give
// errors naming the file, byte offset and reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dbn_test_util.hpp"
#include "zerodte/adapters/databento/dbn_events.hpp"

namespace zerodte::adapters::databento {
namespace {

namespace fs = std::filesystem;
using testing::dbn_dir;

void flatten(const nlohmann::json& rec, std::vector<std::pair<std::string, nlohmann::json>>& out) {
  for (const auto& [k, v] : rec.items()) {
    if (k == "levels") {
      for (std::size_t i = 0; i < v.size(); ++i) {
        for (const auto& [lk, lv] : v[i].items()) {
          out.emplace_back("levels[" + std::to_string(i) + "]." + lk, lv);
        }
      }
    } else {
      out.emplace_back(k, v);
    }
  }
}

std::string json_scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
  return std::to_string(v.get<std::int64_t>());
}

TEST(DbnDecodeAll, CrossCheckAgainstIndependentRenderings) {
  std::size_t files = 0;
  std::size_t values = 0;
  for (const auto& entry : fs::directory_iterator(dbn_dir() + "/decoded")) {
    std::ifstream in(entry.path());
    const auto doc = nlohmann::json::parse(in);
    const std::string src = doc["source_file"];
    auto decoded = testing::decode_file(dbn_dir() + "/" + src);
    ASSERT_TRUE(decoded.has_value()) << src << ": " << decoded.error().to_string();
    ASSERT_TRUE(decoded->metadata.has_value()) << src;
    const auto& m = *decoded->metadata;
    const auto& wm = doc["metadata"];
    EXPECT_EQ(m.version, wm["version"].get<int>()) << src;
    EXPECT_EQ(m.dataset, wm["dataset"]) << src;
    EXPECT_EQ(m.schema, wm["schema"].get<int>()) << src;
    EXPECT_EQ(m.start, wm["start"].get<std::uint64_t>()) << src;
    EXPECT_EQ(m.end, wm["end"].get<std::uint64_t>()) << src;
    EXPECT_EQ(m.limit, wm["limit"].get<std::uint64_t>()) << src;
    EXPECT_EQ(m.stype_in, wm["stype_in"].get<int>()) << src;
    EXPECT_EQ(m.stype_out, wm["stype_out"].get<int>()) << src;
    EXPECT_EQ(m.ts_out, wm["ts_out"].get<int>() != 0) << src;
    EXPECT_EQ(m.symbols, wm["symbols"].get<std::vector<std::string>>()) << src;
    EXPECT_EQ(m.partial, wm["partial"].get<std::vector<std::string>>()) << src;
    EXPECT_EQ(m.not_found, wm["not_found"].get<std::vector<std::string>>()) << src;
    ASSERT_EQ(m.mappings.size(), wm["mappings"].size()) << src;
    for (std::size_t i = 0; i < m.mappings.size(); ++i) {
      const auto& w = wm["mappings"][i];
      EXPECT_EQ(m.mappings[i].raw_symbol, w["raw_symbol"]) << src;
      ASSERT_EQ(m.mappings[i].intervals.size(), w["intervals"].size()) << src;
      for (std::size_t j = 0; j < w["intervals"].size(); ++j) {
        EXPECT_EQ(m.mappings[i].intervals[j].start_date, w["intervals"][j]["start_date"]);
        EXPECT_EQ(m.mappings[i].intervals[j].end_date, w["intervals"][j]["end_date"]);
        EXPECT_EQ(m.mappings[i].intervals[j].symbol, w["intervals"][j]["symbol"]);
      }
    }
    const auto& wrecs = doc["records"];
    ASSERT_EQ(decoded->records.size(), wrecs.size()) << src;
    for (std::size_t i = 0; i < wrecs.size(); ++i) {
      std::vector<Field> mine;
      record_fields(decoded->view(i), mine);
      std::vector<std::pair<std::string, nlohmann::json>> want;
      flatten(wrecs[i], want);
      for (const auto& [name, v] : want) {
        const Field* f = find_field(mine, name);
        ASSERT_NE(f, nullptr) << src << " record " << i << " lacks " << name;
        EXPECT_EQ(field_text(*f), json_scalar_text(v)) << src << " record " << i << " " << name;
        ++values;
      }
      EXPECT_EQ(mine.size(), want.size()) << src << " record " << i << " field count";
    }
    ++files;
  }
  EXPECT_EQ(files, 90u);
  EXPECT_GT(values, 5000u);
}

TEST(DbnDecodeAll, EveryFileDecodesOrFailsClearly) {
  std::size_t decoded_files = 0;
  std::size_t dbz = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dbn_dir())) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().string();
    const std::string name = entry.path().filename().string();
    const bool is_dbn = name.find(".dbn") != std::string::npos;
    const bool is_dbz = name.size() > 4 && name.substr(name.size() - 4) == ".dbz";
    if (!is_dbn && !is_dbz) continue;
    auto r = testing::decode_file(path);
    if (is_dbz) {
      ASSERT_FALSE(r.has_value()) << path;
      EXPECT_NE(r.error().message.find("unsupported legacy DBZ format"), std::string::npos)
          << r.error().message;
      EXPECT_NE(r.error().message.find(name), std::string::npos);
      EXPECT_EQ(r.error().code, core::ErrorCode::kUnsupported);
      ++dbz;
      continue;
    }
    ASSERT_TRUE(r.has_value()) << path << ": " << r.error().to_string();
    if (name.find(".frag") != std::string::npos) {
      EXPECT_FALSE(r->metadata.has_value()) << path;
      EXPECT_FALSE(r->records.empty()) << path;
      for (std::size_t i = 0; i < r->records.size(); ++i) {
        std::vector<Field> f;
        record_fields(r->view(i), f);
        // CME option definitions ("ESH1 P2250"): a raw symbol and a put/call class.
        EXPECT_FALSE(field_text(*find_field(f, "raw_symbol")).empty()) << path;
        const std::string cls = field_text(*find_field(f, "instrument_class"));
        EXPECT_TRUE(cls == "C" || cls == "P") << path << " " << cls;
        EXPECT_EQ(r->view(i).layout_version(), name.find(".v1.") != std::string::npos   ? 1
                                               : name.find(".v3.") != std::string::npos ? 3
                                                                                        : 2)
            << path;
      }
    } else {
      ASSERT_TRUE(r->metadata.has_value()) << path;
    }
    ++decoded_files;
  }
  EXPECT_GE(decoded_files, 150u);
  EXPECT_GE(dbz, 10u);
}

TEST(DbnDecodeAll, OpraDefinitionInternsTheOccContract) {
  model::InstrumentRegistry registry;
  auto src = DbnEventSource::open(
      dbn_dir() + "/python-tests/OPRA.PILLAR/test_data.definition.dbn.zst", &registry);
  ASSERT_TRUE(src.has_value());
  while ((*src)->next()) {
  }
  ASSERT_FALSE((*src)->error().has_value());
  const auto id = registry.find("AAPL  250221C00250000");
  ASSERT_TRUE(id.has_value());
  const auto& inst = registry.get(*id);
  ASSERT_TRUE(inst.is_option());
  EXPECT_EQ(inst.option->strike, core::Price::from_units(250));
  EXPECT_EQ(inst.option->expiry, (core::Date{2025, 2, 21}));
  EXPECT_EQ((*src)->converter().resolve(16783963), *id);
}

TEST(DbnDecodeAll, OpraMbp1BecomesOptionQuotes) {
  model::InstrumentRegistry registry;
  auto src = DbnEventSource::open(dbn_dir() + "/python-tests/OPRA.PILLAR/test_data.mbp-1.dbn.zst",
                                  &registry);
  ASSERT_TRUE(src.has_value());
  auto raw = testing::decode_file(dbn_dir() + "/python-tests/OPRA.PILLAR/test_data.mbp-1.dbn.zst");
  ASSERT_TRUE(raw.has_value());
  std::size_t quotes = 0;
  std::size_t i = 0;
  while (auto e = (*src)->next()) {
    if (const auto* q = std::get_if<model::OptionQuote>(&*e)) {
      while (raw->view(i).rtype() != 1)
        ++i;
      const auto& m = raw->view(i).as<Mbp1Msg>();
      EXPECT_EQ(q->bid.raw(), m.levels[0].bid_px);
      EXPECT_EQ(q->ask.raw(), m.levels[0].ask_px);
      EXPECT_EQ(q->bid_size, m.levels[0].bid_sz);
      EXPECT_EQ(q->hdr.ts_recv.ns, static_cast<std::int64_t>(m.ts_recv));
      EXPECT_EQ(registry.get(q->hdr.instrument).symbol_view(), "AAPL  250221C00250000");
      ++quotes;
      ++i;
    }
  }
  EXPECT_EQ(quotes, 4u);
}

std::vector<std::byte> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> b(s.size());
  std::memcpy(b.data(), s.data(), s.size());
  return b;
}

core::Error decode_error(std::span<const std::byte> bytes) {
  auto d = DbnDecoder::from_memory(bytes, "mem.dbn");
  if (!d) return d.error();
  for (;;) {
    auto r = (*d)->next();
    if (!r) return r.error();
    if (!*r) return core::Error{core::ErrorCode::kInternal, "no error"};
  }
}

TEST(DbnMalformed, TruncationsAndCorruptionsGiveOffsetsNeverCrashes) {
  const auto good = file_bytes(dbn_dir() + "/dbn-tests/test_data.mbp-10.dbn");
  ASSERT_GT(good.size(), 100u);
  // Every truncation of the file: either a clean prefix or an error naming an offset.
  std::size_t errors = 0;
  for (std::size_t n = 1; n < good.size(); n += 7) {
    const core::Error e = decode_error(std::span(good).first(n));
    if (e.code != core::ErrorCode::kInternal) {
      EXPECT_NE(e.message.find("mem.dbn: byte "), std::string::npos) << e.message;
      ++errors;
    }
  }
  EXPECT_GT(errors, 10u);
  // Record length of zero words.
  auto bad = good;
  const std::uint32_t meta_len = *reinterpret_cast<const std::uint32_t*>(good.data() + 4);
  const std::size_t first_record = 8 + meta_len;
  bad[first_record] = std::byte{0};
  auto e = decode_error(bad);
  EXPECT_EQ(e.message, fmt::format("mem.dbn: byte {}: record length 0 words is shorter than the "
                                   "16-byte header (rtype 0x0a)",
                                   first_record));
  // Length too short for the rtype's layout.
  bad = good;
  bad[first_record] = std::byte{10};
  e = decode_error(bad);
  EXPECT_NE(e.message.find("mbp-10 record of 40 bytes is shorter than its 368 byte layout"),
            std::string::npos)
      << e.message;
  // Unsupported version.
  bad = good;
  bad[3] = std::byte{9};
  e = decode_error(bad);
  EXPECT_EQ(e.code, core::ErrorCode::kUnsupported);
  EXPECT_NE(e.message.find("unsupported DBN version 9"), std::string::npos);
  // Metadata length beyond the data.
  bad = good;
  bad[6] = std::byte{0x7f};
  e = decode_error(bad);
  EXPECT_NE(e.message.find("metadata"), std::string::npos) << e.message;
}

TEST(DbnMalformed, CorruptZstdStreamIsAnError) {
  auto z = file_bytes(dbn_dir() + "/dbn-tests/test_data.mbp-1.v3.dbn.zst");
  for (std::size_t i = 12; i < z.size(); i += 5)
    z[i] ^= std::byte{0x5a};
  const core::Error e = decode_error(z);
  EXPECT_NE(e.code, core::ErrorCode::kInternal);
  EXPECT_NE(e.message.find("mem.dbn"), std::string::npos) << e.message;
}

}  // namespace
}  // namespace zerodte::adapters::databento
