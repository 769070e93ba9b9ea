#pragma once
#include <string_view>

namespace zerodte::app {
inline constexpr std::string_view kVersion = "zerodte 0.1.0";
}  // namespace zerodte::app
