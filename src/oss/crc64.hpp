#pragma once
// CRC-64/XZ ("crc64ecma" in OSS): reflected poly 0xC96C5795D7870F42, init and xorout all ones.
// Computed with ISA-L (crc64_ecma_refl). check("123456789") = 11051210869376104954.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace oss {

/// Continues a CRC over more bytes: crc64_update(crc64_update(0, a), b) == crc of a||b.
std::uint64_t crc64_update(std::uint64_t crc, const void* data, std::size_t size);
inline std::uint64_t crc64(std::string_view data) {
  return crc64_update(0, data.data(), data.size());
}
/// CRC of a||b from crc(a), crc(b) and len(b) (zlib-style GF(2) matrix method).
std::uint64_t crc64_combine(std::uint64_t crc_a, std::uint64_t crc_b, std::uint64_t length_b);
/// Decimal form used by the x-oss-hash-crc64ecma header.
std::string crc64_to_string(std::uint64_t crc);

} // namespace oss
