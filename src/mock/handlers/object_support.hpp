#pragma once
// Pieces shared by the object handlers (object.cpp, copy.cpp): metadata taken from request
// headers, headers returned for an object, the effective SSE of a write, the upload sink.
#include "mock/context.hpp"
#include "oss/sse.hpp"
#include "util/crypto.hpp"

#include <cstdint>
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

/// Effective SSE for a write (checklist 15), with the default CMK filled in for KMS without a
/// key id. Throws ApiError: SSE header errors; anonymous KMS -> "forbidden by kms".
oss::SseSpec write_sse(Context& ctx, const BucketRecord& bucket);

/// 304 / 412 for If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, else nullopt.
std::optional<int> check_preconditions(const RequestHead& head, const ObjectRecord& object);

/// Streams a PutObject body into a blob while computing MD5 and CRC-64.
class UploadSink : public BodySink {
public:
  UploadSink(std::unique_ptr<BlobWriter> writer, BucketRecord bucket, oss::SseSpec sse)
      : m_writer(std::move(writer)), m_bucket(std::move(bucket)), m_sse(std::move(sse)) {}
  void write(const void* data, std::size_t size) override;

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
  util::Md5Stream m_md5;
  std::uint64_t m_crc = 0;
  std::uint64_t m_size = 0;
};

/// Makes `object` visible, then removes the blob it replaced; on failure removes the new blob
/// (when `blob_is_new`). Throws NoSuchBucket when the bucket vanished meanwhile.
void publish_object(Context& ctx, const ObjectRecord& object, bool blob_is_new = true);

} // namespace mock::handlers
