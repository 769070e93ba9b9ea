#include "zerodte/core/clock.hpp"

#include <chrono>

namespace zerodte::core {

Timestamp wall_clock_now() {
  const auto d = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()};
}

Timestamp LiveClock::now() const {
  return wall_clock_now();
}

}  // namespace zerodte::core
