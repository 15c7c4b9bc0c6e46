#pragma once
// A BlobStore decorator that really encrypts object bodies at rest (DESIGN.md, issue #3):
// every body with SSE gets a fresh random 256-bit data key, is sealed in 64 KiB authenticated
// segments (segment_cipher.hpp) and stored through the inner (plain file) store; the data key,
// wrapped by a key-encryption key (the server master key for SSE-OSS/SM4, the CMK for SSE-KMS)
// with bucket, key and SSE bound in, lives in the blob's envelope in the metadata. Bodies without
// SSE pass through unchanged, as OSS stores them.
#include "mock/store/blob_store.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace mock::crypto {

/// Supplies key-encryption keys. Implementations may throw to refuse (e.g. a disabled CMK).
class KeyEncryptionKeys {
public:
  virtual ~KeyEncryptionKeys() = default;
  /// The 32-byte KEK for a blob with this SSE state (never logged, never returned to clients).
  virtual std::string kek_for(const oss::SseSpec& sse) = 0;
};

/// Master key for SSE-OSS kept in DATA_DIR/master.key (32 random bytes, mode 0600), created on
/// first start. CMK material is derived from it per key id (HMAC-SHA256), so KMS keys need no
/// stored material and survive restarts.
class MasterKeyring : public KeyEncryptionKeys {
public:
  /// Loads or creates the master key file. Throws std::runtime_error on I/O errors or a file of
  /// the wrong size or permissions broader than 0600.
  explicit MasterKeyring(const std::filesystem::path& data_dir);
  std::string kek_for(const oss::SseSpec& sse) override;

private:
  std::string m_master;
};

/// Wraps `inner`; `keys` must outlive the store.
std::unique_ptr<BlobStore> make_encrypting_blob_store(std::unique_ptr<BlobStore> inner,
                                                      KeyEncryptionKeys& keys);

/// What the admin API may show about a stored envelope: cipher name and segment count, no keys.
struct EnvelopeSummary {
  std::string cipher; ///< "AES-256-GCM", "SM4-CTR+HMAC-SHA256", or "none"
  std::uint64_t segments = 0;
};
EnvelopeSummary summarize_envelope(const StoredBlob& blob);

} // namespace mock::crypto
