#include "zerodte/sentiment/lexicon_scorer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

namespace embedded {
extern const std::string_view k_vader_lexicon;
extern const std::string_view k_vader_emoji;
extern const std::string_view k_finance_lexicon;
}  // namespace embedded

namespace {

constexpr double kBIncr = 0.293;
constexpr double kBDecr = -0.293;
constexpr double kCIncr = 0.733;
constexpr double kNScalar = -0.74;

const std::unordered_map<std::string_view, double>& boosters() {
  static const std::unordered_map<std::string_view, double> m = [] {
    std::unordered_map<std::string_view, double> b;
    for (const char* w :
         {"absolutely",   "amazingly",  "awfully",      "completely",    "considerable",
          "considerably", "decidedly",  "deeply",       "effing",        "enormous",
          "enormously",   "entirely",   "especially",   "exceptional",   "exceptionally",
          "extreme",      "extremely",  "fabulously",   "flipping",      "flippin",
          "frackin",      "fracking",   "fricking",     "frickin",       "frigging",
          "friggin",      "fully",      "fuckin",       "fucking",       "fuggin",
          "fugging",      "greatly",    "hella",        "highly",        "hugely",
          "incredible",   "incredibly", "intensely",    "major",         "majorly",
          "more",         "most",       "particularly", "purely",        "quite",
          "really",       "remarkably", "so",           "substantially", "thoroughly",
          "total",        "totally",    "tremendous",   "tremendously",  "uber",
          "unbelievably", "unusually",  "utter",        "utterly",       "very"}) {
      b.emplace(w, kBIncr);
    }
    for (const char* w :
         {"almost",     "barely",       "hardly",  "just enough", "kind of",  "kinda",
          "kindof",     "kind-of",      "less",    "little",      "marginal", "marginally",
          "occasional", "occasionally", "partly",  "scarce",      "scarcely", "slight",
          "slightly",   "somewhat",     "sort of", "sorta",       "sortof",   "sort-of"}) {
      b.emplace(w, kBDecr);
    }
    return b;
  }();
  return m;
}

bool is_negation_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kNegate{
      "aint",   "arent",    "cannot",  "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
      "ain't",  "aren't",   "can't",   "couldn't", "daren't",  "didn't",   "doesn't", "dont",
      "hadnt",  "hasnt",    "havent",  "isnt",     "mightnt",  "mustnt",   "neither", "don't",
      "hadn't", "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
      "never",  "none",     "nope",    "nor",      "not",      "nothing",  "nowhere", "oughtnt",
      "shant",  "shouldnt", "uhuh",    "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
      "uh-uh",  "wasn't",   "weren't", "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
      "rarely", "seldom",   "despite"};
  return kNegate.contains(w) || w.find("n't") != std::string_view::npos;
}

const std::unordered_map<std::string_view, double>& special_cases() {
  static const std::unordered_map<std::string_view, double> m{
      {"the shit", 3},        {"the bomb", 3},       {"bad ass", 1.5},        {"badass", 1.5},
      {"bus stop", 0.0},      {"yeah right", -2},    {"kiss of death", -1.5}, {"to die for", 3},
      {"beating heart", 3.1}, {"broken heart", -2.9}};
  return m;
}

bool is_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

std::size_t codepoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Python str.isupper() for ASCII letters (non-ASCII characters are ignored as uncased).
bool py_isupper(std::string_view s) {
  bool cased = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') cased = true;
  }
  return cased;
}

double normalize_compound(double score) {
  const double n = score / std::sqrt(score * score + 15.0);
  return std::clamp(n, -1.0, 1.0);
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Finance metrics (+1 = more is good, -1 = more is bad) and direction words (+1 up, -1 down).
const std::unordered_map<std::string_view, int>& metric_table() {
  static const std::unordered_map<std::string_view, int> m{
      {"profit", 1},        {"profits", 1},      {"sales", 1},         {"revenue", 1},
      {"revenues", 1},      {"earnings", 1},     {"income", 1},        {"ebit", 1},
      {"ebitda", 1},        {"margin", 1},       {"margins", 1},       {"orders", 1},
      {"eps", 1},           {"turnover", 1},     {"dividend", 1},      {"demand", 1},
      {"output", 1},        {"volumes", 1},      {"deliveries", 1},    {"shipments", 1},
      {"bookings", 1},      {"backlog", 1},      {"guidance", 1},      {"outlook", 1},
      {"forecast", 1},      {"rating", 1},       {"target", 1},        {"price", 1},
      {"productivity", 1},  {"efficiency", 1},   {"share", 1},         {"shares", 1},
      {"stock", 1},         {"value", 1},        {"result", 1},        {"results", 1},
      {"loss", -1},         {"losses", -1},      {"costs", -1},        {"cost", -1},
      {"expenses", -1},     {"expense", -1},     {"debt", -1},         {"deficit", -1},
      {"unemployment", -1}, {"layoffs", -1},     {"impairment", -1},   {"impairments", -1},
      {"writedowns", -1},   {"liabilities", -1}, {"churn", -1},        {"claims", -1},
      {"headcount", -1},    {"inventories", -1}, {"delinquencies", -1}};
  return m;
}

// Direction words with the valence they carry when applied to a metric.
const std::unordered_map<std::string_view, double>& direction_table() {
  static const std::unordered_map<std::string_view, double> m{
      {"increase", 1.2},  {"increased", 1.2},  {"increases", 1.2},  {"increasing", 1.2},
      {"rose", 1.3},      {"rise", 1.3},       {"rises", 1.3},      {"rising", 1.2},
      {"grew", 1.4},      {"grow", 1.4},       {"grows", 1.4},      {"growing", 1.2},
      {"up", 1.0},        {"higher", 1.0},     {"improved", 1.6},   {"improve", 1.6},
      {"improves", 1.6},  {"jumped", 1.6},     {"jumps", 1.6},      {"climbed", 1.4},
      {"surged", 2.2},    {"soared", 2.4},     {"doubled", 1.5},    {"gained", 1.7},
      {"expanded", 1.2},  {"widened", 1.0},    {"widens", 1.0},     {"raised", 1.2},
      {"raises", 1.3},    {"boosted", 1.7},    {"lifted", 1.2},     {"lifts", 1.2},
      {"decrease", -1.3}, {"decreased", -1.3}, {"decreases", -1.3}, {"decreasing", -1.2},
      {"fell", -1.4},     {"fall", -1.4},      {"falls", -1.4},     {"falling", -1.3},
      {"declined", -1.5}, {"decline", -1.5},   {"declines", -1.5},  {"dropped", -1.4},
      {"drop", -1.4},     {"drops", -1.4},     {"down", -0.8},      {"lower", -1.0},
      {"lowered", -1.4},  {"lowers", -1.4},    {"reduced", -1.0},   {"reduce", -1.0},
      {"reduces", -1.0},  {"cut", -1.4},       {"cuts", -1.4},      {"shrank", -1.3},
      {"narrowed", -1.2}, {"narrows", -1.2},   {"slipped", -1.0},   {"slid", -1.5},
      {"plunged", -2.6},  {"tumbled", -2.2},   {"halved", -1.5},    {"weakened", -1.4}};
  return m;
}

}  // namespace

core::Status LexiconData::add_terms(std::string_view tsv, std::string_view origin) {
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < tsv.size()) {
    auto nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    const std::string_view line = trim_ws(tsv.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: expected 'term<TAB>valence'", origin,
                        line_no);
    }
    const std::string_view term = line.substr(0, tab);
    std::string_view val = line.substr(tab + 1);
    if (auto t2 = val.find('\t'); t2 != std::string_view::npos) val = val.substr(0, t2);
    double v = 0;
    try {
      std::size_t used = 0;
      v = std::stod(std::string(val), &used);
      if (used != val.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: bad valence '{}' for '{}'", origin,
                        line_no, val, term);
    }
    if (term.find(' ') != std::string_view::npos) {
      std::string key;
      for (char c : term)
        key.push_back(ascii_lower(c));
      const auto words = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
      max_phrase_words = std::max(max_phrase_words, words);
      phrase_first_words.insert(key.substr(0, key.find(' ')));
      phrases[key] = v;
    } else {
      auto& e = words[std::string(term)];
      e.valence = v;
      e.has_valence = true;
    }
  }
  return core::ok();
}

std::shared_ptr<const LexiconData> LexiconData::vader() {
  static const std::shared_ptr<const LexiconData> data = [] {
    auto d = std::make_shared<LexiconData>();
    auto st = d->add_terms(embedded::k_vader_lexicon, "vader_lexicon.tsv");
    if (!st) throw std::runtime_error(st.error().to_string());
    std::size_t pos = 0;
    const std::string_view e = embedded::k_vader_emoji;
    while (pos < e.size()) {
      auto nl = e.find('\n', pos);
      if (nl == std::string_view::npos) nl = e.size();
      const std::string_view line = e.substr(pos, nl - pos);
      pos = nl + 1;
      if (line.empty() || line.front() == '#') continue;
      const auto tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      std::size_t i = 0;
      const char32_t cp = decode_utf8(line, i);
      d->emoji.emplace(cp, std::string(line.substr(tab + 1)));
    }
    return d;
  }();
  return data;
}

std::shared_ptr<const LexiconData> LexiconData::finance() {
  static const std::shared_ptr<const LexiconData> data = [] {
    auto d = std::make_shared<LexiconData>(*vader());
    auto st = d->add_terms(embedded::k_finance_lexicon, "finance_lexicon.tsv");
    if (!st) throw std::runtime_error(st.error().to_string());
    for (const auto& [w, m] : metric_table())
      d->words[std::string(w)].metric = static_cast<std::int8_t>(m);
    for (const auto& [w, v] : direction_table())
      d->words[std::string(w)].direction = v;
    return d;
  }();
  return data;
}

LexiconScorer::LexiconScorer(LexiconMode mode)
    : LexiconScorer(mode,
                    mode == LexiconMode::kVader ? LexiconData::vader() : LexiconData::finance(),
                    mode == LexiconMode::kVader ? kVaderBand : kFinanceBand) {}

LexiconScorer::LexiconScorer(LexiconMode mode, std::shared_ptr<const LexiconData> data,
                             double neutral_band)
    : mode_(mode), data_(std::move(data)), band_(neutral_band) {}

void LexiconScorer::tokenize(std::string_view text) {
  // Emoji -> descriptions (VADER: per code point, a space before when the previous char is not).
  buf_.clear();
  bool prev_space = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(text, i);
    if (cp >= 0x80) {
      if (auto it = data_->emoji.find(cp); it != data_->emoji.end()) {
        if (!prev_space) buf_.push_back(' ');
        buf_ += it->second;
        prev_space = false;
        continue;
      }
    }
    buf_.append(text.substr(start, i - start));
    prev_space = cp == ' ';
  }
  // Whitespace split, strip punctuation from word edges unless that leaves <= 2 characters.
  items_.clear();
  std::string_view s = buf_;
  std::size_t k = 0;
  while (k < s.size()) {
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
      ++k;
    std::size_t e = k;
    while (e < s.size() && !(s[e] == ' ' || s[e] == '\t' || s[e] == '\n' || s[e] == '\r'))
      ++e;
    if (e == k) break;
    std::string_view tok = s.substr(k, e - k);
    k = e;
    std::string_view stripped = tok;
    while (!stripped.empty() && is_punct(stripped.front()))
      stripped.remove_prefix(1);
    while (!stripped.empty() && is_punct(stripped.back()))
      stripped.remove_suffix(1);
    if (codepoints(stripped) > 2) tok = stripped;
    Item it;
    it.lower.assign(tok);
    for (char& c : it.lower)
      c = ascii_lower(c);
    it.upper = py_isupper(tok);
    items_.push_back(std::move(it));
  }
  // Finance phrases: the longest phrase at each position becomes one lexicon item.
  if (data_->max_phrase_words >= 2) {
    merged_.clear();
    for (std::size_t p = 0; p < items_.size();) {
      bool done = false;
      if (data_->phrase_first_words.contains(std::string_view(items_[p].lower))) {
        for (std::size_t len = std::min(data_->max_phrase_words, items_.size() - p); len >= 2;
             --len) {
          key_ = items_[p].lower;
          for (std::size_t q = 1; q < len; ++q) {
            key_.push_back(' ');
            key_ += items_[p + q].lower;
          }
          if (auto f = data_->phrases.find(std::string_view(key_)); f != data_->phrases.end()) {
            Item m;
            m.lower = key_;
            m.in_lex = true;
            m.lex = f->second;
            // A phrase ending in a metric ("operating loss") is that metric.
            if (auto last = data_->words.find(std::string_view(items_[p + len - 1].lower));
                last != data_->words.end()) {
              m.metric = last->second.metric;
            }
            merged_.push_back(std::move(m));
            p += len;
            done = true;
            break;
          }
        }
      }
      if (!done) merged_.push_back(std::move(items_[p++]));
    }
    items_.swap(merged_);
  }
  for (auto& it : items_) {
    if (it.in_lex) continue;
    if (auto f = data_->words.find(std::string_view(it.lower)); f != data_->words.end()) {
      it.in_lex = f->second.has_valence;
      it.lex = f->second.valence;
      it.direction = f->second.direction;
      it.metric = f->second.metric;
    }
  }
  if (mode_ == LexiconMode::kFinance) apply_metric_rules();
}

// "costs fell" is good news, "operating loss increased" bad: a direction word takes its valence
// from the metric it moves (the nearest metric up to 5 words before, else up to 4 after), and the
// metric word itself stops counting on its own.
void LexiconScorer::apply_metric_rules() {
  const std::size_t n = items_.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double dir = items_[i].direction;
    if (dir == 0.0) continue;
    std::size_t metric = n;
    for (std::size_t k = 1; k <= 5 && k <= i; ++k) {
      if (items_[i - k].metric != 0) {
        metric = i - k;
        break;
      }
    }
    if (metric == n) {
      for (std::size_t k = 1; k <= 4 && i + k < n; ++k) {
        if (items_[i + k].metric != 0) {
          metric = i + k;
          break;
        }
      }
    }
    if (metric == n) continue;
    const int pol = items_[metric].metric;
    items_[i].in_lex = true;
    items_[i].lex = dir * pol;
    if (items_[metric].in_lex) items_[metric].lex = 0.0;
  }
}

double LexiconScorer::valence_at(std::size_t i, bool cap_diff) const {
  const auto& w = items_;
  const auto& item = w[i];
  const std::size_t n = w.size();
  if (!item.in_lex) return 0.0;
  double valence = item.lex;
  if (item.lower == "no" && i != n - 1 && w[i + 1].in_lex) valence = 0.0;
  if ((i > 0 && w[i - 1].lower == "no") || (i > 1 && w[i - 2].lower == "no") ||
      (i > 2 && w[i - 3].lower == "no" && (w[i - 1].lower == "or" || w[i - 1].lower == "nor"))) {
    valence = item.lex * kNScalar;
  }
  if (item.upper && cap_diff) valence += valence > 0 ? kCIncr : -kCIncr;
  const auto& boost = boosters();
  for (std::size_t start_i = 0; start_i < 3; ++start_i) {
    if (!(i > start_i && !w[i - (start_i + 1)].in_lex)) continue;
    const Item& prev = w[i - (start_i + 1)];
    double s = 0.0;
    if (auto b = boost.find(prev.lower); b != boost.end()) {
      s = b->second;
      if (valence < 0) s *= -1;
      if (prev.upper && cap_diff) s += valence > 0 ? kCIncr : -kCIncr;
    }
    if (start_i == 1 && s != 0) s *= 0.95;
    if (start_i == 2 && s != 0) s *= 0.9;
    valence += s;
    // Negation check.
    if (start_i == 0) {
      if (is_negation_word(w[i - 1].lower)) valence *= kNScalar;
    } else if (start_i == 1) {
      if (w[i - 2].lower == "never" && (w[i - 1].lower == "so" || w[i - 1].lower == "this")) {
        valence *= 1.25;
      } else if (w[i - 2].lower == "without" && w[i - 1].lower == "doubt") {
        // unchanged
      } else if (is_negation_word(w[i - 2].lower)) {
        valence *= kNScalar;
      }
    } else {
      if ((w[i - 3].lower == "never" && (w[i - 2].lower == "so" || w[i - 2].lower == "this")) ||
          (w[i - 1].lower == "so" || w[i - 1].lower == "this")) {
        valence *= 1.25;
      } else if (w[i - 3].lower == "without" &&
                 (w[i - 2].lower == "doubt" || w[i - 1].lower == "doubt")) {
        // unchanged
      } else if (is_negation_word(w[i - 3].lower)) {
        valence *= kNScalar;
      }
      // Special idioms (only when a word of one is nearby).
      static const std::unordered_set<std::string_view> kIdiomWords{
          "the",     "shit",  "bomb",   "bad",  "ass",   "badass", "bus",   "stop",
          "yeah",    "right", "kiss",   "of",   "death", "to",     "die",   "for",
          "beating", "heart", "broken", "kind", "sort",  "just",   "enough"};
      bool near_idiom = false;
      for (std::size_t q = i - 3; q <= std::min(n - 1, i + 2) && !near_idiom; ++q) {
        near_idiom = kIdiomWords.contains(w[q].lower);
      }
      if (!near_idiom) continue;
      const auto& sc = special_cases();
      const std::string onezero = w[i - 1].lower + " " + w[i].lower;
      const std::string twoonezero = w[i - 2].lower + " " + w[i - 1].lower + " " + w[i].lower;
      const std::string twoone = w[i - 2].lower + " " + w[i - 1].lower;
      const std::string threetwoone = w[i - 3].lower + " " + w[i - 2].lower + " " + w[i - 1].lower;
      const std::string threetwo = w[i - 3].lower + " " + w[i - 2].lower;
      for (const std::string* seq : {&onezero, &twoonezero, &twoone, &threetwoone, &threetwo}) {
        if (auto f = sc.find(*seq); f != sc.end()) {
          valence = f->second;
          break;
        }
      }
      if (n - 1 > i) {
        if (auto f = sc.find(w[i].lower + " " + w[i + 1].lower); f != sc.end()) valence = f->second;
      }
      if (n - 1 > i + 1) {
        if (auto f = sc.find(w[i].lower + " " + w[i + 1].lower + " " + w[i + 2].lower);
            f != sc.end()) {
          valence = f->second;
        }
      }
      for (const std::string* ng : {&threetwoone, &threetwo, &twoone}) {
        if (auto f = boost.find(*ng); f != boost.end()) valence += f->second;
      }
    }
  }
  // "least" check.
  if (i > 1 && !w[i - 1].in_lex && w[i - 1].lower == "least") {
    if (w[i - 2].lower != "at" && w[i - 2].lower != "very") valence *= kNScalar;
  } else if (i > 0 && !w[i - 1].in_lex && w[i - 1].lower == "least") {
    valence *= kNScalar;
  }
  return valence;
}

VaderScores LexiconScorer::polarity(std::string_view raw) {
  std::string_view text = raw;
  if (mode_ == LexiconMode::kFinance) {
    cleaned_ = clean_for_scoring(raw);
    text = cleaned_;
  }
  tokenize(text);
  const std::size_t n = items_.size();
  std::size_t upper_count = 0;
  for (const auto& it : items_)
    upper_count += it.upper ? 1 : 0;
  const bool cap_diff = upper_count > 0 && upper_count < n;
  sentiments_.clear();
  const auto& boost = boosters();
  for (std::size_t i = 0; i < n; ++i) {
    if (boost.contains(items_[i].lower) ||
        (i < n - 1 && items_[i].lower == "kind" && items_[i + 1].lower == "of")) {
      sentiments_.push_back(0.0);
      continue;
    }
    sentiments_.push_back(valence_at(i, cap_diff));
  }
  // "but": earlier sentiments x0.5, later x1.5 (replicating VADER's first-equal-value indexing).
  std::size_t bi = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (items_[i].lower == "but") {
      bi = i;
      break;
    }
  }
  if (bi < n) {
    for (std::size_t k = 0; k < sentiments_.size(); ++k) {
      const double v = sentiments_[k];
      const auto si = static_cast<std::size_t>(
          std::find(sentiments_.begin(), sentiments_.end(), v) - sentiments_.begin());
      if (si < bi) {
        sentiments_[si] = v * 0.5;
      } else if (si > bi) {
        sentiments_[si] = v * 1.5;
      }
    }
  }
  VaderScores out;
  if (sentiments_.empty()) return out;
  double sum = 0;
  for (double v : sentiments_)
    sum += v;
  const auto ep = std::min<std::ptrdiff_t>(4, std::count(text.begin(), text.end(), '!'));
  const auto qm = std::count(text.begin(), text.end(), '?');
  double amp = static_cast<double>(ep) * 0.292;
  if (qm > 1) amp += qm <= 3 ? static_cast<double>(qm) * 0.18 : 0.96;
  if (sum > 0)
    sum += amp;
  else if (sum < 0)
    sum -= amp;
  out.compound = normalize_compound(sum);
  double pos_sum = 0, neg_sum = 0, neu = 0;
  for (double v : sentiments_) {
    if (v > 0) pos_sum += v + 1;
    if (v < 0) neg_sum += v - 1;
    if (v == 0) neu += 1;
  }
  if (pos_sum > std::fabs(neg_sum))
    pos_sum += amp;
  else if (pos_sum < std::fabs(neg_sum))
    neg_sum -= amp;
  const double total = pos_sum + std::fabs(neg_sum) + neu;
  out.pos = std::fabs(pos_sum / total);
  out.neg = std::fabs(neg_sum / total);
  out.neu = std::fabs(neu / total);
  return out;
}

core::Result<ScoreResult> LexiconScorer::score(std::string_view text) {
  const auto t0 = std::chrono::steady_clock::now();
  const VaderScores v = polarity(text);
  ScoreResult r = label_from_score(v.compound, band_);
  r.latency = std::chrono::steady_clock::now() - t0;
  return r;
}

}  // namespace zerodte::sentiment
