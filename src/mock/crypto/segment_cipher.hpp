#pragma once
// At-rest encryption of object bodies in authenticated segments (MinIO/DARE style, DESIGN.md):
// a body is cut into 64 KiB plaintext segments, each sealed on its own so that a range read
// opens only the segments it touches. The segment number and a final-segment flag are bound
// into every tag, so a reordered, dropped, truncated or flipped segment fails to open.
//
//   AES-256-GCM: nonce = be64(index) || be32(final); AAD = "ossmock-seg" || be64(index) || final
//   SM4 (OpenSSL 3.0 has no SM4-GCM): SM4-CTR with IV = be64(index) || be32(final) || be32(0),
//     tag = HMAC-SHA256(mac key, AAD || ciphertext); the CTR and MAC keys are derived from the
//     256-bit data key with HMAC-SHA256 labels.
//
// The data key is fresh per object, so deterministic nonces never repeat under one key.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mock::crypto {

enum class SegmentCipher : std::uint8_t { aes_256_gcm = 1, sm4_ctr_hmac_sha256 = 2 };

inline constexpr std::size_t k_segment_size = std::size_t{64} * 1024;
inline constexpr std::size_t k_data_key_size = 32;

/// Bytes a sealed segment adds to its plaintext (the tag).
std::size_t tag_size(SegmentCipher cipher);
/// Stored size of a body of `plaintext_size` bytes (every segment carries a tag; an empty body
/// is one empty final segment).
std::uint64_t sealed_size(SegmentCipher cipher, std::uint64_t plaintext_size);
/// Number of segments of a body of `plaintext_size` bytes (at least one).
std::uint64_t segment_count(std::uint64_t plaintext_size);

/// A segment failed authentication (tampering, reordering, truncation, wrong key).
class IntegrityError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Seals and opens segments under one data key. Thread-compatible (one per stream).
class SegmentCodec {
public:
  /// Throws std::invalid_argument unless data_key has k_data_key_size bytes.
  SegmentCodec(SegmentCipher cipher, std::string_view data_key);
  ~SegmentCodec();
  SegmentCodec(const SegmentCodec&) = delete;
  SegmentCodec& operator=(const SegmentCodec&) = delete;

  SegmentCipher cipher() const { return m_cipher; }
  /// ciphertext || tag, same length as plaintext plus tag_size().
  std::string seal(std::uint64_t index, bool final, std::string_view plaintext) const;
  /// Plaintext, or throws IntegrityError.
  std::string open(std::uint64_t index, bool final, std::string_view sealed) const;

private:
  SegmentCipher m_cipher;
  std::string m_key;     ///< AES key, or SM4 CTR key
  std::string m_mac_key; ///< SM4 only
};

/// Wraps a data key under a key-encryption key (AES-256-GCM, random 12-byte nonce) with
/// `context` (bucket, key, algorithm) as AAD: nonce || ciphertext || tag.
std::string wrap_key(std::string_view kek, std::string_view data_key, std::string_view context);
/// Inverse of wrap_key; throws IntegrityError when the KEK or context does not match.
std::string unwrap_key(std::string_view kek, std::string_view wrapped, std::string_view context);

} // namespace mock::crypto
