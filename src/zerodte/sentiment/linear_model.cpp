#include "zerodte/sentiment/linear_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include "zerodte/sentiment/text_normalizer.hpp"

namespace zerodte::sentiment {

namespace {

constexpr std::uint32_t kVersion = 2;
constexpr std::uint32_t kFlagBigrams = 1;
constexpr std::uint32_t kFlagChars = 2;
constexpr std::uint32_t kFlagLexicon = 4;

struct Fnv {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void add(char c) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  void add(std::string_view s) {
    for (char c : s)
      add(c);
  }
  [[nodiscard]] std::uint64_t done() const {
    std::uint64_t x = h;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
};

bool is_word_byte(char c) {
  return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80;
}

bool is_negator(std::string_view w) {
  return w == "not" || w == "no" || w == "never" || w == "without" || w == "nor" ||
         (w.size() > 3 && w.substr(w.size() - 3) == "n't") || w == "cannot";
}

// Lower-case tokens: words (with inner apostrophes), "<cash>" for cashtags, "<num>" for numbers,
// and the punctuation tokens % ! ?.
void tokenize(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == '$' && i + 1 < n && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
      std::size_t j = i + 1;
      while (j < n && (std::isalpha(static_cast<unsigned char>(text[j])) || text[j] == '.'))
        ++j;
      out.emplace_back("<cash>");
      i = j;
      continue;
    }
    if (is_word_byte(c)) {
      std::size_t j = i;
      bool digit = false;
      std::string w;
      while (j < n) {
        const char d = text[j];
        if (is_word_byte(d)) {
          if (d >= '0' && d <= '9') digit = true;
          w.push_back(ascii_lower(d));
          ++j;
          continue;
        }
        if ((d == '\'' || d == '-' || d == '.' || d == ',') && j + 1 < n &&
            is_word_byte(text[j + 1]) && !w.empty()) {
          const bool numeric_sep = (d == '.' || d == ',');
          if (numeric_sep && !(std::isdigit(static_cast<unsigned char>(text[j - 1])) &&
                               std::isdigit(static_cast<unsigned char>(text[j + 1])))) {
            break;
          }
          if (!numeric_sep) w.push_back(d);
          ++j;
          continue;
        }
        break;
      }
      out.push_back(digit ? std::string("<num>") : std::move(w));
      i = j;
      continue;
    }
    if (c == '%' || c == '!' || c == '?') out.emplace_back(1, c);
    ++i;
  }
}

void put_u32(std::vector<std::uint8_t>& b, std::uint32_t v) {
  for (int k = 0; k < 4; ++k)
    b.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
}
void put_f32(std::vector<std::uint8_t>& b, float f) {
  std::uint32_t v = 0;
  std::memcpy(&v, &f, 4);
  put_u32(b, v);
}
std::uint64_t fnv_bytes(std::span<const std::uint8_t> b) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (auto x : b) {
    h ^= x;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::uint16_t float_to_half(float f) {
  std::uint32_t x = 0;
  std::memcpy(&x, &f, 4);
  const std::uint32_t sign = (x >> 16) & 0x8000;
  const int exp = static_cast<int>((x >> 23) & 0xFF) - 127 + 15;
  std::uint32_t mant = x & 0x7FFFFF;
  if (((x >> 23) & 0xFF) == 0xFF)
    return static_cast<std::uint16_t>(sign | 0x7C00 | (mant ? 0x200 : 0));
  if (exp >= 31) return static_cast<std::uint16_t>(sign | 0x7C00);  // overflow -> inf
  if (exp <= 0) {
    if (exp < -10) return static_cast<std::uint16_t>(sign);
    mant |= 0x800000;
    const int shift = 14 - exp;
    std::uint32_t h = mant >> shift;
    const std::uint32_t rem = mant & ((1u << shift) - 1);
    const std::uint32_t half = 1u << (shift - 1);
    if (rem > half || (rem == half && (h & 1))) ++h;
    return static_cast<std::uint16_t>(sign | h);
  }
  std::uint32_t h = (static_cast<std::uint32_t>(exp) << 10) | (mant >> 13);
  const std::uint32_t rem = mant & 0x1FFF;
  if (rem > 0x1000 || (rem == 0x1000 && (h & 1))) ++h;  // round to nearest even (may carry)
  return static_cast<std::uint16_t>(sign | h);
}

float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1F;
  std::uint32_t mant = h & 0x3FF;
  std::uint32_t x = 0;
  if (exp == 0) {
    if (mant == 0) {
      x = sign;
    } else {
      int e = -1;
      do {
        ++e;
        mant <<= 1;
      } while ((mant & 0x400) == 0);
      x = sign | (static_cast<std::uint32_t>(127 - 15 - e) << 23) | ((mant & 0x3FF) << 13);
    }
  } else if (exp == 31) {
    x = sign | 0x7F800000 | (mant << 13);
  } else {
    x = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f = 0;
  std::memcpy(&f, &x, 4);
  return f;
}

LinearModel::LinearModel(LinearConfig cfg) : cfg_(cfg), w_((std::size_t{1} << cfg.bits) * 3, 0.f) {}

void LinearModel::features(std::string_view raw, std::vector<Feature>& out) const {
  out.clear();
  const std::string text = clean_for_scoring(raw);
  thread_local std::vector<std::string> toks;
  tokenize(text, toks);
  const std::uint32_t mask = (1u << cfg_.bits) - 1;
  auto push = [&](const Fnv& f) {
    out.push_back(Feature{static_cast<std::uint32_t>(f.done()) & mask, 1.f});
  };
  int negate_left = 0;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const std::string& t = toks[i];
    Fnv u;
    u.add("w:");
    u.add(t);
    push(u);
    if (negate_left > 0) {
      Fnv ng;
      ng.add("n:");
      ng.add(t);
      push(ng);
      --negate_left;
    }
    if (is_negator(t)) negate_left = 3;
    if (cfg_.word_bigrams && i + 1 < toks.size()) {
      Fnv b;
      b.add("b:");
      b.add(t);
      b.add(' ');
      b.add(toks[i + 1]);
      push(b);
    }
    if (cfg_.char_ngrams && t.front() != '<' && t.size() >= 2) {
      const std::string padded = "<" + t + ">";
      for (std::uint32_t n = cfg_.char_min; n <= cfg_.char_max; ++n) {
        if (padded.size() < n) break;
        for (std::size_t s = 0; s + n <= padded.size(); ++s) {
          Fnv c;
          c.add(static_cast<char>('0' + n));
          c.add(':');
          c.add(std::string_view(padded).substr(s, n));
          push(c);
        }
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Feature& a, const Feature& b) { return a.index < b.index; });
  std::size_t w = 0;
  for (std::size_t r = 0; r < out.size(); ++r) {
    if (w > 0 && out[w - 1].index == out[r].index) {
      out[w - 1].value += out[r].value;
    } else {
      out[w++] = out[r];
    }
  }
  out.resize(w);
  double norm = 0;
  for (const auto& f : out)
    norm += static_cast<double>(f.value) * f.value;
  if (norm > 0) {
    const auto inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& f : out)
      f.value *= inv;
  }
}

void LinearModel::dense_features(std::string_view text, LexiconScorer* lex,
                                 float dense[kDense]) const {
  for (int j = 0; j < kDense; ++j)
    dense[j] = 0.f;
  if (!cfg_.lexicon_features || lex == nullptr) return;
  const VaderScores v = lex->polarity(text);
  dense[0] = static_cast<float>(v.compound);
  dense[1] = static_cast<float>(v.pos);
  dense[2] = static_cast<float>(v.neg);
  dense[3] = v.compound >= LexiconScorer::kFinanceBand ? 1.f : 0.f;
  dense[4] = v.compound <= -LexiconScorer::kFinanceBand ? 1.f : 0.f;
}

void LinearModel::predict(std::string_view text, LexiconScorer* lex, float probs[3],
                          std::vector<Feature>& scratch) const {
  features(text, scratch);
  float dense[kDense];
  dense_features(text, lex, dense);
  float z[3] = {bias_[0], bias_[1], bias_[2]};
  for (const auto& f : scratch) {
    const float* w = &w_[static_cast<std::size_t>(f.index) * 3];
    z[0] += w[0] * f.value;
    z[1] += w[1] * f.value;
    z[2] += w[2] * f.value;
  }
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < kDense; ++j)
      z[k] += dense_w_[k][j] * dense[j];
  }
  const float m = std::max({z[0], z[1], z[2]});
  float s = 0;
  for (int k = 0; k < 3; ++k) {
    probs[k] = std::exp(z[k] - m);
    s += probs[k];
  }
  for (int k = 0; k < 3; ++k)
    probs[k] /= s;
}

core::Result<LinearModel> LinearModel::train(const std::vector<Example>& data, LinearConfig cfg,
                                             TrainConfig tc) {
  if (cfg.bits < 10 || cfg.bits > 24) {
    return core::fail(core::ErrorCode::kConfig, "linear model: bits {} outside 10..24", cfg.bits);
  }
  if (data.empty()) return core::fail(core::ErrorCode::kInvalid, "linear model: no training data");
  LinearModel m(cfg);
  LexiconScorer lex(LexiconMode::kFinance);
  std::vector<std::vector<Feature>> feats(data.size());
  std::vector<std::array<float, kDense>> dense(data.size());
  std::array<double, 3> counts{};
  for (std::size_t i = 0; i < data.size(); ++i) {
    m.features(data[i].text, feats[i]);
    m.dense_features(data[i].text, &lex, dense[i].data());
    counts[static_cast<std::size_t>(data[i].label)] += 1;
  }
  std::array<double, 3> cw{1, 1, 1};
  if (tc.balanced) {
    for (int k = 0; k < 3; ++k) {
      cw[static_cast<std::size_t>(k)] =
          counts[static_cast<std::size_t>(k)] > 0
              ? static_cast<double>(data.size()) / (3.0 * counts[static_cast<std::size_t>(k)])
              : 0.0;
    }
  }
  std::vector<float> g2(m.w_.size(), 0.f);
  double gb[3] = {0, 0, 0};
  double gd[3][kDense] = {};
  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::uint64_t state = tc.seed;
  auto next = [&state] {
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  const auto lr = static_cast<float>(tc.learning_rate);
  const auto l2 = static_cast<float>(tc.l2);
  // Polyak averaging of the epoch-end weights over the second half of training.
  std::vector<double> avg_w(tc.average ? m.w_.size() : 0, 0.0);
  double avg_b[3] = {0, 0, 0};
  double avg_d[3][kDense] = {};
  int averaged = 0;
  for (int epoch = 0; epoch < tc.epochs; ++epoch) {
    if (tc.average && epoch > 0 && epoch >= tc.epochs / 2) {
      for (std::size_t i = 0; i < m.w_.size(); ++i)
        avg_w[i] += m.w_[i];
      for (int k = 0; k < 3; ++k) {
        avg_b[k] += m.bias_[k];
        for (int j = 0; j < kDense; ++j)
          avg_d[k][j] += m.dense_w_[k][j];
      }
      ++averaged;
    }
    for (std::size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[next() % i]);
    for (std::size_t idx : order) {
      const auto& fs = feats[idx];
      const auto& d = dense[idx];
      float z[3] = {m.bias_[0], m.bias_[1], m.bias_[2]};
      for (const auto& f : fs) {
        const float* w = &m.w_[static_cast<std::size_t>(f.index) * 3];
        for (int k = 0; k < 3; ++k)
          z[k] += w[k] * f.value;
      }
      for (int k = 0; k < 3; ++k) {
        for (int j = 0; j < kDense; ++j)
          z[k] += m.dense_w_[k][j] * d[static_cast<std::size_t>(j)];
      }
      const float mx = std::max({z[0], z[1], z[2]});
      float p[3];
      float s = 0;
      for (int k = 0; k < 3; ++k) {
        p[k] = std::exp(z[k] - mx);
        s += p[k];
      }
      const auto y = static_cast<int>(data[idx].label);
      const auto c = static_cast<float>(cw[static_cast<std::size_t>(y)]);
      float g[3];
      for (int k = 0; k < 3; ++k)
        g[k] = (p[k] / s - (k == y ? 1.f : 0.f)) * c;
      for (const auto& f : fs) {
        const std::size_t base = static_cast<std::size_t>(f.index) * 3;
        for (std::size_t k = 0; k < 3; ++k) {
          const float grad = g[k] * f.value + l2 * m.w_[base + k];
          g2[base + k] += grad * grad;
          m.w_[base + k] -= lr * grad / std::sqrt(g2[base + k] + 1e-8f);
        }
      }
      for (int k = 0; k < 3; ++k) {
        gb[k] += static_cast<double>(g[k]) * g[k];
        m.bias_[k] -= lr * g[k] / static_cast<float>(std::sqrt(gb[k] + 1e-8));
        if (!cfg.lexicon_features) continue;
        for (int j = 0; j < kDense; ++j) {
          const float grad = g[k] * d[static_cast<std::size_t>(j)];
          gd[k][j] += static_cast<double>(grad) * grad;
          m.dense_w_[k][j] -= lr * grad / static_cast<float>(std::sqrt(gd[k][j] + 1e-8));
        }
      }
    }
  }
  if (tc.average && averaged > 0) {
    // Include the final weights too.
    const double n = averaged + 1;
    for (std::size_t i = 0; i < m.w_.size(); ++i)
      m.w_[i] = static_cast<float>((avg_w[i] + m.w_[i]) / n);
    for (int k = 0; k < 3; ++k) {
      m.bias_[k] = static_cast<float>((avg_b[k] + m.bias_[k]) / n);
      for (int j = 0; j < kDense; ++j)
        m.dense_w_[k][j] = static_cast<float>((avg_d[k][j] + m.dense_w_[k][j]) / n);
    }
  }
  for (float& w : m.w_)
    w = half_to_float(float_to_half(w));  // the file stores float16
  return m;
}

std::vector<std::uint8_t> LinearModel::to_bytes() const {
  std::vector<std::uint8_t> b;
  b.reserve(64 + w_.size() * 2);
  for (char c : std::string_view("ZDLM"))
    b.push_back(static_cast<std::uint8_t>(c));
  put_u32(b, kVersion);
  put_u32(b, cfg_.bits);
  put_u32(b, (cfg_.word_bigrams ? kFlagBigrams : 0) | (cfg_.char_ngrams ? kFlagChars : 0) |
                 (cfg_.lexicon_features ? kFlagLexicon : 0));
  put_u32(b, cfg_.char_min);
  put_u32(b, cfg_.char_max);
  for (float f : bias_)
    put_f32(b, f);
  for (const auto& row : dense_w_) {
    for (float f : row)
      put_f32(b, f);
  }
  for (float w : w_) {
    const std::uint16_t h = float_to_half(w);
    b.push_back(static_cast<std::uint8_t>(h & 0xFF));
    b.push_back(static_cast<std::uint8_t>(h >> 8));
  }
  const std::uint64_t sum = fnv_bytes(b);
  for (int k = 0; k < 8; ++k)
    b.push_back(static_cast<std::uint8_t>(sum >> (8 * k)));
  return b;
}

core::Result<LinearModel> LinearModel::from_bytes(std::span<const std::uint8_t> b,
                                                  std::string_view origin) {
  constexpr std::size_t kHeader = 4 + 5 * 4 + 3 * 4 + 3 * kDense * 4;
  if (b.size() < kHeader + 8 || std::memcmp(b.data(), "ZDLM", 4) != 0) {
    return core::fail(core::ErrorCode::kParse, "{}: not a zerodte linear model (magic 'ZDLM')",
                      origin);
  }
  std::size_t off = 4;
  auto u32 = [&] {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k)
      v |= static_cast<std::uint32_t>(b[off + static_cast<std::size_t>(k)]) << (8 * k);
    off += 4;
    return v;
  };
  auto f32 = [&] {
    const std::uint32_t v = u32();
    float f = 0;
    std::memcpy(&f, &v, 4);
    return f;
  };
  const std::uint32_t version = u32();
  if (version != kVersion) {
    return core::fail(core::ErrorCode::kUnsupported, "{}: model version {} (supported: {})", origin,
                      version, kVersion);
  }
  LinearConfig cfg;
  cfg.bits = u32();
  const std::uint32_t flags = u32();
  cfg.char_min = u32();
  cfg.char_max = u32();
  if (cfg.bits < 10 || cfg.bits > 24 || cfg.char_min < 1 || cfg.char_max > 9 ||
      cfg.char_min > cfg.char_max) {
    return core::fail(core::ErrorCode::kParse, "{}: bad header (bits {}, char n-grams {}..{})",
                      origin, cfg.bits, cfg.char_min, cfg.char_max);
  }
  cfg.word_bigrams = (flags & kFlagBigrams) != 0;
  cfg.char_ngrams = (flags & kFlagChars) != 0;
  cfg.lexicon_features = (flags & kFlagLexicon) != 0;
  const std::size_t nw = (std::size_t{1} << cfg.bits) * 3;
  if (b.size() != kHeader + nw * 2 + 8) {
    return core::fail(core::ErrorCode::kParse, "{}: size {} bytes, expected {} for 2^{} features",
                      origin, b.size(), kHeader + nw * 2 + 8, cfg.bits);
  }
  std::uint64_t stored = 0;
  for (int k = 0; k < 8; ++k)
    stored |= static_cast<std::uint64_t>(b[b.size() - 8 + static_cast<std::size_t>(k)]) << (8 * k);
  if (stored != fnv_bytes(b.first(b.size() - 8))) {
    return core::fail(core::ErrorCode::kParse, "{}: checksum mismatch (file corrupt)", origin);
  }
  LinearModel m(cfg);
  for (float& f : m.bias_)
    f = f32();
  for (auto& row : m.dense_w_) {
    for (float& f : row)
      f = f32();
  }
  for (std::size_t i = 0; i < nw; ++i) {
    m.w_[i] = half_to_float(static_cast<std::uint16_t>(b[off] | (b[off + 1] << 8)));
    off += 2;
  }
  return m;
}

core::Result<LinearModel> LinearModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::kIo, "{}: cannot open model file", path);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  return from_bytes(bytes, path);
}

core::Status LinearModel::save(const std::string& path) const {
  const auto bytes = to_bytes();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return core::fail(core::ErrorCode::kIo, "{}: cannot write model file", path);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) return core::fail(core::ErrorCode::kIo, "{}: write failed", path);
  return core::ok();
}

}  // namespace zerodte::sentiment
