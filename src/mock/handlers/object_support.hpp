#pragma once
// Pieces shared by the object handlers (object.cpp, copy.cpp): metadata taken from request
// headers, headers returned for an object, the effective SSE of a write, the upload sink.
#include "mock/context.hpp"
#include "oss/sse.hpp"
#include "util/crypto.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace mock::handlers {

/// Content-Type (default application/octet-stream), Cache-Control, Content-Disposition,
/// Content-Encoding, Content-Language, Expires and x-oss-meta-* from the request.
void take_request_metadata(const RequestHead& head, ObjectRecord& object);
/// x-oss-object-acl and x-oss-storage-class from the request (defaults when absent).
/// Throws InvalidArgument for unknown values.
void take_request_acl_and_class(const RequestHead& head, ObjectRecord& object);

/// The headers GET/HEAD return for an object: Content-Type, stored content headers, ETag,
/// Last-Modified, CRC-64, object type, storage class, user metadata and SSE headers.
void add_object_headers(Response& response, const ObjectRecord& object);

/// The headers OSS answers a write with: ETag, x-oss-hash-crc64ecma and the SSE in effect.
void add_write_headers(oss::Headers& headers, const std::string& etag, std::uint64_t crc64,
                       const oss::SseSpec& sse);

/// Effective SSE for a write (checklist 15), with the default CMK filled in for KMS without a
/// key id. Throws ApiError: SSE header errors; the KMS rules of Kms::authorize.
oss::SseSpec write_sse(Context& ctx, const BucketRecord& bucket);

/// KMS rules for using (GenerateDataKey / Decrypt) data sealed with `sse`; nothing for non-KMS.
void authorize_kms_use(Context& ctx, const oss::SseSpec& sse, KmsOperation operation);

/// A reader over the object's plaintext: its blob, or its parts in order (opened lazily). Throws
/// std::runtime_error / crypto::IntegrityError when the (first) blob cannot be opened.
std::unique_ptr<BlobReader> open_object(BlobStore& blobs, const ObjectRecord& object);

/// Opens the object for reading from `offset` and authenticates the first segment it touches,
/// so that corruption becomes an error before any header is sent. A blob that vanished because
/// the object was replaced meanwhile -> NoSuchKey; any other failure (tampering, truncation,
/// missing blob) is logged and -> 500 InternalError.
std::unique_ptr<BlobReader> open_object_verified(Context& ctx, const ObjectRecord& object,
                                                 std::uint64_t offset);

/// The object x-oss-copy-source names, once the caller may read it: bucket and object exist, an
/// anonymous caller passes the ACL (never KMS data), a KMS source is granted for Decrypt.
ObjectRecord readable_copy_source(Context& ctx);

/// A Content-MD5 value must be base64 of 16 bytes (checked before the body is read). Throws
/// InvalidDigest.
void check_content_md5_format(const RequestHead& head);
/// Throws InvalidDigest when Content-MD5 is present and differs from the raw 16-byte `md5`.
void check_content_md5(const RequestHead& head, const std::string& md5);

/// x-oss-forbid-overwrite: true and the object exists: throws 409 FileAlreadyExists.
void check_forbid_overwrite(Context& ctx, const std::string& bucket, const std::string& key);

/// Reads `length` bytes of `reader` from `first` in 1 MiB chunks and hands each to `write`.
/// Throws InternalError when the reader ends early.
void copy_range(BlobReader& reader, std::uint64_t first, std::uint64_t length,
                const std::function<void(const char*, std::size_t)>& write);

/// Removes blobs that are no longer referenced.
void remove_blobs(BlobStore& blobs, const std::vector<std::string>& ids) noexcept;

/// If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since: throws 412
/// PreconditionFailed; true when the answer is 304 Not Modified.
bool not_modified(const RequestHead& head, const ObjectRecord& object);

/// Streams a PutObject body into a blob while computing MD5 and CRC-64. For large bodies the MD5
/// (the slowest step, ~0.8 GB/s on one core) is a lane of its own, so that the CRC-64,
/// encryption and disk writes run beside it.
class UploadSink : public BodySink {
public:
  UploadSink(std::unique_ptr<BlobWriter> writer, BucketRecord bucket, oss::SseSpec sse)
      : m_writer(std::move(writer)), m_bucket(std::move(bucket)), m_sse(std::move(sse)) {}
  void write(const void* data, std::size_t size) override;
  /// Two lanes: MD5; CRC-64 + size + blob. Each touches only its own members.
  std::vector<Lane> lanes() override;

  BlobWriter& writer() { return *m_writer; }
  const BucketRecord& bucket() const { return m_bucket; }
  const oss::SseSpec& sse() const { return m_sse; }
  std::uint64_t size() const { return m_size; }
  std::uint64_t crc64() const { return m_crc; }
  /// Raw 16-byte MD5 of everything written; call once.
  std::string md5() { return m_md5.finish(); }

private:
  std::unique_ptr<BlobWriter> m_writer;
  BucketRecord m_bucket;
  oss::SseSpec m_sse;
  void store(const void* data, std::size_t size);

  util::Md5Stream m_md5;
  std::uint64_t m_crc = 0;
  std::uint64_t m_size = 0;
};

/// Makes `object` visible, then removes the blobs it replaced; on failure removes the new blob
/// (when `blob_is_new`). Throws NoSuchBucket when the bucket vanished meanwhile.
void publish_object(Context& ctx, const ObjectRecord& object, bool blob_is_new = true);

} // namespace mock::handlers
