#pragma once
// zstd compression of whole buffers (journal segments and archive files).
#include <span>
#include <string>

#include "zerodte/core/error.hpp"
#include "zerodte/store/byte_codec.hpp"

namespace zerodte::store {

[[nodiscard]] core::Result<Bytes> zstd_compress(std::span<const std::byte> in, int level);
// `name` names the input in errors.
[[nodiscard]] core::Result<Bytes> zstd_decompress(std::span<const std::byte> in,
                                                  const std::string& name);

}  // namespace zerodte::store
