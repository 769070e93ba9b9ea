#pragma once
// The compliance archive (seed 003 "Storage rotation" / "Compliance archive", seed 004 retention).
//
//   <root>/YYYY-MM-DD/<class>/<file>.zst    zstd-compressed data, one folder per day and class
//   <root>/YYYY-MM-DD/INDEX.tsv             one line per file: class, name, sizes, raw sha256,
//                                           first/last journal sequence and timestamp
//   <root>/YYYY-MM-DD/MANIFEST.sha256       sha256 of every file of the day, INDEX.tsv included,
//                                           in `sha256sum` format (so `sha256sum -c` also checks
//                                           it)
//
// Retrieval reads the day's INDEX.tsv: nothing is scanned. Retention classes ("ticks", "bars_1m",
// "journal", "orders", ...) each have a number of days to keep; apply_retention() removes older
// class folders and rewrites that day's index and manifest.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::store {

struct ArchiveEntry {
  std::string cls;
  std::string name;  // stored file name (ends in .zst)
  std::uint64_t raw_bytes = 0;
  std::uint64_t stored_bytes = 0;
  std::string raw_sha256;
  std::uint64_t first_seq = 0;  // journal segments only
  std::uint64_t last_seq = 0;
  std::int64_t first_ts_ns = 0;
  std::int64_t last_ts_ns = 0;
};

struct VerifyReport {
  std::size_t days = 0;
  std::size_t files = 0;
  std::vector<std::string> problems;  // "2025-03-14/journal/seg-...zst: sha256 mismatch", ...
  [[nodiscard]] bool ok() const { return problems.empty(); }
};

struct RetentionPolicy {
  std::map<std::string, int> keep_days;  // class -> days; classes not listed are kept
  // Defaults from seed 003/004: raw ticks 2 days, 1-minute bars ~3 months, orders, fills,
  // explanations and the journal seven years.
  static RetentionPolicy defaults();
  // "ticks=2,bars_1m=92,journal=2557"
  static core::Result<RetentionPolicy> parse(std::string_view text);
};

struct RetentionReport {
  std::vector<std::string> removed;  // "YYYY-MM-DD/class"
};

struct RotationReport {
  std::vector<ArchiveEntry> archived;
};

class Archive {
 public:
  explicit Archive(std::filesystem::path root) : root_(std::move(root)) {}

  // Compresses `src` (unless it already is .zst) into <day>/<cls>/ and records it.
  core::Result<ArchiveEntry> add_file(core::Date day, std::string_view cls,
                                      const std::filesystem::path& src, bool remove_source = false);
  // Moves the journal's rolled segments whose records all fall before the end of `day` (UTC)
  // into the archive (class "journal", indexed by sequence and time). The active segment stays.
  core::Result<RotationReport> rotate_journal(const std::filesystem::path& journal_dir,
                                              core::Date day);
  // Checks every manifest line of one day (or all days) and that no file is unlisted.
  core::Result<VerifyReport> verify(std::optional<core::Date> day = std::nullopt) const;
  core::Result<RetentionReport> apply_retention(core::Date today, const RetentionPolicy& policy);
  // The day's index (no scanning of data files).
  core::Result<std::vector<ArchiveEntry>> index(core::Date day) const;
  [[nodiscard]] std::vector<core::Date> days() const;
  [[nodiscard]] std::filesystem::path day_dir(core::Date day) const {
    return root_ / day.to_string();
  }

 private:
  core::Status write_index_and_manifest(core::Date day, const std::vector<ArchiveEntry>& entries);
  core::Result<ArchiveEntry> store(core::Date day, ArchiveEntry entry,
                                   std::span<const std::byte> stored);
  std::filesystem::path root_;
};

}  // namespace zerodte::store
