#pragma once
// SHA-256 (OpenSSL EVP) as lowercase hex, for archive manifests.
#include <filesystem>
#include <span>
#include <string>

#include "zerodte/core/error.hpp"

namespace zerodte::store {

[[nodiscard]] std::string sha256_hex(std::span<const std::byte> data);
[[nodiscard]] core::Result<std::string> sha256_file(const std::filesystem::path& p);

}  // namespace zerodte::store
