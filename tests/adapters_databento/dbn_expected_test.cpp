// Reproduces every value databento-cpp's decoder tests assert (transcribed in
// ../shared/data/databento/expected/dbn-tests.expected-from-databento-cpp.json) for the v1, v2
// and v3 files, and the databento-python CSV/JSON renderings of GLBX.MDP3 mbo and mbp-1.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dbn_test_util.hpp"

namespace zerodte::adapters::databento {
namespace {

using testing::dbn_dir;

nlohmann::json load_json(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return nlohmann::json::parse(in);
}

std::string dataset_of(const std::string& cpp_name) {
  static const std::map<std::string, std::string> kMap{{"dataset::kGlbxMdp3", "GLBX.MDP3"},
                                                       {"dataset::kXnasItch", "XNAS.ITCH"}};
  return kMap.at(cpp_name);
}

std::string schema_of(const std::string& cpp_name) {
  static const std::map<std::string, std::string> kMap{{"Schema::Mbo", "mbo"},
                                                       {"Schema::Mbp1", "mbp-1"},
                                                       {"Schema::Mbp10", "mbp-10"},
                                                       {"Schema::Cmbp1", "cmbp-1"},
                                                       {"Schema::Cbbo1S", "cbbo-1s"},
                                                       {"Schema::Tbbo", "tbbo"},
                                                       {"Schema::Trades", "trades"},
                                                       {"Schema::Ohlcv1D", "ohlcv-1d"},
                                                       {"Schema::Ohlcv1H", "ohlcv-1h"},
                                                       {"Schema::Ohlcv1M", "ohlcv-1m"},
                                                       {"Schema::Ohlcv1S", "ohlcv-1s"},
                                                       {"Schema::Definition", "definition"},
                                                       {"Schema::Imbalance", "imbalance"},
                                                       {"Schema::Statistics", "statistics"}};
  return kMap.at(cpp_name);
}

std::string stype_of(const std::string& cpp_name) {
  return cpp_name == "SType::RawSymbol" ? "raw_symbol" : "instrument_id";
}

std::uint32_t yyyymmdd(const std::string& iso) {
  return static_cast<std::uint32_t>(std::stoi(iso.substr(0, 4)) * 10000 +
                                    std::stoi(iso.substr(5, 2)) * 100 +
                                    std::stoi(iso.substr(8, 2)));
}

void expect_field(const std::vector<Field>& fields, const std::string& name,
                  const nlohmann::json& want, const std::string& ctx) {
  const Field* f = find_field(fields, name);
  ASSERT_NE(f, nullptr) << ctx << " missing field " << name;
  if (want.is_string()) {
    EXPECT_EQ(field_text(*f), want.get<std::string>()) << ctx << " " << name;
  } else if (want.is_number_unsigned()) {
    EXPECT_EQ(field_text(*f), std::to_string(want.get<std::uint64_t>())) << ctx << " " << name;
  } else {
    EXPECT_EQ(field_text(*f), std::to_string(want.get<std::int64_t>())) << ctx << " " << name;
  }
}

TEST(DbnExpected, DatabentoCppDecoderTestsAllVersions) {
  const auto doc = load_json(dbn_dir() + "/expected/dbn-tests.expected-from-databento-cpp.json");
  std::size_t checked = 0;
  for (const auto& [test_name, t] : doc["tests"].items()) {
    for (const auto& file : t["files"]) {
      const std::string fname = file.get<std::string>();
      const std::string ctx = test_name + " " + fname;
      auto decoded = testing::decode_file(dbn_dir() + "/dbn-tests/" + fname);
      ASSERT_TRUE(decoded.has_value()) << ctx << ": " << decoded.error().to_string();
      const int version = fname.find(".v1.") != std::string::npos   ? 1
                          : fname.find(".v2.") != std::string::npos ? 2
                                                                    : 3;
      ASSERT_TRUE(decoded->metadata.has_value()) << ctx;
      const Metadata& m = *decoded->metadata;
      const auto& wm = t["metadata"];
      EXPECT_EQ(m.version, version) << ctx;
      EXPECT_EQ(m.dataset, dataset_of(wm["dataset"])) << ctx;
      EXPECT_EQ(schema_name(m.schema), schema_of(wm["schema"])) << ctx;
      EXPECT_EQ(m.start, wm["start"].get<std::uint64_t>()) << ctx;
      EXPECT_EQ(m.end, wm["end"].get<std::uint64_t>()) << ctx;
      EXPECT_EQ(m.limit, wm["limit"].get<std::uint64_t>()) << ctx;
      EXPECT_EQ(stype_name(m.stype_in), stype_of(wm["stype_in"])) << ctx;
      EXPECT_EQ(stype_name(m.stype_out), stype_of(wm["stype_out"])) << ctx;
      EXPECT_EQ(m.symbols, wm["symbols"].get<std::vector<std::string>>()) << ctx;
      checked += 8;
      if (wm.contains("mappings")) {
        const auto& wmap = wm["mappings"];
        if (wmap.is_array()) {
          ASSERT_EQ(m.mappings.size(), wmap.size()) << ctx;
          for (std::size_t i = 0; i < wmap.size(); ++i) {
            EXPECT_EQ(m.mappings[i].raw_symbol, wmap[i]["raw_symbol"]) << ctx;
            const auto& wiv = wmap[i]["intervals"];
            ASSERT_EQ(m.mappings[i].intervals.size(), wiv.size()) << ctx;
            for (std::size_t j = 0; j < wiv.size(); ++j) {
              EXPECT_EQ(m.mappings[i].intervals[j].symbol, wiv[j]["symbol"]) << ctx;
              EXPECT_EQ(m.mappings[i].intervals[j].start_date, yyyymmdd(wiv[j]["start_date"]));
              EXPECT_EQ(m.mappings[i].intervals[j].end_date, yyyymmdd(wiv[j]["end_date"]));
              checked += 3;
            }
          }
        } else {
          ASSERT_EQ(m.mappings.size(), wmap["count"].get<std::size_t>()) << ctx;
          EXPECT_EQ(m.mappings[0].raw_symbol, wmap["raw_symbol"]) << ctx;
          ASSERT_EQ(m.mappings[0].intervals.size(), wmap["interval_count"].get<std::size_t>());
          const auto& fi = wmap["first_interval"];
          EXPECT_EQ(m.mappings[0].intervals[0].symbol, fi["symbol"]) << ctx;
          EXPECT_EQ(m.mappings[0].intervals[0].start_date, yyyymmdd(fi["start_date"]));
          EXPECT_EQ(m.mappings[0].intervals[0].end_date, yyyymmdd(fi["end_date"]));
          checked += 6;
        }
      }
      if (wm.contains("mappings.size()")) {
        EXPECT_EQ(m.mappings.size(), wm["mappings.size()"].get<std::size_t>()) << ctx;
      }
      const auto& wrecs = t["records"];
      if (t.contains("records_note") && wrecs.empty()) {
        const std::string note = t["records_note"];
        if (note.find("0 records") != std::string::npos) {
          EXPECT_EQ(decoded->records.size(), 0u) << ctx;
        } else {  // definition: 2 records with the listed fields
          ASSERT_EQ(decoded->records.size(), 2u) << ctx;
          for (std::size_t i = 0; i < 2; ++i) {
            std::vector<Field> f;
            record_fields(decoded->view(i), f);
            expect_field(f, "exchange", "XNAS", ctx);
            expect_field(f, "security_update_action", "A", ctx);
            expect_field(f, "min_lot_size_round_lot", 100, ctx);
            expect_field(f, "instrument_class", "K", ctx);
            expect_field(f, "strike_price", INT64_MAX, ctx);
            expect_field(f, "raw_symbol", "MSFT", ctx);
            checked += 6;
          }
        }
        continue;
      }
      ASSERT_EQ(decoded->records.size(), wrecs.size()) << ctx;
      for (std::size_t i = 0; i < wrecs.size(); ++i) {
        std::vector<Field> f;
        record_fields(decoded->view(i), f);
        for (const auto& [key, want] : wrecs[i].items()) {
          std::string name = key.rfind("hd.", 0) == 0 ? key.substr(3) : key;
          if (name == "stat_type_name") continue;
          if (name == "quantity" && want.is_string()) {  // version-specific undefined
            expect_field(f, name, version == 3 ? INT64_MAX : INT32_MAX, ctx);
          } else {
            expect_field(f, name, want, ctx + " record " + std::to_string(i));
          }
          ++checked;
        }
      }
    }
  }
  // 296 record values (x3 versions) plus metadata.
  EXPECT_GT(checked, 296u * 3);
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (!l.empty()) lines.push_back(l);
  }
  return lines;
}

class PythonRendering : public ::testing::TestWithParam<std::string> {};

TEST_P(PythonRendering, CsvAndJsonLinesMatchDatabentoPython) {
  const std::string schema = GetParam();
  auto decoded =
      testing::decode_file(dbn_dir() + "/python-tests/GLBX.MDP3/test_data." + schema + ".dbn.zst");
  ASSERT_TRUE(decoded.has_value()) << decoded.error().to_string();
  const std::string base = dbn_dir() + "/expected/python-tests.GLBX.MDP3." + schema;
  for (bool pretty : {false, true}) {
    const std::string kind = pretty ? "pretty" : "raw";
    const std::string symbol = pretty ? "ESH1" : "";
    const auto csv = read_lines(base + "." + kind + ".csv");
    if (!csv.empty()) {
      ASSERT_EQ(csv.size(), decoded->records.size() + 1);
      EXPECT_EQ(csv[0], csv_header(decoded->view(0).rtype(), pretty));
      for (std::size_t i = 0; i < decoded->records.size(); ++i) {
        EXPECT_EQ(csv_row(decoded->view(i), pretty, symbol), csv[i + 1]) << kind << " row " << i;
      }
    }
    const auto jsonl = read_lines(base + "." + kind + ".jsonl");
    ASSERT_EQ(jsonl.size(), decoded->records.size()) << kind;
    for (std::size_t i = 0; i < jsonl.size(); ++i) {
      EXPECT_EQ(json_line(decoded->view(i), pretty, symbol), jsonl[i]) << kind << " line " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Glbx, PythonRendering, ::testing::Values("mbo", "mbp-1"));

}  // namespace
}  // namespace zerodte::adapters::databento
