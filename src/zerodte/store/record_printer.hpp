#pragma once
// One-line human description of a journal record, for `zerodte journal inspect --print`.
#include <string>

#include "zerodte/store/record.hpp"

namespace zerodte::store {

// "42 2025-03-14T13:30:01.000000000Z fill o2 sell 4 @ 103 fee 0.4 exec E2"; undecodable payloads
// are described with their size and the decoding error.
[[nodiscard]] std::string describe_record(const RecordView& r);

}  // namespace zerodte::store
