#include "zerodte/data/byte_stream.hpp"

#include <zstd.h>

#include <cerrno>
#include <cstring>

namespace zerodte::data {

using core::ErrorCode;

core::Result<std::unique_ptr<FileReader>> FileReader::open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return core::fail(ErrorCode::kIo, "{}: cannot open: {}", path, std::strerror(errno));
  }
  return std::unique_ptr<FileReader>(new FileReader(f, path));
}

FileReader::~FileReader() {
  std::fclose(file_);
}

core::Result<std::size_t> FileReader::read(std::span<std::byte> out) {
  const std::size_t n = std::fread(out.data(), 1, out.size(), file_);
  if (n < out.size() && std::ferror(file_) != 0) {
    return core::fail(ErrorCode::kIo, "{}: read error: {}", path_, std::strerror(errno));
  }
  return n;
}

core::Result<std::size_t> MemoryReader::read(std::span<std::byte> out) {
  const std::size_t n = std::min(out.size(), bytes_.size() - pos_);
  if (n > 0) std::memcpy(out.data(), bytes_.data() + pos_, n);
  pos_ += n;
  return n;
}

namespace {
constexpr std::size_t kZstdInChunk = 1 << 17;
}

ZstdReader::ZstdReader(std::unique_ptr<ByteReader> inner)
    : inner_(std::move(inner)),
      dctx_(ZSTD_createDCtx()),
      in_buf_(std::make_unique<std::byte[]>(kZstdInChunk)) {}

ZstdReader::~ZstdReader() {
  ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx_));
}

core::Result<std::size_t> ZstdReader::read(std::span<std::byte> out) {
  auto* dctx = static_cast<ZSTD_DCtx*>(dctx_);
  ZSTD_outBuffer ob{out.data(), out.size(), 0};
  while (ob.pos == 0 && out.size() > 0) {
    if (in_pos_ == in_size_) {
      if (inner_eof_) {
        if (mid_frame_) {
          return core::fail(ErrorCode::kParse,
                            "{}: compressed offset {}: truncated zstd frame (stream ended inside "
                            "a frame)",
                            inner_->name(), compressed_offset_);
        }
        return std::size_t{0};
      }
      auto n = inner_->read({in_buf_.get(), kZstdInChunk});
      if (!n) return std::unexpected(n.error());
      in_size_ = *n;
      in_pos_ = 0;
      if (*n == 0) {
        inner_eof_ = true;
        continue;
      }
    }
    ZSTD_inBuffer ib{in_buf_.get(), in_size_, in_pos_};
    const std::size_t before = ib.pos;
    const std::size_t rc = ZSTD_decompressStream(dctx, &ob, &ib);
    compressed_offset_ += ib.pos - before;
    in_pos_ = ib.pos;
    if (ZSTD_isError(rc) != 0) {
      return core::fail(ErrorCode::kParse, "{}: compressed offset {}: zstd: {}", inner_->name(),
                        compressed_offset_, ZSTD_getErrorName(rc));
    }
    mid_frame_ = rc != 0;
  }
  return ob.pos;
}

core::Result<std::unique_ptr<ByteReader>> open_maybe_compressed(const std::string& path) {
  auto f = FileReader::open(path);
  if (!f) return std::unexpected(f.error());
  std::byte magic[4]{};
  auto n = (*f)->read(magic);
  if (!n) return std::unexpected(n.error());
  // Reopen to start from byte 0 (files are cheap to reopen; keeps readers forward-only).
  auto again = FileReader::open(path);
  if (!again) return std::unexpected(again.error());
  std::uint32_t m = 0;
  std::memcpy(&m, magic, 4);
  if (*n == 4 && m == kZstdMagic) {
    return std::unique_ptr<ByteReader>(std::make_unique<ZstdReader>(std::move(*again)));
  }
  return std::unique_ptr<ByteReader>(std::move(*again));
}

core::Result<std::string> read_whole_file(const std::string& path) {
  auto r = open_maybe_compressed(path);
  if (!r) return std::unexpected(r.error());
  std::string out;
  std::byte buf[1 << 16];
  for (;;) {
    auto n = (*r)->read(buf);
    if (!n) return std::unexpected(n.error());
    if (*n == 0) break;
    out.append(reinterpret_cast<const char*>(buf), *n);
  }
  return out;
}

// ---- writers --------------------------------------------------------------------------------

FileWriter::FileWriter(std::FILE* f, std::string path, int level)
    : file_(f), path_(std::move(path)) {
  if (level > 0) {
    auto* c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
    cctx_ = c;
    out_cap_ = ZSTD_CStreamOutSize();
    out_buf_ = std::make_unique<std::byte[]>(out_cap_);
  }
}

core::Result<std::unique_ptr<FileWriter>> FileWriter::create(const std::string& path,
                                                             int zstd_level) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return core::fail(ErrorCode::kIo, "{}: cannot create: {}", path, std::strerror(errno));
  }
  return std::unique_ptr<FileWriter>(new FileWriter(f, path, zstd_level));
}

FileWriter::~FileWriter() {
  if (file_ != nullptr) (void)close();
  if (cctx_ != nullptr) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_));
}

core::Status FileWriter::drain(int mode, std::span<const std::byte> bytes) {
  auto* c = static_cast<ZSTD_CCtx*>(cctx_);
  ZSTD_inBuffer ib{bytes.data(), bytes.size(), 0};
  for (;;) {
    ZSTD_outBuffer ob{out_buf_.get(), out_cap_, 0};
    const std::size_t rc = ZSTD_compressStream2(c, &ob, &ib, static_cast<ZSTD_EndDirective>(mode));
    if (ZSTD_isError(rc) != 0) {
      return core::fail(ErrorCode::kIo, "{}: zstd: {}", path_, ZSTD_getErrorName(rc));
    }
    if (ob.pos > 0 && std::fwrite(out_buf_.get(), 1, ob.pos, file_) != ob.pos) {
      return core::fail(ErrorCode::kIo, "{}: write error: {}", path_, std::strerror(errno));
    }
    const bool done = mode == ZSTD_e_continue ? ib.pos == ib.size : rc == 0;
    if (done) return core::ok();
  }
}

core::Status FileWriter::write(std::span<const std::byte> bytes) {
  if (file_ == nullptr) return core::fail(ErrorCode::kState, "{}: write after close", path_);
  if (cctx_ != nullptr) return drain(ZSTD_e_continue, bytes);
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return core::fail(ErrorCode::kIo, "{}: write error: {}", path_, std::strerror(errno));
  }
  return core::ok();
}

core::Status FileWriter::flush() {
  if (file_ == nullptr) return core::ok();
  if (cctx_ != nullptr) {
    if (auto s = drain(ZSTD_e_flush, {}); !s) return s;
  }
  if (std::fflush(file_) != 0) {
    return core::fail(ErrorCode::kIo, "{}: flush error: {}", path_, std::strerror(errno));
  }
  return core::ok();
}

core::Status FileWriter::close() {
  if (file_ == nullptr) return core::ok();
  core::Status s = core::ok();
  if (cctx_ != nullptr) s = drain(ZSTD_e_end, {});
  if (std::fclose(file_) != 0 && s) {
    s = core::fail(ErrorCode::kIo, "{}: close error: {}", path_, std::strerror(errno));
  }
  file_ = nullptr;
  return s;
}

StringWriter::StringWriter(std::string& out, int zstd_level) : out_(out) {
  if (zstd_level > 0) {
    auto* c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, zstd_level);
    cctx_ = c;
  }
}

StringWriter::~StringWriter() {
  if (cctx_ != nullptr) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_));
}

core::Status StringWriter::drain(int mode, std::span<const std::byte> bytes) {
  auto* c = static_cast<ZSTD_CCtx*>(cctx_);
  ZSTD_inBuffer ib{bytes.data(), bytes.size(), 0};
  char buf[1 << 14];
  for (;;) {
    ZSTD_outBuffer ob{buf, sizeof buf, 0};
    const std::size_t rc = ZSTD_compressStream2(c, &ob, &ib, static_cast<ZSTD_EndDirective>(mode));
    if (ZSTD_isError(rc) != 0) {
      return core::fail(ErrorCode::kIo, "zstd: {}", ZSTD_getErrorName(rc));
    }
    out_.append(buf, ob.pos);
    const bool done = mode == ZSTD_e_continue ? ib.pos == ib.size : rc == 0;
    if (done) return core::ok();
  }
}

core::Status StringWriter::write(std::span<const std::byte> bytes) {
  if (cctx_ != nullptr) return drain(ZSTD_e_continue, bytes);
  out_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return core::ok();
}

core::Status StringWriter::close() {
  if (cctx_ != nullptr) return drain(ZSTD_e_end, {});
  return core::ok();
}

}  // namespace zerodte::data
