#pragma once
// Hashes, MACs and randomness over OpenSSL 3 (EVP). No OSS knowledge.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace util {

/// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
/// Raw 32-byte HMAC-SHA256.
std::string hmac_sha256(std::string_view key, std::string_view data);
/// Raw 20-byte HMAC-SHA1.
std::string hmac_sha1(std::string_view key, std::string_view data);
/// Raw 16-byte MD5.
std::string md5(std::string_view data);

/// Compares in time independent of where the inputs differ (CRYPTO_memcmp); unequal lengths
/// compare unequal.
bool constant_time_equal(std::string_view a, std::string_view b);

/// Cryptographically secure random bytes (RAND_bytes). Throws std::runtime_error on failure.
std::string random_bytes(std::size_t count);

/// Incremental MD5 for streamed bodies. Not copyable; one instance per stream.
class Md5Stream {
public:
  Md5Stream();
  ~Md5Stream();
  Md5Stream(const Md5Stream&) = delete;
  Md5Stream& operator=(const Md5Stream&) = delete;
  Md5Stream(Md5Stream&&) noexcept;
  Md5Stream& operator=(Md5Stream&&) noexcept;

  void update(const void* data, std::size_t size);
  /// Raw 16-byte digest; the stream must not be updated afterwards.
  std::string finish();

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace util
