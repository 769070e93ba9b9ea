#pragma once
// The Redis Streams bus, for deployments that outgrow one process: a producer (e.g. the
// market-data process) publishes journal records to streams; engine processes and an order
// router consume them through consumer groups. Delivery is at-least-once: an entry stays pending
// until acknowledged (XACK); a consumer that crashed leaves entries pending, which another
// consumer takes over with claim_stale() (XAUTOCLAIM) after they have been idle long enough.
//
// Stream entry ids are the journal sequence numbers ("<seq>-0"), so publishing is idempotent
// (re-publishing a sequence after a producer restart is refused by Redis and reported as a
// duplicate) and trimming by sequence is XTRIM MINID. One producer per stream.
//
// Processing is idempotent by sequence (IdempotentProcessor): each entry's handler runs inside
// MULTI/EXEC together with a "seen" marker for its sequence and the XACK, under WATCH of that
// marker, so a redelivered or concurrently claimed entry whose processing committed is skipped,
// and Redis-side effects of the handler happen exactly once. Effects outside Redis are
// at-least-once and should themselves be keyed by the sequence. In Redis Cluster the marker keys
// carry the stream's hash tag so they share its slot (the handler's own keys must too).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/record.hpp"
#include "zerodte/store/redis_client.hpp"

namespace zerodte::store {

struct StreamEntry {
  std::string id;
  std::uint64_t seq = 0;
  RecordType type = RecordType::kInvalid;
  core::Timestamp ts;
  Bytes payload;
  [[nodiscard]] RecordView view() const { return RecordView{seq, type, 0, ts, payload}; }
};

struct PendingEntry {
  std::string id;
  std::string consumer;
  std::int64_t idle_ms = 0;
  std::int64_t deliveries = 0;
};

class StreamPublisher {
 public:
  // `max_len`: approximate cap applied on every XADD (MAXLEN ~); 0 = no cap.
  StreamPublisher(RedisClient& client, std::size_t max_len = 0)
      : client_(client), max_len_(max_len) {}
  // Returns false when this sequence was already published (or an older one: the stream has a
  // higher sequence), true when added.
  core::Result<bool> publish(std::string_view stream, const RecordView& r);
  // Exact trims: keep the newest `max_len` entries / drop entries below `min_seq`. Returns removed
  // count.
  core::Result<std::int64_t> trim_to_length(std::string_view stream, std::size_t max_len);
  core::Result<std::int64_t> trim_before_seq(std::string_view stream, std::uint64_t min_seq);
  [[nodiscard]] RedisClient& client() { return client_; }

 private:
  RedisClient& client_;
  std::size_t max_len_;
};

class StreamConsumer {
 public:
  StreamConsumer(RedisClient& client, std::string stream, std::string group, std::string consumer)
      : client_(client),
        stream_(std::move(stream)),
        group_(std::move(group)),
        consumer_(std::move(consumer)) {}

  // Creates the group (and the stream) if missing, starting at `start_id` ("0" = everything, "$" =
  // new only).
  core::Status create_group(std::string_view start_id = "0");
  // New entries for this consumer (XREADGROUP ... >), waiting up to `block` (0 = no wait).
  core::Result<std::vector<StreamEntry>> read(std::size_t count,
                                              std::chrono::milliseconds block = {});
  // Entries delivered to this consumer name and not acknowledged (after a restart with the same
  // name).
  core::Result<std::vector<StreamEntry>> read_own_pending(std::size_t count);
  // Takes over entries pending for at least `min_idle` from any consumer (XAUTOCLAIM).
  core::Result<std::vector<StreamEntry>> claim_stale(std::chrono::milliseconds min_idle,
                                                     std::size_t count);
  core::Result<std::vector<PendingEntry>> pending(std::size_t count);
  core::Status ack(std::span<const std::string> ids);

  [[nodiscard]] const std::string& stream() const { return stream_; }
  [[nodiscard]] const std::string& group() const { return group_; }
  [[nodiscard]] const std::string& consumer() const { return consumer_; }

 private:
  RedisClient& client_;
  std::string stream_;
  std::string group_;
  std::string consumer_;
};

struct ProcessStats {
  std::size_t processed = 0;
  std::size_t duplicates = 0;
};

class IdempotentProcessor {
 public:
  // The handler is called inside MULTI: commands it sends on `tx` are queued and committed
  // atomically with the seen-marker and the XACK. An error from it discards the transaction and
  // leaves the entry pending.
  using Handler = std::function<core::Status(const StreamEntry&, RedisClient& tx)>;

  IdempotentProcessor(RedisClient& client, std::string stream, std::string group,
                      std::chrono::seconds marker_ttl = std::chrono::hours(24 * 7));
  core::Result<ProcessStats> process(std::span<const StreamEntry> entries, const Handler& handler);
  [[nodiscard]] std::string marker_key(std::uint64_t seq) const;

 private:
  RedisClient& client_;
  std::string stream_;
  std::string group_;
  std::string tag_;
  std::chrono::seconds ttl_;
};

// Publishes the journal's records after the stream's last entry (so it resumes where it left off
// after a restart) up to `until_seq`, optionally only some record types. Returns the count.
core::Result<std::uint64_t> publish_journal(const std::filesystem::path& journal_dir,
                                            StreamPublisher& publisher, std::string_view stream,
                                            std::uint64_t until_seq = UINT64_MAX,
                                            const std::function<bool(RecordType)>& filter = {});
// The sequence of the stream's newest entry (0 when empty or missing).
core::Result<std::uint64_t> stream_last_seq(RedisClient& client, std::string_view stream);

// The cluster hash tag of a key: the text between the first '{' and the next '}' when non-empty,
// else the whole key.
[[nodiscard]] std::string redis_hash_tag(std::string_view key);

// Mirror of state for readers who want it from Redis (seed 003's keys): hashes under
// analytics:*, signals:*, positions:* and overseer:*; other prefixes are refused.
class RedisStateMirror {
 public:
  explicit RedisStateMirror(RedisClient& client) : client_(client) {}
  core::Status set_fields(std::string_view key, const std::map<std::string, std::string>& fields,
                          std::optional<std::chrono::seconds> ttl = std::nullopt);
  core::Result<std::map<std::string, std::string>> get_fields(std::string_view key);
  [[nodiscard]] static bool allowed_key(std::string_view key);

 private:
  RedisClient& client_;
};

}  // namespace zerodte::store
