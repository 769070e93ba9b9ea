#pragma once
// Labelled text sets for training and evaluation: CSV (RFC 4180: quotes, doubled quotes, CRLF,
// newlines inside quotes) or Financial PhraseBank ("sentence@label", Latin-1), a label map
// ("0=negative,1=positive,2=neutral"), and a deterministic hold-out split by text hash.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/sentiment/types.hpp"

namespace zerodte::sentiment {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> row_lines;  // 1-based line where each row starts
};

core::Result<CsvTable> parse_csv(std::string_view text, std::string_view origin);
core::Result<CsvTable> read_csv_file(const std::string& path);
// PhraseBank "sentence@label" lines -> table with columns text,label.
core::Result<CsvTable> read_phrasebank_file(const std::string& path);
core::Result<std::string> read_text_file(const std::string& path);

using LabelMap = std::unordered_map<std::string, Label>;
// "0=negative,1=positive,2=neutral"; empty spec -> labels are names (negative/neutral/positive).
core::Result<LabelMap> parse_label_map(std::string_view spec);

struct Example {
  std::string text;
  Label label = Label::kNeutral;
};

// Split: "all", "holdout:P" (rows whose text hash bucket (0..99) < P), "train:P" (the rest) or
// "buckets:A-B" (A <= bucket < B, e.g. a development slice).
struct SplitSpec {
  enum class Part : std::uint8_t { kAll, kHoldout, kTrain, kBuckets } part = Part::kAll;
  int percent = 0;
  int lo = 0, hi = 100;
  [[nodiscard]] bool selects(int bucket) const {
    switch (part) {
      case Part::kAll:
        return true;
      case Part::kHoldout:
        return bucket < percent;
      case Part::kTrain:
        return bucket >= percent;
      case Part::kBuckets:
        return bucket >= lo && bucket < hi;
    }
    return true;
  }
};
core::Result<SplitSpec> parse_split(std::string_view spec);
[[nodiscard]] int split_bucket(std::string_view text);  // 0..99, stable across runs and machines

struct DatasetSpec {
  std::string path;
  std::string format = "csv";  // csv | phrasebank
  std::string text_column = "text";
  std::string label_column = "label";
  std::string label_map;  // see parse_label_map
  std::string split = "all";
};
core::Result<std::vector<Example>> load_dataset(const DatasetSpec& spec);

}  // namespace zerodte::sentiment
