#pragma once
// "Did you mean ...?" for unknown keys and enum values: the candidate with the smallest
// Damerau-Levenshtein (optimal string alignment) distance, compared case-insensitively.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace zerodte::core::config {

// Edits (insert, delete, substitute, swap two adjacent characters) turning `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate if it is close enough to be a plausible typo: distance <= max(2, |word|/3)
// (a name differing only in case or in '-' vs '_' always qualifies). Ties go to the first.
std::optional<std::string> suggest(std::string_view word, std::span<const std::string> candidates);

}  // namespace zerodte::core::config
