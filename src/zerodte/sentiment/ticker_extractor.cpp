#include "zerodte/sentiment/ticker_extractor.hpp"

#include <algorithm>
#include <fstream>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Lower-cased words with their byte offsets; a word is alphanumerics, '&', and inner '-'.
std::vector<std::pair<std::string, std::size_t>> alias_words(std::string_view text) {
  std::vector<std::pair<std::string, std::size_t>> words;
  std::string cur;
  std::size_t start = 0;
  const std::size_t n = text.size();
  for (std::size_t k = 0; k <= n; ++k) {
    const char ch = k < n ? text[k] : ' ';
    if (k < n && (is_ascii_alnum(ch) || ch == '&' || (ch == '-' && !cur.empty()))) {
      if (cur.empty()) start = k;
      cur.push_back(ascii_lower(ch));
    } else if (!cur.empty()) {
      words.emplace_back(std::move(cur), start);
      cur.clear();
    }
  }
  return words;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

TickerConfig TickerConfig::defaults() {
  TickerConfig c;
  for (const char* s :
       {"SPY",  "QQQ",  "IWM",   "DIA",  "SPX",  "NDX",  "VIX",  "TSLA", "NVDA", "AAPL", "MSFT",
        "AMZN", "META", "GOOGL", "GOOG", "AMD",  "NFLX", "INTC", "BA",   "JPM",  "BAC",  "GS",
        "MS",   "WFC",  "C",     "XOM",  "CVX",  "DIS",  "PYPL", "UBER", "COIN", "PLTR", "SMCI",
        "ARM",  "AVGO", "MU",    "SOFI", "GME",  "AMC",  "BABA", "NIO",  "F",    "GM",   "T",
        "V",    "MA",   "KO",    "PEP",  "WMT",  "TGT",  "COST", "CRM",  "ORCL", "ADBE", "SHOP",
        "SQ",   "ROKU", "SNAP",  "MRNA", "PFE",  "JNJ",  "UNH",  "LLY",  "CCL",  "RCL",  "BYND",
        "RIVN", "LCID", "MARA",  "RIOT", "HOOD", "TLT",  "GLD",  "SLV",  "USO",  "XLF",  "XLE",
        "SMH",  "SOXL", "TQQQ",  "SQQQ", "ALL",  "IT",   "A",    "ON",   "NOW",  "ARE",  "CAT",
        "DE",   "HD",   "LOW",   "KEY",  "CEO",  "EPS"}) {
    c.universe.insert(s);
  }
  // Upper-case words that are also tickers (or look like them) but are mostly English or finance
  // jargon; they count only as cashtags.
  for (const char* s :
       {"A",    "I",    "IT",  "ALL",  "ON",   "NOW",  "ARE",   "CAT",  "DE",  "HD",   "LOW",
        "KEY",  "CEO",  "EPS", "C",    "F",    "T",    "V",     "MA",   "MS",  "GS",   "BA",
        "AM",   "PM",   "US",  "USA",  "UK",   "EU",   "AI",    "IPO",  "ETF", "SEC",  "FED",
        "GDP",  "CPI",  "PPI", "FOMC", "YOY",  "QOQ",  "EOD",   "ATH",  "DD",  "YOLO", "FOMO",
        "IMO",  "LOL",  "WSB", "OTM",  "ITM",  "ATM",  "IV",    "PT",   "Q1",  "Q2",   "Q3",
        "Q4",   "FY",   "EST", "ET",   "NYSE", "USD",  "EUR",   "OR",   "AND", "THE",  "FOR",
        "BE",   "GO",   "SO",  "UP",   "AT",   "BY",   "OUT",   "NEW",  "BIG", "CAN",  "HAS",
        "ANY",  "ONE",  "TWO", "REAL", "BEST", "GOOD", "LOVE",  "FUN",  "MAN", "CASH", "PLAY",
        "CALL", "PUT",  "BUY", "SELL", "HOLD", "LONG", "SHORT", "MOON", "RH",  "TD",   "OPEN",
        "NEXT", "FAST", "HUGE"}) {
    c.stop_list.insert(s);
  }
  const std::pair<const char*, const char*> aliases[] = {{"tesla", "TSLA"},
                                                         {"nvidia", "NVDA"},
                                                         {"apple", "AAPL"},
                                                         {"microsoft", "MSFT"},
                                                         {"amazon", "AMZN"},
                                                         {"meta platforms", "META"},
                                                         {"facebook", "META"},
                                                         {"alphabet", "GOOGL"},
                                                         {"google", "GOOGL"},
                                                         {"advanced micro devices", "AMD"},
                                                         {"netflix", "NFLX"},
                                                         {"intel", "INTC"},
                                                         {"boeing", "BA"},
                                                         {"jpmorgan", "JPM"},
                                                         {"jp morgan", "JPM"},
                                                         {"bank of america", "BAC"},
                                                         {"goldman sachs", "GS"},
                                                         {"morgan stanley", "MS"},
                                                         {"wells fargo", "WFC"},
                                                         {"citigroup", "C"},
                                                         {"exxon", "XOM"},
                                                         {"exxonmobil", "XOM"},
                                                         {"chevron", "CVX"},
                                                         {"disney", "DIS"},
                                                         {"paypal", "PYPL"},
                                                         {"coinbase", "COIN"},
                                                         {"palantir", "PLTR"},
                                                         {"broadcom", "AVGO"},
                                                         {"micron", "MU"},
                                                         {"gamestop", "GME"},
                                                         {"alibaba", "BABA"},
                                                         {"ford", "F"},
                                                         {"general motors", "GM"},
                                                         {"walmart", "WMT"},
                                                         {"target corp", "TGT"},
                                                         {"costco", "COST"},
                                                         {"salesforce", "CRM"},
                                                         {"oracle", "ORCL"},
                                                         {"adobe", "ADBE"},
                                                         {"shopify", "SHOP"},
                                                         {"moderna", "MRNA"},
                                                         {"pfizer", "PFE"},
                                                         {"johnson & johnson", "JNJ"},
                                                         {"unitedhealth", "UNH"},
                                                         {"eli lilly", "LLY"},
                                                         {"carnival", "CCL"},
                                                         {"royal caribbean", "RCL"},
                                                         {"beyond meat", "BYND"},
                                                         {"rivian", "RIVN"},
                                                         {"robinhood", "HOOD"},
                                                         {"caterpillar", "CAT"},
                                                         {"home depot", "HD"},
                                                         {"allstate", "ALL"},
                                                         {"gartner", "IT"},
                                                         {"agilent", "A"},
                                                         {"coca-cola", "KO"},
                                                         {"coca cola", "KO"},
                                                         {"pepsico", "PEP"},
                                                         {"uber", "UBER"},
                                                         {"super micro", "SMCI"}};
  for (const auto& [name, sym] : aliases)
    c.aliases.emplace(name, sym);
  return c;
}

core::Status TickerConfig::load_aliases(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::fail(core::ErrorCode::kIo, "{}: cannot open alias table", path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    const std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    const auto tab = t.find('\t');
    if (tab == std::string_view::npos) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: expected 'alias<TAB>SYMBOL'", path, n);
    }
    std::string alias(trim(t.substr(0, tab)));
    std::string sym(trim(t.substr(tab + 1)));
    if (alias.empty() || sym.empty()) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: empty alias or symbol", path, n);
    }
    for (char& ch : alias)
      ch = ascii_lower(ch);
    for (char& ch : sym)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    aliases[alias] = sym;
  }
  return core::ok();
}

core::Status TickerConfig::load_universe(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::fail(core::ErrorCode::kIo, "{}: cannot open universe file", path);
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    universe.emplace(t);
  }
  return core::ok();
}

TickerExtractor::TickerExtractor(TickerConfig cfg) : cfg_(std::move(cfg)) {
  for (const auto& [alias, sym] : cfg_.aliases) {
    std::vector<std::string> words;
    for (auto& [w, off] : alias_words(alias))
      words.push_back(std::move(w));
    if (words.empty()) continue;
    alias_by_first_word_[words.front()].emplace_back(std::move(words), sym);
  }
  // Longest alias first, so "bank of america" wins over a shorter alias starting with "bank".
  for (auto& [w, list] : alias_by_first_word_) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.first.size() != b.first.size() ? a.first.size() > b.first.size()
                                              : a.second < b.second;
    });
  }
}

void TickerExtractor::add(std::vector<TickerMention>& out, std::string symbol, MentionKind kind,
                          std::size_t offset) const {
  for (auto& m : out) {
    if (m.symbol == symbol) {
      ++m.count;
      if (static_cast<int>(kind) < static_cast<int>(m.kind)) m.kind = kind;  // strongest kind
      return;
    }
  }
  out.push_back(TickerMention{std::move(symbol), kind, offset, 1});
}

std::vector<TickerMention> TickerExtractor::extract(std::string_view text) const {
  std::vector<TickerMention> out;
  const std::size_t n = text.size();
  // Pass 1: cashtags and plain upper-case tokens.
  std::size_t i = 0;
  while (i < n) {
    const char c = text[i];
    const bool boundary_before = i == 0 || !(is_ascii_alnum(text[i - 1]) || text[i - 1] == '$');
    if (c == '$' && boundary_before && i + 1 < n && is_alpha(text[i + 1])) {
      std::size_t j = i + 1;
      while (j < n && is_alpha(text[j]))
        ++j;
      std::size_t letters = j - (i + 1);
      // Class shares: $BRK.B, $BF-B
      if (j + 1 < n && (text[j] == '.' || text[j] == '-') && is_alpha(text[j + 1]) &&
          (j + 2 >= n || !is_ascii_alnum(text[j + 2]))) {
        j += 2;
      }
      const bool boundary_after = j >= n || !(is_ascii_alnum(text[j]) || text[j] == '_');
      if (letters >= 1 && letters <= cfg_.max_cashtag_letters && boundary_after) {
        std::string sym(text.substr(i + 1, j - i - 1));
        for (char& ch : sym)
          ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (sym.find('-') != std::string::npos) sym[sym.find('-')] = '.';
        add(out, std::move(sym), MentionKind::kCashtag, i);
      }
      i = j;
      continue;
    }
    if (is_upper(c) && boundary_before) {
      std::size_t j = i;
      while (j < n && is_upper(text[j]))
        ++j;
      const bool boundary_after = j >= n || !(is_ascii_alnum(text[j]) || text[j] == '_');
      if (boundary_after && j - i <= 5) {
        std::string sym(text.substr(i, j - i));
        if (cfg_.universe.contains(sym) && !cfg_.stop_list.contains(sym)) {
          add(out, std::move(sym), MentionKind::kPlain, i);
        }
      }
      i = j;
      continue;
    }
    ++i;
  }
  // Pass 2: aliases over lower-cased words (with their offsets).
  if (!alias_by_first_word_.empty()) {
    const auto words = alias_words(text);
    for (std::size_t w = 0; w < words.size(); ++w) {
      auto it = alias_by_first_word_.find(words[w].first);
      if (it == alias_by_first_word_.end()) continue;
      for (const auto& [phrase, sym] : it->second) {
        if (w + phrase.size() > words.size()) continue;
        bool match = true;
        for (std::size_t k = 1; k < phrase.size() && match; ++k) {
          match = words[w + k].first == phrase[k];
        }
        if (match) {
          add(out, sym, MentionKind::kAlias, words[w].second);
          w += phrase.size() - 1;
          break;
        }
      }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.offset < b.offset; });
  }
  return out;
}

}  // namespace zerodte::sentiment
