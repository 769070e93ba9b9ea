#pragma once
// CRC32C (Castagnoli, iSCSI polynomial 0x1EDC6F41, reflected 0x82F63B78), as used by the journal's
// record frames. Written here because Debian 12 has no C/C++ crc32c library package (only a Python
// one): the SSE4.2 `crc32` instruction is used when the CPU has it (checked once at run time with
// cpuid), otherwise a slicing-by-8 table implementation. Both give identical results.
#include <cstddef>
#include <cstdint>
#include <span>

namespace zerodte::store {

// Extends `crc` (0 to start) over `data`; crc32c(b, crc32c(a)) == crc32c(a + b).
[[nodiscard]] std::uint32_t crc32c(const void* data, std::size_t size, std::uint32_t crc = 0);
[[nodiscard]] inline std::uint32_t crc32c(std::span<const std::byte> data, std::uint32_t crc = 0) {
  return crc32c(data.data(), data.size(), crc);
}

// The two implementations, exposed so tests can check they agree.
[[nodiscard]] std::uint32_t crc32c_portable(const void* data, std::size_t size, std::uint32_t crc);
[[nodiscard]] std::uint32_t crc32c_hardware(const void* data, std::size_t size, std::uint32_t crc);
[[nodiscard]] bool crc32c_hardware_available();

}  // namespace zerodte::store
