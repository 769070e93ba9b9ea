#pragma once
// IANA time-zone conversions (Howard Hinnant's date/tz over the OS tzdata; g++ 12 has no
// std::chrono::zoned_time). Kept out of widely included headers: include only where needed.
#include <string_view>

#include "zerodte/core/time.hpp"

namespace zerodte::core {

struct LocalDateTime {
  Date date;
  TimeOfDay time;
  std::int64_t nanos = 0;  // sub-second part
};

// Local wall time in `tz` -> UTC. Nonexistent times (spring-forward gap) move forward by the gap;
// ambiguous times (fall-back) take the earlier instant. Unknown zones are an error.
Result<Timestamp> local_to_utc(std::string_view tz, Date d, TimeOfDay t);
Result<LocalDateTime> utc_to_local(std::string_view tz, Timestamp t);
// Offset of local time from UTC at instant t (e.g. -4h for New York in summer).
Result<Duration> utc_offset(std::string_view tz, Timestamp t);

}  // namespace zerodte::core
