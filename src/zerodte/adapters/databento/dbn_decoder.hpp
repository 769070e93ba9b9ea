#pragma once
// Streaming DBN decoder: plain or zstd (any number of frames), versions 1-3, with or without
// metadata (fragments). Constant memory: a 64 KiB window, whatever the file size. Records are
// handed out as zero-copy views into the window, valid until the next call to next().
// Every malformed input gives an error naming the source, the (decompressed) byte offset and
// the rule broken; legacy DBZ files give "unsupported legacy DBZ format".
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "zerodte/adapters/databento/dbn_metadata.hpp"
#include "zerodte/adapters/databento/dbn_records.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/data/byte_stream.hpp"

namespace zerodte::adapters::databento {

class RecordView {
 public:
  RecordView() = default;
  RecordView(const std::byte* p, std::uint64_t offset) : p_(p), offset_(offset) {}

  [[nodiscard]] const RecordHeader& header() const {
    return *reinterpret_cast<const RecordHeader*>(p_);
  }
  [[nodiscard]] std::uint8_t rtype() const { return header().rtype; }
  [[nodiscard]] std::size_t size() const { return header().size(); }
  [[nodiscard]] std::span<const std::byte> bytes() const { return {p_, size()}; }
  [[nodiscard]] std::uint64_t offset() const { return offset_; }  // in the decoded stream
  // The record as T; the decoder has checked size() >= the layout's size for this rtype.
  template <typename T>
  [[nodiscard]] const T& as() const {
    return *reinterpret_cast<const T*>(p_);
  }
  // Layout generation of version-dependent records, from their length: 1, 2 or 3.
  [[nodiscard]] int layout_version() const;

 private:
  const std::byte* p_ = nullptr;
  std::uint64_t offset_ = 0;
};

struct DecoderOptions {
  // Input without the "DBN" prelude is read as bare records (a fragment).
  bool allow_fragment = true;
  std::size_t max_metadata_bytes = std::size_t{64} << 20;
};

class DbnDecoder {
 public:
  static core::Result<std::unique_ptr<DbnDecoder>> open(const std::string& path,
                                                        const DecoderOptions& options = {});
  // Decodes from memory the caller keeps alive (plain or zstd).
  static core::Result<std::unique_ptr<DbnDecoder>> from_memory(std::span<const std::byte> bytes,
                                                               std::string name,
                                                               const DecoderOptions& options = {});
  // From an already decompressed stream.
  static core::Result<std::unique_ptr<DbnDecoder>> from_reader(
      std::unique_ptr<data::ByteReader> reader, const DecoderOptions& options = {});

  // nullopt for fragments.
  [[nodiscard]] const std::optional<Metadata>& metadata() const { return metadata_; }
  [[nodiscard]] std::string_view source() const { return name_; }
  // Next record, nullopt at the end, or an error (after which the decoder stays failed).
  core::Result<std::optional<RecordView>> next();
  [[nodiscard]] std::uint64_t records_read() const { return records_; }

 private:
  DbnDecoder(std::unique_ptr<data::ByteReader> reader, std::string name);
  core::Status start(const DecoderOptions& options);
  core::Result<std::size_t> fill(std::size_t want);  // ensures `want` bytes available if possible
  std::unexpected<core::Error> error(std::uint64_t offset, std::string_view reason);

  std::unique_ptr<data::ByteReader> reader_;
  std::string name_;
  std::optional<Metadata> metadata_;
  static constexpr std::size_t kWindow = 1 << 16;
  std::unique_ptr<std::uint64_t[]> buf_;  // 8-byte aligned window
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t stream_offset_ = 0;  // decoded-stream offset of buf_[pos_]
  bool eof_ = false;
  bool failed_ = false;
  std::uint64_t records_ = 0;
  alignas(8) std::byte scratch_[1024];
};

// Zstd frame magic / skippable (legacy DBZ) detection on the first four raw bytes.
enum class InputKind : std::uint8_t { kPlain, kZstd, kLegacyDbz };
InputKind classify_input(std::span<const std::byte> first4);

}  // namespace zerodte::adapters::databento
