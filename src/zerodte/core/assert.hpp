#pragma once
// Broken invariants are bugs: ZDTE_ASSERT logs the condition and location, then aborts. It is
// active in every build type (trading on a broken invariant costs more than the check).
#include <source_location>
#include <string_view>

namespace zerodte::core {
[[noreturn]] void assertion_failed(std::string_view condition, std::string_view message,
                                   std::source_location where = std::source_location::current());
}  // namespace zerodte::core

#define ZDTE_ASSERT(cond, msg)                                                          \
  do {                                                                                  \
    if (!(cond)) [[unlikely]]                                                           \
      ::zerodte::core::assertion_failed(#cond, (msg), std::source_location::current()); \
  } while (false)
