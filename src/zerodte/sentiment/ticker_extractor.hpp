#pragma once
// Ticker extraction from post text: cashtags ($NVDA, $BRK.B), plain upper-case tickers that are in
// a configured universe and not on a stop-list ("A", "IT", "ALL", "ON", ... are only taken as
// cashtags), and company-name aliases from a configurable table ("nvidia" -> NVDA).
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::sentiment {

enum class MentionKind : std::uint8_t { kCashtag, kPlain, kAlias };

struct TickerMention {
  std::string symbol;  // upper case, e.g. "NVDA", "BRK.B"
  MentionKind kind = MentionKind::kCashtag;
  std::size_t offset = 0;  // byte offset of the first mention in the text
  int count = 1;           // mentions of this symbol in the text
};

struct TickerConfig {
  std::unordered_set<std::string> universe;              // symbols accepted as plain words
  std::unordered_set<std::string> stop_list;             // words never taken as plain tickers
  std::unordered_map<std::string, std::string> aliases;  // lower-case name -> symbol
  std::size_t max_cashtag_letters = 6;

  // A default: liquid US names that trade 0DTE/weekly options, a stop-list of common upper-case
  // English words and finance abbreviations, and the company names of the universe.
  static TickerConfig defaults();
  // Adds aliases from a TSV file "alias<TAB>SYMBOL" ('#' comments); errors name file and line.
  core::Status load_aliases(const std::string& path);
  // Adds symbols (one per line) to the universe.
  core::Status load_universe(const std::string& path);
};

class TickerExtractor {
 public:
  explicit TickerExtractor(TickerConfig cfg = TickerConfig::defaults());
  // `text` should be normalize_unicode()d. Mentions are in order of first appearance.
  [[nodiscard]] std::vector<TickerMention> extract(std::string_view text) const;
  [[nodiscard]] const TickerConfig& config() const { return cfg_; }

 private:
  void add(std::vector<TickerMention>& out, std::string symbol, MentionKind kind,
           std::size_t offset) const;
  TickerConfig cfg_;
  std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, std::string>>>
      alias_by_first_word_;
};

}  // namespace zerodte::sentiment
