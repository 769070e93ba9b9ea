#pragma once
// Byte streams for readers and writers of market-data files: plain files, memory, and zstd
// (streaming, constant memory, any number of frames). Errors name the source and byte offset.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"

namespace zerodte::data {

class ByteReader {
 public:
  virtual ~ByteReader() = default;
  // Reads up to out.size() bytes; 0 means end of stream.
  virtual core::Result<std::size_t> read(std::span<std::byte> out) = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;
};

class FileReader final : public ByteReader {
 public:
  static core::Result<std::unique_ptr<FileReader>> open(const std::string& path);
  ~FileReader() override;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  core::Result<std::size_t> read(std::span<std::byte> out) override;
  [[nodiscard]] std::string_view name() const override { return path_; }

 private:
  FileReader(std::FILE* f, std::string path) : file_(f), path_(std::move(path)) {}
  std::FILE* file_;
  std::string path_;
};

// Reads from memory the caller keeps alive.
class MemoryReader final : public ByteReader {
 public:
  MemoryReader(std::span<const std::byte> bytes, std::string name)
      : bytes_(bytes), name_(std::move(name)) {}
  core::Result<std::size_t> read(std::span<std::byte> out) override;
  [[nodiscard]] std::string_view name() const override { return name_; }

 private:
  std::span<const std::byte> bytes_;
  std::size_t pos_ = 0;
  std::string name_;
};

// Decompresses a zstd stream (one or more frames) read from `inner`.
class ZstdReader final : public ByteReader {
 public:
  explicit ZstdReader(std::unique_ptr<ByteReader> inner);
  ~ZstdReader() override;
  ZstdReader(const ZstdReader&) = delete;
  ZstdReader& operator=(const ZstdReader&) = delete;
  core::Result<std::size_t> read(std::span<std::byte> out) override;
  [[nodiscard]] std::string_view name() const override { return inner_->name(); }

 private:
  std::unique_ptr<ByteReader> inner_;
  void* dctx_;  // ZSTD_DCtx
  std::unique_ptr<std::byte[]> in_buf_;
  std::size_t in_size_ = 0;
  std::size_t in_pos_ = 0;
  std::uint64_t compressed_offset_ = 0;
  bool inner_eof_ = false;
  bool mid_frame_ = false;
};

inline constexpr std::uint32_t kZstdMagic = 0xFD2FB528U;
inline constexpr std::uint32_t kZstdSkippableMagicMask = 0xFFFFFFF0U;
inline constexpr std::uint32_t kZstdSkippableMagic = 0x184D2A50U;

// Opens `path`; when its first four bytes are the zstd magic, returns a decompressing reader.
core::Result<std::unique_ptr<ByteReader>> open_maybe_compressed(const std::string& path);

class ByteWriter {
 public:
  virtual ~ByteWriter() = default;
  virtual core::Status write(std::span<const std::byte> bytes) = 0;
  // Ends the stream (zstd: ends the frame) and flushes to the OS.
  virtual core::Status close() = 0;
};

// Writes a plain file, or zstd frames when `zstd_level` > 0. `flush()` of the zstd writer ends
// the current block so a reader sees everything written so far.
class FileWriter final : public ByteWriter {
 public:
  static core::Result<std::unique_ptr<FileWriter>> create(const std::string& path,
                                                          int zstd_level = 0);
  ~FileWriter() override;
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;
  core::Status write(std::span<const std::byte> bytes) override;
  core::Status flush();
  core::Status close() override;

 private:
  FileWriter(std::FILE* f, std::string path, int level);
  core::Status drain(int mode, std::span<const std::byte> bytes);
  std::FILE* file_;
  std::string path_;
  void* cctx_ = nullptr;  // ZSTD_CCtx when compressing
  std::unique_ptr<std::byte[]> out_buf_;
  std::size_t out_cap_ = 0;
};

// Appends to a string (tests, in-memory encoders); zstd when `zstd_level` > 0.
class StringWriter final : public ByteWriter {
 public:
  explicit StringWriter(std::string& out, int zstd_level = 0);
  ~StringWriter() override;
  StringWriter(const StringWriter&) = delete;
  StringWriter& operator=(const StringWriter&) = delete;
  core::Status write(std::span<const std::byte> bytes) override;
  core::Status close() override;

 private:
  core::Status drain(int mode, std::span<const std::byte> bytes);
  std::string& out_;
  void* cctx_ = nullptr;
};

core::Result<std::string> read_whole_file(const std::string& path);

}  // namespace zerodte::data
