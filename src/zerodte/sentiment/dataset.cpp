#include "zerodte/sentiment/dataset.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "zerodte/sentiment/deduplicator.hpp"

namespace zerodte::sentiment {

core::Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::kIo, "{}: cannot open", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

core::Result<CsvTable> parse_csv(std::string_view text, std::string_view origin) {
  CsvTable t;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;
  std::size_t line = 1;
  std::size_t row_line = 1;
  std::size_t quote_line = 0;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
    if (!(row.size() == 1 && row[0].empty())) {
      if (t.header.empty()) {
        t.header = std::move(row);
      } else {
        t.rows.push_back(std::move(row));
        t.row_lines.push_back(row_line);
      }
    }
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      row_line = line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (in_quotes) {
    return core::fail(core::ErrorCode::kParse, "{}:{}: unterminated quoted field", origin,
                      quote_line);
  }
  if (field_started || !row.empty()) end_row();
  if (t.header.empty()) return core::fail(core::ErrorCode::kParse, "{}: empty CSV", origin);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (t.rows[r].size() != t.header.size()) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: {} fields, header has {}", origin,
                        t.row_lines[r], t.rows[r].size(), t.header.size());
    }
  }
  return t;
}

core::Result<CsvTable> read_csv_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_csv(*text, path);
}

core::Result<CsvTable> read_phrasebank_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return std::unexpected(text.error());
  CsvTable t;
  t.header = {"text", "label"};
  std::istringstream in(*text);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto at = line.rfind('@');
    if (at == std::string::npos) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: expected 'sentence@label'", path, n);
    }
    t.rows.push_back({line.substr(0, at), line.substr(at + 1)});
    t.row_lines.push_back(n);
  }
  return t;
}

core::Result<LabelMap> parse_label_map(std::string_view spec) {
  LabelMap m;
  if (spec.empty()) {
    for (Label l : {Label::kNegative, Label::kNeutral, Label::kPositive}) {
      m.emplace(std::string(to_string(l)), l);
    }
    return m;
  }
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    auto comma = spec.find(',', pos);
    if (comma == std::string_view::npos) comma = spec.size();
    const std::string_view item = spec.substr(pos, comma - pos);
    pos = comma + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      return core::fail(core::ErrorCode::kParse, "label map '{}': item '{}' is not key=label", spec,
                        item);
    }
    auto label = parse_label(item.substr(eq + 1));
    if (!label) {
      return core::fail(core::ErrorCode::kParse,
                        "label map '{}': '{}' is not negative/neutral/positive", spec,
                        item.substr(eq + 1));
    }
    m.emplace(std::string(item.substr(0, eq)), *label);
  }
  return m;
}

core::Result<SplitSpec> parse_split(std::string_view spec) {
  SplitSpec s;
  if (spec.empty() || spec == "all") return s;
  const auto colon = spec.find(':');
  const std::string_view part = spec.substr(0, colon);
  if (part == "buckets" && colon != std::string_view::npos) {
    const std::string_view r = spec.substr(colon + 1);
    const auto dash = r.find('-');
    int lo = -1, hi = -1;
    if (dash != std::string_view::npos) {
      std::from_chars(r.data(), r.data() + dash, lo);
      std::from_chars(r.data() + dash + 1, r.data() + r.size(), hi);
    }
    if (lo < 0 || hi > 100 || lo >= hi) {
      return core::fail(core::ErrorCode::kParse,
                        "split '{}': expected buckets:A-B with 0<=A<B<=100", spec);
    }
    s.part = SplitSpec::Part::kBuckets;
    s.lo = lo;
    s.hi = hi;
    return s;
  }
  if (part == "holdout")
    s.part = SplitSpec::Part::kHoldout;
  else if (part == "train")
    s.part = SplitSpec::Part::kTrain;
  else
    return core::fail(core::ErrorCode::kParse, "split '{}': expected all, holdout:P or train:P",
                      spec);
  if (colon == std::string_view::npos) {
    return core::fail(core::ErrorCode::kParse, "split '{}': missing percentage", spec);
  }
  const std::string_view num = spec.substr(colon + 1);
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), s.percent);
  if (ec != std::errc{} || p != num.data() + num.size() || s.percent < 1 || s.percent > 99) {
    return core::fail(core::ErrorCode::kParse, "split '{}': percentage must be 1..99", spec);
  }
  return s;
}

int split_bucket(std::string_view text) {
  return static_cast<int>(hash64(text) % 100);
}

core::Result<std::vector<Example>> load_dataset(const DatasetSpec& spec) {
  core::Result<CsvTable> table;
  if (spec.format == "csv")
    table = read_csv_file(spec.path);
  else if (spec.format == "phrasebank")
    table = read_phrasebank_file(spec.path);
  else
    return core::fail(core::ErrorCode::kConfig, "unknown data format '{}' (csv|phrasebank)",
                      spec.format);
  if (!table) return std::unexpected(table.error());
  auto col = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < table->header.size(); ++i) {
      if (table->header[i] == name) return i;
    }
    return std::nullopt;
  };
  const auto tc = col(spec.text_column);
  const auto lc = col(spec.label_column);
  if (!tc)
    return core::fail(core::ErrorCode::kNotFound, "{}: no column '{}'", spec.path,
                      spec.text_column);
  if (!lc)
    return core::fail(core::ErrorCode::kNotFound, "{}: no column '{}'", spec.path,
                      spec.label_column);
  auto map = parse_label_map(spec.label_map);
  if (!map) return std::unexpected(map.error());
  auto split = parse_split(spec.split);
  if (!split) return std::unexpected(split.error());
  std::vector<Example> out;
  out.reserve(table->rows.size());
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const auto it = map->find(row[*lc]);
    if (it == map->end()) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: label '{}' not in the label map",
                        spec.path, table->row_lines[r], row[*lc]);
    }
    if (split->part != SplitSpec::Part::kAll && !split->selects(split_bucket(row[*tc]))) continue;
    out.push_back(Example{row[*tc], it->second});
  }
  return out;
}

}  // namespace zerodte::sentiment
