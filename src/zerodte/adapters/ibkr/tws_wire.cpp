#include "zerodte/adapters/ibkr/tws_wire.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "zerodte/adapters/ibkr/tws_protocol.hpp"

namespace zerodte::adapters::ibkr {

FieldWriter& FieldWriter::str(std::string_view s) {
  for (char c : s)
    payload_.push_back(c == '\0' ? ' ' : c);
  payload_.push_back('\0');
  return *this;
}

FieldWriter& FieldWriter::i64(std::int64_t v) {
  fmt::format_to(std::back_inserter(payload_), "{}", v);
  payload_.push_back('\0');
  return *this;
}

FieldWriter& FieldWriter::dbl(double v) {
  std::string s = fmt::format("{}", v);
  if (std::isfinite(v) && s.find_first_of(".e") == std::string::npos) s += ".0";
  return str(s);
}

FieldWriter& FieldWriter::price_or_empty(core::Price p) {
  return p.is_defined() ? str(p.to_string()) : empty();
}

FieldWriter& FieldWriter::price_or_unset(core::Price p) {
  return p.is_defined() ? str(p.to_string()) : str(kUnsetDoubleText);
}

std::string FieldWriter::framed() const {
  return frame(payload_);
}

std::string frame(std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 4);
  const auto n = static_cast<std::uint32_t>(payload.size());
  out.push_back(static_cast<char>((n >> 24) & 0xFF));
  out.push_back(static_cast<char>((n >> 16) & 0xFF));
  out.push_back(static_cast<char>((n >> 8) & 0xFF));
  out.push_back(static_cast<char>(n & 0xFF));
  out.append(payload);
  return out;
}

std::string client_hello(int min_version, int max_version) {
  std::string out("API\0", 4);
  out += frame(fmt::format("v{}..{}", min_version, max_version));
  return out;
}

core::Result<std::pair<int, int>> parse_version_range(std::string_view text) {
  auto bad = [&] {
    return core::fail(core::ErrorCode::kParse,
                      "ibkr handshake: version range '{}' is not 'v<min>..<max>'", text);
  };
  if (text.size() < 2 || text[0] != 'v') return bad();
  std::string_view rest = text.substr(1);
  int lo = 0;
  int hi = 0;
  const auto dots = rest.find("..");
  auto parse_int = [](std::string_view s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size() && !s.empty();
  };
  if (dots == std::string_view::npos) {
    if (!parse_int(rest, lo)) return bad();
    hi = lo;
  } else if (!parse_int(rest.substr(0, dots), lo) || !parse_int(rest.substr(dots + 2), hi)) {
    return bad();
  }
  if (lo > hi) return bad();
  return std::pair{lo, hi};
}

FieldReader::FieldReader(std::string_view payload, std::string_view what)
    : payload_(payload), what_(what) {}

core::Error FieldReader::bad(std::string_view field, std::string_view rule) const {
  return core::Error{core::ErrorCode::kParse,
                     fmt::format("ibkr {} field {}: '{}' {}", what_, index_, field, rule)};
}

core::Result<std::string_view> FieldReader::next() {
  if (pos_ >= payload_.size()) {
    return core::fail(core::ErrorCode::kParse, "ibkr {}: message ends before field {}", what_,
                      index_ + 1);
  }
  const auto end = payload_.find('\0', pos_);
  if (end == std::string_view::npos) {
    return core::fail(core::ErrorCode::kParse, "ibkr {} field {}: not NUL-terminated", what_,
                      index_ + 1);
  }
  std::string_view f = payload_.substr(pos_, end - pos_);
  pos_ = end + 1;
  ++index_;
  return f;
}

core::Result<std::string_view> FieldReader::str() {
  return next();
}

core::Result<std::int64_t> FieldReader::i64() {
  auto f = next();
  if (!f) return std::unexpected(f.error());
  if (f->empty()) return 0;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(f->data(), f->data() + f->size(), v);
  if (ec != std::errc{} || p != f->data() + f->size()) {
    return std::unexpected(bad(*f, "is not an integer"));
  }
  return v;
}

core::Result<double> FieldReader::dbl() {
  auto f = next();
  if (!f) return std::unexpected(f.error());
  if (f->empty()) return 0.0;
  if (*f == "Infinity") return std::numeric_limits<double>::infinity();
  double v = 0;
  auto [p, ec] = std::from_chars(f->data(), f->data() + f->size(), v);
  if (ec != std::errc{} || p != f->data() + f->size()) {
    return std::unexpected(bad(*f, "is not a number"));
  }
  return v;
}

core::Result<bool> FieldReader::boolean() {
  auto f = next();
  if (!f) return std::unexpected(f.error());
  if (f->empty() || *f == "0" || *f == "false") return false;
  if (*f == "1" || *f == "true") return true;
  return std::unexpected(bad(*f, "is not a boolean (0/1)"));
}

core::Result<core::Price> FieldReader::price() {
  auto f = next();
  if (!f) return std::unexpected(f.error());
  if (f->empty()) return core::Price::undefined();
  if (auto p = core::Price::parse(*f)) return *p;
  // Not a plain decimal: the reference servers print doubles ("1.05E-4", UNSET_DOUBLE
  // "1.7976931348623157E308"). Values beyond 1e15 mean "not set".
  double v = 0;
  auto [end, ec] = std::from_chars(f->data(), f->data() + f->size(), v);
  if (ec == std::errc::result_out_of_range || (ec == std::errc{} && std::abs(v) > 1e15)) {
    return core::Price::undefined();
  }
  if (ec != std::errc{} || end != f->data() + f->size()) {
    return std::unexpected(bad(*f, "is not a decimal price"));
  }
  auto p = core::Price::from_double(v);
  if (!p) return std::unexpected(bad(*f, "is not a representable price"));
  return *p;
}

core::Result<std::int64_t> FieldReader::quantity() {
  auto f = next();
  if (!f) return std::unexpected(f.error());
  if (f->empty()) return 0;
  auto p = core::Price::parse(*f);
  if (!p || !p->is_multiple_of(core::Price::from_units(1))) {
    if (p && p->raw() == 0) return 0;
    return std::unexpected(bad(*f, "is not a whole quantity"));
  }
  return p->raw() / core::Price::kScale;
}

core::Status FieldReader::skip(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (auto f = next(); !f) return std::unexpected(f.error());
  }
  return core::ok();
}

std::vector<std::string> split_fields(std::string_view payload) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < payload.size()) {
    auto end = payload.find('\0', pos);
    if (end == std::string_view::npos) end = payload.size();
    out.emplace_back(payload.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

core::Result<std::optional<std::string>> FrameBuffer::next() {
  if (buffered() < 4) return std::optional<std::string>{};
  const auto* b = reinterpret_cast<const unsigned char*>(buf_.data() + start_);
  const std::uint32_t n = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
                          (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
  if (n == 0 || n > kMaxMessageBytes) {
    return core::fail(core::ErrorCode::kParse, "ibkr stream: message length {} outside 1..{}", n,
                      kMaxMessageBytes);
  }
  if (buffered() < 4 + std::size_t{n}) return std::optional<std::string>{};
  std::string payload = buf_.substr(start_ + 4, n);
  start_ += 4 + n;
  if (start_ > 65536 && start_ * 2 > buf_.size()) {
    buf_.erase(0, start_);
    start_ = 0;
  }
  return std::optional<std::string>{std::move(payload)};
}

bool FrameBuffer::consume_prefix(std::string_view prefix) {
  if (buffered() < prefix.size()) return false;
  if (std::string_view(buf_).substr(start_, prefix.size()) != prefix) return false;
  start_ += prefix.size();
  return true;
}

}  // namespace zerodte::adapters::ibkr
