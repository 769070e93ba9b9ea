#pragma once
// A trivially-copyable, fixed-capacity string for ids and symbols inside hot-path events.
#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

namespace zerodte::core {

template <std::size_t N>
class FixedString {
 public:
  constexpr FixedString() = default;
  // Truncates at N characters; use fits() first when truncation would be an error.
  constexpr FixedString(std::string_view s) { assign(s); }  // NOLINT(google-explicit-constructor)
  constexpr FixedString(const char* s) : FixedString(std::string_view(s)) {}  // NOLINT
  FixedString(const std::string& s) : FixedString(std::string_view(s)) {}     // NOLINT

  static constexpr std::size_t capacity() { return N; }
  static constexpr bool fits(std::string_view s) { return s.size() <= N; }

  constexpr void assign(std::string_view s) {
    size_ = static_cast<unsigned char>(std::min(s.size(), N));
    std::fill(data_.begin(), data_.end(), '\0');
    std::copy_n(s.data(), size_, data_.begin());
  }
  [[nodiscard]] constexpr std::string_view view() const { return {data_.data(), size_}; }
  [[nodiscard]] std::string str() const { return std::string(view()); }
  [[nodiscard]] constexpr std::size_t size() const { return size_; }
  [[nodiscard]] constexpr bool empty() const { return size_ == 0; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT

  friend constexpr bool operator==(const FixedString& a, const FixedString& b) {
    return a.view() == b.view();
  }
  friend constexpr auto operator<=>(const FixedString& a, const FixedString& b) {
    return a.view() <=> b.view();
  }
  friend constexpr bool operator==(const FixedString& a, std::string_view b) {
    return a.view() == b;
  }

 private:
  static_assert(N < 256, "FixedString stores its size in one byte");
  std::array<char, N> data_{};
  unsigned char size_ = 0;
};

}  // namespace zerodte::core

template <std::size_t N>
struct std::hash<zerodte::core::FixedString<N>> {
  std::size_t operator()(const zerodte::core::FixedString<N>& s) const noexcept {
    return std::hash<std::string_view>{}(s.view());
  }
};
