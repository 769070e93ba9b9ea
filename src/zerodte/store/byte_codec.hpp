#pragma once
// Little-endian field encoding for journal payloads. ByteWriter appends to a caller-owned vector
// (reused, so steady-state encoding does not allocate); ByteReader checks every read against the
// remaining bytes and reports the field and offset that ran short.
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::store {

static_assert(std::endian::native == std::endian::little, "the journal format is little-endian");

using Bytes = std::vector<std::byte>;

class ByteWriter {
 public:
  explicit ByteWriter(Bytes& out) : out_(out) {}

  template <typename T>
  requires std::is_trivially_copyable_v<T>
  void pod(const T& v) {
    const std::size_t at = out_.size();
    out_.resize(at + sizeof(T));
    std::memcpy(out_.data() + at, &v, sizeof(T));
  }
  void u8(std::uint8_t v) { pod(v); }
  void u16(std::uint16_t v) { pod(v); }
  void u32(std::uint32_t v) { pod(v); }
  void u64(std::uint64_t v) { pod(v); }
  void i64(std::int64_t v) { pod(v); }
  void f64(double v) { pod(v); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void bytes(std::span<const std::byte> b) {
    u32(static_cast<std::uint32_t>(b.size()));
    out_.insert(out_.end(), b.begin(), b.end());
  }
  void str(std::string_view s) { bytes(std::as_bytes(std::span<const char>(s.data(), s.size()))); }
  [[nodiscard]] std::size_t size() const { return out_.size(); }

 private:
  Bytes& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::byte> in) : in_(in) {}

  template <typename T>
  requires std::is_trivially_copyable_v<T> core::Result<T> pod(std::string_view field) {
    if (in_.size() - pos_ < sizeof(T)) return short_read(field, sizeof(T));
    T v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  core::Result<std::uint8_t> u8(std::string_view f) { return pod<std::uint8_t>(f); }
  core::Result<std::uint16_t> u16(std::string_view f) { return pod<std::uint16_t>(f); }
  core::Result<std::uint32_t> u32(std::string_view f) { return pod<std::uint32_t>(f); }
  core::Result<std::uint64_t> u64(std::string_view f) { return pod<std::uint64_t>(f); }
  core::Result<std::int64_t> i64(std::string_view f) { return pod<std::int64_t>(f); }
  core::Result<double> f64(std::string_view f) { return pod<double>(f); }
  core::Result<bool> boolean(std::string_view f) {
    auto v = u8(f);
    if (!v) return std::unexpected(v.error());
    if (*v > 1)
      return core::fail(core::ErrorCode::kParse, "field '{}': bool byte {} at offset {}", f, *v,
                        pos_ - 1);
    return *v == 1;
  }
  core::Result<std::span<const std::byte>> bytes(std::string_view field) {
    auto n = u32(field);
    if (!n) return std::unexpected(n.error());
    if (in_.size() - pos_ < *n) return short_read(field, *n);
    auto s = in_.subspan(pos_, *n);
    pos_ += *n;
    return s;
  }
  core::Result<std::string> str(std::string_view field) {
    auto b = bytes(field);
    if (!b) return std::unexpected(b.error());
    return std::string(reinterpret_cast<const char*>(b->data()), b->size());
  }
  [[nodiscard]] std::size_t remaining() const { return in_.size() - pos_; }
  [[nodiscard]] std::size_t offset() const { return pos_; }
  [[nodiscard]] core::Status expect_end(std::string_view what) const {
    if (remaining() != 0)
      return core::fail(core::ErrorCode::kParse, "{}: {} trailing bytes after offset {}", what,
                        remaining(), pos_);
    return core::ok();
  }

 private:
  [[nodiscard]] std::unexpected<core::Error> short_read(std::string_view field,
                                                        std::size_t need) const {
    return core::fail(core::ErrorCode::kParse,
                      "field '{}' needs {} bytes at offset {} but only {} remain", field, need,
                      pos_, in_.size() - pos_);
  }
  std::span<const std::byte> in_;
  std::size_t pos_ = 0;
};

// Propagates an error from a Result-returning expression, otherwise yields its value.
#define ZDTE_TRY_ASSIGN(var, expr)                                   \
  auto var##_result_ = (expr);                                       \
  if (!var##_result_) return std::unexpected(var##_result_.error()); \
  auto var = std::move(*var##_result_)

}  // namespace zerodte::store
