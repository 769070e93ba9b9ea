#pragma once
// The journal: an append-only, segmented log of every inbound event and every decision. It is the
// truth from which state is rebuilt after a crash (recovery.hpp) and from which the database
// projections are fed (projection_feeder.hpp). Record frame and segment layout: record.hpp,
// segment.hpp.
//
// Write policies:
//  - kFsyncPerOrder (default): order-affecting records (is_order_affecting()) are fdatasync'ed
//    before append() returns; other records are written and synced by the background flusher
//    every `group_commit_interval`.
//  - kGroupCommit: append() only buffers; the flusher writes and syncs every interval. Use
//    append_durable() where a record must be on disk before the caller proceeds.
// In both policies append_durable() returns only after the record (and all before it) is synced:
// an order leaves the process only after its intent is durable.
//
// Segments roll when they reach `segment_bytes`; a rolled segment is compressed with zstd by a
// background thread (written to a temporary file, synced, renamed, then the raw file removed, so a
// crash at any step leaves one complete copy). On open, a torn or corrupt tail of the last segment
// is reported with its offset and truncated to the last intact record; damage followed by intact
// records is corruption in the middle and open() fails rather than drop data.
//
// Thread safety: append*/sync/roll may be called from any thread; sequence numbers follow the
// order in which append calls take the internal lock.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/file_util.hpp"
#include "zerodte/store/record.hpp"

namespace zerodte::store {

enum class WritePolicy : std::uint8_t { kFsyncPerOrder, kGroupCommit };

struct JournalConfig {
  std::filesystem::path dir;
  WritePolicy policy = WritePolicy::kFsyncPerOrder;
  std::chrono::milliseconds group_commit_interval{5};
  std::uint64_t segment_bytes = 64ull << 20;
  bool compress_rolled = true;
  int zstd_level = 3;
  std::size_t write_buffer_bytes = 1u << 20;  // buffered bytes that trigger a write() inline
};

// A torn or corrupt tail that open() cut off.
struct TailRepair {
  std::filesystem::path segment;
  std::uint64_t offset = 0;  // file offset where the damage started (new file length)
  std::uint64_t bytes_dropped = 0;
  std::string reason;
};

struct JournalOpenReport {
  std::uint64_t next_seq = 1;
  std::size_t segments = 0;
  std::optional<TailRepair> repaired;
};

struct JournalStats {
  std::uint64_t records = 0;  // appended by this instance
  std::uint64_t bytes = 0;    // frame bytes appended by this instance
  std::uint64_t syncs = 0;
  std::uint64_t segments_rolled = 0;
  std::uint64_t segments_compressed = 0;
};

class Journal {
 public:
  static core::Result<std::unique_ptr<Journal>> open(JournalConfig cfg);
  ~Journal();  // writes, syncs and waits for pending compression
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Appends one record and returns its sequence number (durable on return for order-affecting
  // types under kFsyncPerOrder).
  core::Result<std::uint64_t> append(RecordType type, core::Timestamp ts,
                                     std::span<const std::byte> payload);
  // Appends and returns after fdatasync covers the record.
  core::Result<std::uint64_t> append_durable(RecordType type, core::Timestamp ts,
                                             std::span<const std::byte> payload);
  // Everything appended so far is written and synced.
  core::Status sync();
  // Closes the current segment (queued for compression) and starts a new one, e.g. at the start
  // of a trading day so the archive can take whole days.
  core::Status roll();

  [[nodiscard]] std::uint64_t last_seq() const;  // last appended (0 = none)
  [[nodiscard]] std::uint64_t durable_seq() const {
    return durable_seq_.load(std::memory_order_acquire);
  }
  [[nodiscard]] const JournalOpenReport& open_report() const { return report_; }
  [[nodiscard]] const JournalConfig& config() const { return cfg_; }
  [[nodiscard]] JournalStats stats() const;
  // Waits until background compression has caught up (tests, archive rotation).
  void wait_for_compression();

 private:
  explicit Journal(JournalConfig cfg);
  core::Status init();
  core::Status flush(bool sync, bool force_roll);  // takes io_mu_
  core::Status roll_locked();                      // io_mu_ held
  core::Status create_segment_locked(std::uint64_t first_seq);
  core::Status sticky(core::Status st);
  void flusher_loop();
  void compressor_loop();

  JournalConfig cfg_;
  JournalOpenReport report_;
  FileHandle lock_fd_;

  mutable std::mutex buf_mu_;  // active_, next_seq_, last_appended_
  Bytes active_;
  std::uint64_t next_seq_ = 1;
  std::uint64_t records_ = 0;
  std::uint64_t bytes_ = 0;

  std::mutex io_mu_;  // fd_, spare_, file state
  Bytes spare_;
  FileHandle fd_;
  std::filesystem::path seg_path_;
  std::uint64_t seg_first_seq_ = 1;
  std::uint64_t file_bytes_ = 0;
  std::uint64_t written_seq_ = 0;
  std::atomic<std::uint64_t> durable_seq_{0};
  std::atomic<std::uint64_t> syncs_{0};
  std::atomic<std::uint64_t> rolled_{0};
  std::atomic<std::uint64_t> compressed_{0};

  std::mutex err_mu_;
  std::optional<core::Error> error_;
  std::atomic<bool> has_error_{false};

  std::mutex bg_mu_;
  std::condition_variable bg_cv_;
  std::condition_variable compress_done_cv_;
  bool stopping_ = false;
  std::deque<std::filesystem::path> compress_queue_;
  bool compressing_ = false;
  std::thread flusher_;
  std::thread compressor_;
};

}  // namespace zerodte::store
