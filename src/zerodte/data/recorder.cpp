#include "zerodte/data/recorder.hpp"

#include <cstring>

namespace zerodte::data {

using core::ErrorCode;

namespace {
struct EntryHeader {
  std::uint32_t length;
  std::uint16_t channel;
  std::uint16_t reserved;
  std::int64_t ts_recv;
};
static_assert(sizeof(EntryHeader) == 16);
}  // namespace

core::Result<std::unique_ptr<Recorder>> Recorder::create(const std::string& path, int zstd_level) {
  auto w = FileWriter::create(path, zstd_level);
  if (!w) return std::unexpected(w.error());
  FileWriter* raw = w->get();
  auto r = std::make_unique<Recorder>(std::move(*w));
  r->file_ = raw;
  return r;
}

Recorder::Recorder(std::unique_ptr<ByteWriter> out) : out_(std::move(out)) {
  (void)out_->write(std::as_bytes(std::span(kRecordingMagic)));
}

Recorder::~Recorder() {
  (void)close();
}

core::Status Recorder::write(std::uint16_t channel, core::Timestamp ts_recv,
                             std::span<const std::byte> bytes) {
  if (bytes.size() > kMaxRecordedMessage) {
    return core::fail(ErrorCode::kInvalid, "recorded message of {} bytes exceeds {} bytes",
                      bytes.size(), kMaxRecordedMessage);
  }
  const EntryHeader h{static_cast<std::uint32_t>(bytes.size()), channel, 0, ts_recv.ns};
  std::lock_guard lock(mutex_);
  if (closed_) return core::fail(ErrorCode::kState, "recorder is closed");
  if (auto s = out_->write(std::as_bytes(std::span<const EntryHeader, 1>(&h, 1))); !s) return s;
  if (auto s = out_->write(bytes); !s) return s;
  ++messages_;
  return core::ok();
}

core::Status Recorder::flush() {
  std::lock_guard lock(mutex_);
  if (closed_ || file_ == nullptr) return core::ok();
  return file_->flush();
}

core::Status Recorder::close() {
  std::lock_guard lock(mutex_);
  if (closed_) return core::ok();
  closed_ = true;
  return out_->close();
}

core::Result<std::unique_ptr<RecordingReader>> RecordingReader::open(const std::string& path) {
  auto r = open_maybe_compressed(path);
  if (!r) return std::unexpected(r.error());
  return from_reader(std::move(*r));
}

core::Result<std::unique_ptr<RecordingReader>> RecordingReader::from_reader(
    std::unique_ptr<ByteReader> reader) {
  std::unique_ptr<RecordingReader> rr(new RecordingReader(std::move(reader)));
  std::byte magic[8];
  auto ok = rr->read_exact(magic, sizeof magic);
  if (!ok) return std::unexpected(ok.error());
  if (!*ok || std::memcmp(magic, kRecordingMagic.data(), 8) != 0) {
    return core::fail(ErrorCode::kParse, "{}: byte 0: not a zerodte recording (magic {})",
                      rr->reader_->name(), kRecordingMagic);
  }
  return rr;
}

core::Result<bool> RecordingReader::read_exact(std::byte* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    auto r = reader_->read({out + got, n - got});
    if (!r) return std::unexpected(r.error());
    if (*r == 0) break;
    got += *r;
  }
  if (got == 0 && n > 0) return false;
  if (got < n) {
    return core::fail(ErrorCode::kParse, "{}: byte {}: truncated recording ({} of {} bytes)",
                      reader_->name(), offset_ + got, got, n);
  }
  offset_ += n;
  return true;
}

core::Result<std::optional<RecordedMessage>> RecordingReader::next() {
  EntryHeader h{};
  const std::uint64_t at = offset_;
  auto ok = read_exact(reinterpret_cast<std::byte*>(&h), sizeof h);
  if (!ok) return std::unexpected(ok.error());
  if (!*ok) return std::optional<RecordedMessage>{};
  if (h.length > kMaxRecordedMessage || h.reserved != 0) {
    return core::fail(ErrorCode::kParse,
                      "{}: byte {}: corrupt entry header (length {}, reserved {})", reader_->name(),
                      at, h.length, h.reserved);
  }
  payload_.resize(h.length);
  if (h.length > 0) {
    auto okp = read_exact(payload_.data(), h.length);
    if (!okp) return std::unexpected(okp.error());
    if (!*okp) {
      return core::fail(ErrorCode::kParse, "{}: byte {}: truncated recording (payload missing)",
                        reader_->name(), offset_);
    }
  }
  return std::optional<RecordedMessage>{
      RecordedMessage{h.channel, core::Timestamp{h.ts_recv}, {payload_.data(), payload_.size()}}};
}

std::optional<engine::Event> RecordingReplaySource::next() {
  while (pos_ >= pending_.size()) {
    if (error_) return std::nullopt;
    pending_.clear();
    pos_ = 0;
    auto m = reader_->next();
    if (!m) {
      error_ = m.error();
      return std::nullopt;
    }
    if (!*m) return std::nullopt;
    if (auto s = decoder_((*m)->channel, (*m)->ts_recv, (*m)->bytes, pending_); !s) {
      error_ = s.error();
      return std::nullopt;
    }
  }
  return std::move(pending_[pos_++]);
}

}  // namespace zerodte::data
