#include "zerodte/store/zstd_codec.hpp"

#include <zstd.h>

namespace zerodte::store {

core::Result<Bytes> zstd_compress(std::span<const std::byte> in, int level) {
  Bytes out(ZSTD_compressBound(in.size()));
  const std::size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), level);
  if (ZSTD_isError(n))
    return core::fail(core::ErrorCode::kInternal, "zstd compress: {}", ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

core::Result<Bytes> zstd_decompress(std::span<const std::byte> in, const std::string& name) {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  if (ctx == nullptr)
    return core::fail(core::ErrorCode::kInternal, "zstd: cannot create a context");
  Bytes out;
  const unsigned long long known = ZSTD_getFrameContentSize(in.data(), in.size());
  if (known == ZSTD_CONTENTSIZE_ERROR) {
    ZSTD_freeDCtx(ctx);
    return core::fail(core::ErrorCode::kParse, "{}: not a zstd frame", name);
  }
  if (known != ZSTD_CONTENTSIZE_UNKNOWN &&
      known <= (1ull << 34)) {  // one shot into an exact buffer
    out.resize(known);
    const std::size_t n = ZSTD_decompressDCtx(ctx, out.data(), out.size(), in.data(), in.size());
    ZSTD_freeDCtx(ctx);
    if (ZSTD_isError(n))
      return core::fail(core::ErrorCode::kParse, "{}: zstd error: {}", name, ZSTD_getErrorName(n));
    if (n != known)
      return core::fail(core::ErrorCode::kParse, "{}: zstd frame says {} bytes but holds {}", name,
                        known, n);
    return out;
  }
  out.reserve(in.size() * 4);
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  for (;;) {
    const std::size_t at = out.size();
    out.resize(at + ZSTD_DStreamOutSize());
    ZSTD_outBuffer output{out.data() + at, ZSTD_DStreamOutSize(), 0};
    const std::size_t ret = ZSTD_decompressStream(ctx, &output, &input);
    out.resize(at + output.pos);
    if (ZSTD_isError(ret)) {
      ZSTD_freeDCtx(ctx);
      return core::fail(core::ErrorCode::kParse, "{}: zstd error at input offset {}: {}", name,
                        input.pos, ZSTD_getErrorName(ret));
    }
    if (input.pos == input.size && output.pos < output.size) {
      ZSTD_freeDCtx(ctx);
      if (ret != 0)
        return core::fail(core::ErrorCode::kParse, "{}: truncated zstd stream ({} bytes)", name,
                          in.size());
      break;
    }
  }
  return out;
}

}  // namespace zerodte::store
