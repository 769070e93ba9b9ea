#include "zerodte/adapters/net/rate_limit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace zerodte::adapters::net {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

int month_index(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == m) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool to_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

// "HH:MM:SS"
bool parse_hms(std::string_view s, int& h, int& m, int& sec) {
  return s.size() == 8 && s[2] == ':' && s[5] == ':' && to_int(s.substr(0, 2), h) &&
         to_int(s.substr(3, 2), m) && to_int(s.substr(6, 2), sec) && h < 24 && m < 60 && sec < 61;
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ')
      ++i;
    const std::size_t b = i;
    while (i < s.size() && s[i] != ' ')
      ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

}  // namespace

core::Result<core::Timestamp> parse_http_date(std::string_view value) {
  const std::string_view v = trim(value);
  auto bad = [&] {
    return core::fail(core::ErrorCode::kParse, "HTTP date '{}': not an IMF-fixdate", v);
  };
  const auto parts = split_ws(v);
  int day = 0, month = 0, year = 0, h = 0, m = 0, s = 0;
  if (parts.size() == 6 && parts[0].size() == 4 && parts[0].back() == ',') {
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (!to_int(parts[1], day) || (month = month_index(parts[2])) == 0 || !to_int(parts[3], year) ||
        !parse_hms(parts[4], h, m, s) || parts[5] != "GMT")
      return bad();
  } else if (parts.size() == 4 && parts[0].back() == ',') {
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    const auto d = parts[1];
    if (d.size() != 9 || d[2] != '-' || d[6] != '-' || !to_int(d.substr(0, 2), day) ||
        (month = month_index(d.substr(3, 3))) == 0 || !to_int(d.substr(7, 2), year) ||
        !parse_hms(parts[2], h, m, s) || parts[3] != "GMT")
      return bad();
    year += year < 70 ? 2000 : 1900;
  } else if (parts.size() == 5) {
    // asctime: "Sun Nov  6 08:49:37 1994"
    if ((month = month_index(parts[1])) == 0 || !to_int(parts[2], day) ||
        !parse_hms(parts[3], h, m, s) || !to_int(parts[4], year))
      return bad();
  } else {
    return bad();
  }
  const core::Date date{year, month, day};
  if (!date.valid()) return bad();
  return core::Timestamp{date.days_since_epoch() * core::kNanosPerDay +
                         (h * 3600LL + m * 60LL + s) * core::kNanosPerSecond};
}

core::Result<core::Duration> parse_retry_after(std::string_view value, core::Timestamp now) {
  const std::string_view v = trim(value);
  if (v.empty()) return core::fail(core::ErrorCode::kParse, "Retry-After: empty value");
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t secs = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), secs);
    if (ec != std::errc{} || secs > 86'400LL * 365)
      return core::fail(core::ErrorCode::kParse, "Retry-After '{}': seconds out of range", v);
    return core::Duration{secs * core::kNanosPerSecond};
  }
  auto t = parse_http_date(v);
  if (!t)
    return core::fail(core::ErrorCode::kParse,
                      "Retry-After '{}': neither delay-seconds nor an HTTP-date", v);
  return std::max(core::Duration{0}, *t - now);
}

TokenBucket::TokenBucket(double capacity, double per_second, core::Timestamp start)
    : capacity_(capacity), per_second_(per_second), tokens_(capacity), last_(start) {}

void TokenBucket::refill(core::Timestamp now) {
  if (now <= last_) return;
  const double secs = static_cast<double>((now - last_).count()) / 1e9;
  tokens_ = std::min(capacity_, tokens_ + secs * per_second_);
  last_ = now;
}

double TokenBucket::available(core::Timestamp now) {
  refill(now);
  return tokens_;
}

bool TokenBucket::try_acquire(core::Timestamp now, double tokens) {
  refill(now);
  if (tokens_ + 1e-12 < tokens) return false;
  tokens_ -= tokens;
  return true;
}

core::Duration TokenBucket::wait_time(core::Timestamp now, double tokens) {
  refill(now);
  if (tokens_ + 1e-12 >= tokens || per_second_ <= 0) return core::Duration{0};
  return core::Duration{static_cast<std::int64_t>((tokens - tokens_) / per_second_ * 1e9) + 1};
}

core::Timestamp LeakyBucket::next_slot(core::Timestamp now) const {
  return std::max(now, next_);
}

bool LeakyBucket::try_acquire(core::Timestamp now) {
  if (now < next_) return false;
  next_ = now + interval_;
  return true;
}

void SlidingWindow::expire(core::Timestamp now) {
  while (!calls_.empty() && calls_.front() <= now - window_)
    calls_.pop_front();
}

std::int64_t SlidingWindow::count(core::Timestamp now) {
  expire(now);
  return static_cast<std::int64_t>(calls_.size());
}

bool SlidingWindow::try_acquire(core::Timestamp now) {
  if (!allows(now)) return false;
  record(now);
  return true;
}

core::Timestamp SlidingWindow::next_allowed(core::Timestamp now) {
  expire(now);
  if (static_cast<std::int64_t>(calls_.size()) < limit_) return now;
  // The oldest call that must leave the window before one more fits.
  const auto idx = calls_.size() - static_cast<std::size_t>(limit_);
  return calls_[idx] + window_;
}

}  // namespace zerodte::adapters::net
