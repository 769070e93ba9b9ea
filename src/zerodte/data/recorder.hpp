#pragma once
// Recording of raw wire messages with receive timestamps, and their replay through the same
// decoding code. File format (zstd-compressed stream, any number of frames):
//   "ZDTREC01"                                   8-byte magic
//   repeated: u32 payload length, u16 channel, u16 reserved (0), i64 ts_recv (UNIX ns), payload
// all little-endian. Live adapters call Recorder::write(channel, ts_recv, bytes) for every
// message they receive (thread-safe); flush() makes everything written so far readable.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/data/byte_stream.hpp"
#include "zerodte/engine/event_source.hpp"

namespace zerodte::data {

inline constexpr std::string_view kRecordingMagic = "ZDTREC01";
inline constexpr std::uint32_t kMaxRecordedMessage = 64u << 20;

class Recorder {
 public:
  static core::Result<std::unique_ptr<Recorder>> create(const std::string& path,
                                                        int zstd_level = 3);
  // Into a caller-owned writer (tests, in-memory).
  explicit Recorder(std::unique_ptr<ByteWriter> out);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  core::Status write(std::uint16_t channel, core::Timestamp ts_recv,
                     std::span<const std::byte> bytes);
  core::Status write(std::uint16_t channel, core::Timestamp ts_recv, std::string_view bytes) {
    return write(channel, ts_recv, std::as_bytes(std::span(bytes)));
  }
  core::Status flush();
  core::Status close();
  [[nodiscard]] std::uint64_t messages() const { return messages_; }

 private:
  std::mutex mutex_;
  std::unique_ptr<ByteWriter> out_;
  FileWriter* file_ = nullptr;  // out_ when it is a FileWriter (for flush)
  std::uint64_t messages_ = 0;
  bool closed_ = false;
};

struct RecordedMessage {
  std::uint16_t channel = 0;
  core::Timestamp ts_recv;
  std::span<const std::byte> bytes;  // valid until the next call to next()
};

class RecordingReader {
 public:
  static core::Result<std::unique_ptr<RecordingReader>> open(const std::string& path);
  // From a decompressed stream.
  static core::Result<std::unique_ptr<RecordingReader>> from_reader(
      std::unique_ptr<ByteReader> reader);
  core::Result<std::optional<RecordedMessage>> next();

 private:
  explicit RecordingReader(std::unique_ptr<ByteReader> r) : reader_(std::move(r)) {}
  core::Result<bool> read_exact(std::byte* out, std::size_t n);  // false at clean EOF (n bytes)
  std::unique_ptr<ByteReader> reader_;
  std::vector<std::byte> payload_;
  std::uint64_t offset_ = 0;
};

// Turns one recorded wire message back into events (the adapter's own decoding code).
using WireDecoder =
    std::function<core::Status(std::uint16_t channel, core::Timestamp ts_recv,
                               std::span<const std::byte> bytes, std::vector<engine::Event>& out)>;

// Replays a recording through `decoder`, event by event.
class RecordingReplaySource final : public engine::EventSource {
 public:
  RecordingReplaySource(std::unique_ptr<RecordingReader> reader, WireDecoder decoder)
      : reader_(std::move(reader)), decoder_(std::move(decoder)) {}
  std::optional<engine::Event> next() override;
  [[nodiscard]] const std::optional<core::Error>& error() const { return error_; }

 private:
  std::unique_ptr<RecordingReader> reader_;
  WireDecoder decoder_;
  std::vector<engine::Event> pending_;
  std::size_t pos_ = 0;
  std::optional<core::Error> error_;
};

}  // namespace zerodte::data
