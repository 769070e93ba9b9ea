#include "zerodte/store/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "zerodte/store/segment.hpp"
#include "zerodte/store/zstd_codec.hpp"

namespace zerodte::store {

namespace fs = std::filesystem;

core::Result<std::unique_ptr<Journal>> Journal::open(JournalConfig cfg) {
  if (cfg.dir.empty())
    return core::fail(core::ErrorCode::kConfig, "journal: no directory configured");
  if (cfg.segment_bytes < 4096)
    return core::fail(core::ErrorCode::kConfig, "journal: segment_bytes {} is below 4096",
                      cfg.segment_bytes);
  std::unique_ptr<Journal> j(new Journal(std::move(cfg)));
  if (auto st = j->init(); !st) return std::unexpected(st.error());
  j->flusher_ = std::thread([p = j.get()] { p->flusher_loop(); });
  j->compressor_ = std::thread([p = j.get()] { p->compressor_loop(); });
  return j;
}

Journal::Journal(JournalConfig cfg) : cfg_(std::move(cfg)) {
  active_.reserve(cfg_.write_buffer_bytes + 4096);
  spare_.reserve(cfg_.write_buffer_bytes + 4096);
}

core::Status Journal::init() {
  std::error_code ec;
  fs::create_directories(cfg_.dir, ec);
  if (ec)
    return core::fail(core::ErrorCode::kIo, "journal: create {}: {}", cfg_.dir.string(),
                      ec.message());
  auto lock = open_file(cfg_.dir / "LOCK", O_RDWR | O_CREAT);
  if (!lock) return std::unexpected(lock.error());
  if (::flock(lock->get(), LOCK_EX | LOCK_NB) != 0)
    return core::fail(core::ErrorCode::kState, "journal {} is open in another process (LOCK held)",
                      cfg_.dir.string());
  lock_fd_ = std::move(*lock);
  for (const auto& e : fs::directory_iterator(cfg_.dir)) {
    if (e.path().extension() == ".tmp") fs::remove(e.path(), ec);
  }

  auto segs = list_segments(cfg_.dir);
  if (!segs) return std::unexpected(segs.error());
  // A last raw segment whose header never made it to disk (crash while creating it) is dropped.
  while (!segs->empty() && !segs->back().compressed &&
         fs::file_size(segs->back().path) < kSegmentHeaderSize) {
    report_.repaired = TailRepair{segs->back().path, 0, fs::file_size(segs->back().path),
                                  "segment created but its header was never written"};
    fs::remove(segs->back().path);
    segs->pop_back();
  }
  report_.segments = segs->size();
  if (segs->empty()) return create_segment_locked(1);

  for (std::size_t i = 0; i + 1 < segs->size(); ++i) {
    if (!(*segs)[i].compressed && cfg_.compress_rolled) compress_queue_.push_back((*segs)[i].path);
  }
  const SegmentFile last = segs->back();
  auto data = load_segment(last);
  if (!data) return std::unexpected(data.error());
  auto scan = scan_segment(*data, last.path.string(), {});
  if (!scan) return std::unexpected(scan.error());
  if (scan->damage) {
    const SegmentDamage& d = *scan->damage;
    if (d.valid_record_follows || last.compressed)
      return core::fail(
          core::ErrorCode::kParse,
          "journal segment {}: corrupt record at offset {} ({}), and intact records follow; "
          "refusing to truncate (corruption in the middle, not a torn tail)",
          last.path.string(), d.offset, d.reason);
    report_.repaired = TailRepair{last.path, d.offset, d.bytes_after, d.reason};
    if (::truncate(last.path.c_str(), static_cast<off_t>(d.offset)) != 0)
      return core::fail(core::ErrorCode::kIo, "truncate {}: {}", last.path.string(),
                        std::strerror(errno));
  }
  next_seq_ = scan->last_seq + 1;
  written_seq_ = scan->last_seq;
  durable_seq_.store(scan->last_seq);
  report_.next_seq = next_seq_;
  if (last.compressed) return create_segment_locked(next_seq_);
  auto fd = open_file(last.path, O_WRONLY | O_APPEND);
  if (!fd) return std::unexpected(fd.error());
  if (auto st = sync_fd(fd->get(), last.path); !st) return st;
  fd_ = std::move(*fd);
  seg_path_ = last.path;
  seg_first_seq_ = scan->first_seq;
  file_bytes_ = scan->good_bytes;
  return core::ok();
}

core::Status Journal::create_segment_locked(std::uint64_t first_seq) {
  const fs::path p = cfg_.dir / segment_file_name(first_seq, false);
  auto fd = open_file(p, O_WRONLY | O_CREAT | O_EXCL | O_APPEND);
  if (!fd) return std::unexpected(fd.error());
  std::array<std::byte, kSegmentHeaderSize> hdr{};
  encode_segment_header(first_seq, hdr);
  if (auto st = write_all(fd->get(), hdr, p); !st) return st;
  if (auto st = sync_fd(fd->get(), p); !st) return st;
  if (auto st = sync_dir(cfg_.dir); !st) return st;
  fd_ = std::move(*fd);
  seg_path_ = p;
  seg_first_seq_ = first_seq;
  file_bytes_ = kSegmentHeaderSize;
  return core::ok();
}

Journal::~Journal() {
  (void)flush(true, false);
  {
    std::scoped_lock lock(bg_mu_);
    stopping_ = true;
  }
  bg_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  if (compressor_.joinable()) compressor_.join();
}

core::Status Journal::sticky(core::Status st) {
  if (!st) {
    std::scoped_lock lock(err_mu_);
    if (!error_) error_ = st.error();
    has_error_.store(true, std::memory_order_release);
  }
  return st;
}

core::Result<std::uint64_t> Journal::append(RecordType type, core::Timestamp ts,
                                            std::span<const std::byte> payload) {
  if (payload.size() > kMaxPayload)
    return core::fail(core::ErrorCode::kInvalid, "journal: {} payload of {} bytes exceeds {}",
                      record_type_name(type), payload.size(), kMaxPayload);
  if (has_error_.load(std::memory_order_acquire)) [[unlikely]] {
    std::scoped_lock lock(err_mu_);
    return std::unexpected(error_->with_context("journal unusable after an earlier error"));
  }
  std::uint64_t seq;
  bool spill;
  const bool durable = cfg_.policy == WritePolicy::kFsyncPerOrder && is_order_affecting(type);
  {
    std::scoped_lock lock(buf_mu_);
    seq = next_seq_++;
    encode_frame(active_, seq, type, durable ? kFlagDurable : 0, ts, payload);
    ++records_;
    bytes_ += kFrameHeaderSize + payload.size();
    spill = active_.size() >= cfg_.write_buffer_bytes;
  }
  if (durable) {
    if (auto st = flush(true, false); !st) return std::unexpected(st.error());
  } else if (spill) {
    if (auto st = flush(false, false); !st) return std::unexpected(st.error());
  }
  return seq;
}

core::Result<std::uint64_t> Journal::append_durable(RecordType type, core::Timestamp ts,
                                                    std::span<const std::byte> payload) {
  auto seq = append(type, ts, payload);
  if (!seq) return seq;
  if (durable_seq() < *seq) {
    if (auto st = flush(true, false); !st) return std::unexpected(st.error());
  }
  return seq;
}

core::Status Journal::sync() {
  return flush(true, false);
}
core::Status Journal::roll() {
  return flush(true, true);
}

core::Status Journal::flush(bool sync, bool force_roll) {
  std::scoped_lock io(io_mu_);
  std::uint64_t upto;
  {
    std::scoped_lock lock(buf_mu_);
    active_.swap(spare_);
    upto = next_seq_ - 1;
  }
  if (!spare_.empty()) {
    if (auto st = sticky(write_all(fd_.get(), spare_, seg_path_)); !st) return st;
    file_bytes_ += spare_.size();
    spare_.clear();
  }
  written_seq_ = upto;
  const bool roll =
      file_bytes_ >= cfg_.segment_bytes || (force_roll && file_bytes_ > kSegmentHeaderSize);
  if ((sync || roll) && durable_seq_.load() < written_seq_) {
    if (auto st = sticky(sync_fd(fd_.get(), seg_path_)); !st) return st;
    syncs_.fetch_add(1, std::memory_order_relaxed);
    durable_seq_.store(written_seq_, std::memory_order_release);
  }
  if (roll) return sticky(roll_locked());
  return core::ok();
}

core::Status Journal::roll_locked() {
  const fs::path old = seg_path_;
  fd_.reset();
  if (auto st = create_segment_locked(written_seq_ + 1); !st) return st;
  rolled_.fetch_add(1, std::memory_order_relaxed);
  if (cfg_.compress_rolled) {
    {
      std::scoped_lock lock(bg_mu_);
      compress_queue_.push_back(old);
    }
    bg_cv_.notify_all();
  }
  return core::ok();
}

void Journal::flusher_loop() {
  std::unique_lock lock(bg_mu_);
  while (!stopping_) {
    bg_cv_.wait_for(lock, cfg_.group_commit_interval);
    if (stopping_) break;
    lock.unlock();
    (void)flush(true, false);
    lock.lock();
  }
}

void Journal::compressor_loop() {
  std::unique_lock lock(bg_mu_);
  for (;;) {
    bg_cv_.wait(lock, [this] { return stopping_ || !compress_queue_.empty(); });
    if (compress_queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    const fs::path raw = compress_queue_.front();
    compress_queue_.pop_front();
    compressing_ = true;
    lock.unlock();
    auto st = [&]() -> core::Status {
      auto data = read_file(raw);
      if (!data) return std::unexpected(data.error());
      auto z = zstd_compress(*data, cfg_.zstd_level);
      if (!z) return std::unexpected(z.error());
      fs::path dst = raw;
      dst += ".zst";
      if (auto s = write_file_atomic(dst, *z); !s) return s;
      std::error_code ec;
      fs::remove(raw, ec);
      if (ec) return core::fail(core::ErrorCode::kIo, "remove {}: {}", raw.string(), ec.message());
      return sync_dir(cfg_.dir);
    }();
    if (st) compressed_.fetch_add(1, std::memory_order_relaxed);
    // A failed compression leaves the raw segment in place; the next open() retries it.
    lock.lock();
    compressing_ = false;
    compress_done_cv_.notify_all();
  }
}

void Journal::wait_for_compression() {
  std::unique_lock lock(bg_mu_);
  compress_done_cv_.wait(lock, [this] { return compress_queue_.empty() && !compressing_; });
}

std::uint64_t Journal::last_seq() const {
  std::scoped_lock lock(buf_mu_);
  return next_seq_ - 1;
}

JournalStats Journal::stats() const {
  JournalStats s;
  {
    std::scoped_lock lock(buf_mu_);
    s.records = records_;
    s.bytes = bytes_;
  }
  s.syncs = syncs_.load();
  s.segments_rolled = rolled_.load();
  s.segments_compressed = compressed_.load();
  return s;
}

}  // namespace zerodte::store
