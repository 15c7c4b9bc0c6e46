#pragma once
// Object bodies on disk, behind an interface so that at-rest encryption (issue #3: envelope
// encryption, AES-256-GCM segments, per-object data key) can replace the plain store without
// touching handlers. Blobs are named by generated random ids, never by object keys.
#include "oss/sse.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mock {

/// What a blob belongs to; an encrypting store binds these into its seal and picks the cipher
/// and key-wrapping from `sse`.
struct BlobContext {
  std::string bucket;
  std::string key;
  oss::SseSpec sse;
  /// Extra identity bound into the seal, e.g. "upload <id> part <n>" for a multipart part; a
  /// part can then not be replayed as another part or another upload's part.
  std::string binding;
};

/// The context of part `part_number` of upload `upload_id` (for UploadPart and for reading the
/// parts of a completed multipart object).
inline BlobContext part_blob_context(std::string bucket, std::string key, oss::SseSpec sse,
                                     const std::string& upload_id, std::uint32_t part_number) {
  return BlobContext{std::move(bucket), std::move(key), std::move(sse),
                     "upload " + upload_id + " part " + std::to_string(part_number)};
}

/// A committed blob as recorded in the metadata: id, plaintext size and the store's opaque
/// envelope (e.g. the wrapped data key; empty for plain storage).
struct StoredBlob {
  std::string id;
  std::uint64_t size = 0;
  std::string envelope;
};

/// Receives a body in order. Destroying an uncommitted writer removes its temp file.
class BlobWriter {
public:
  virtual ~BlobWriter() = default;
  /// Appends plaintext. Throws std::runtime_error on I/O failure.
  virtual void write(const void* data, std::size_t size) = 0;
  /// Flushes, fsyncs and renames the temp file into blobs/. The blob is durable but not yet
  /// referenced; the caller makes it visible in one metadata transaction.
  virtual StoredBlob commit() = 0;
};

/// Random access to a blob's plaintext. Not shared between threads.
class BlobReader {
public:
  virtual ~BlobReader() = default;
  virtual std::uint64_t size() const = 0;
  /// Reads up to `size` bytes at `offset`; returns the count (0 at the end). Throws on I/O error.
  virtual std::size_t read(std::uint64_t offset, void* out, std::size_t size) = 0;
};

class BlobStore {
public:
  virtual ~BlobStore() = default;
  virtual std::unique_ptr<BlobWriter> create(const BlobContext& context) = 0;
  /// Throws std::runtime_error when the blob is missing or cannot be opened.
  virtual std::unique_ptr<BlobReader> open(const StoredBlob& blob, const BlobContext& context) = 0;
  /// Removes a blob that is no longer referenced; a missing blob is not an error.
  virtual void remove(const std::string& id) noexcept = 0;
  /// Deletes leftovers in tmp/ (called once at start, before serving).
  virtual void sweep_temp() = 0;
  /// Every blob id present on disk (for the orphan sweep at start).
  virtual std::vector<std::string> list_ids() const = 0;
};

/// 32 lower-case hex characters from the CSPRNG.
std::string new_blob_id();

/// Stores plaintext as DATA_DIR/blobs/<id[0..2]>/<id>; temp files live in DATA_DIR/tmp/.
std::unique_ptr<BlobStore> make_plain_blob_store(const std::filesystem::path& data_dir);

} // namespace mock
