#include "zerodte/core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace zerodte::core {

void assertion_failed(std::string_view condition, std::string_view message,
                      std::source_location where) {
  std::fprintf(stderr, "zerodte: invariant broken: %.*s (%.*s) at %s:%u in %s\n",
               static_cast<int>(condition.size()), condition.data(),
               static_cast<int>(message.size()), message.data(), where.file_name(),
               static_cast<unsigned>(where.line()), where.function_name());
  std::fflush(stderr);
  std::abort();
}

}  // namespace zerodte::core
