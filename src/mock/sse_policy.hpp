#pragma once
// Object-level server-side-encryption request rules (oss-api.md §5, checklist 13–17). Pure.
#include "oss/http_types.hpp"
#include "oss/sse.hpp"

#include <optional>

namespace mock {

/// How an API treats the object SSE request headers.
enum class SseHeaders {
  accept, ///< PutObject, CopyObject (destination), InitiateMultipartUpload, AppendObject
  reject, ///< every other API: x-oss-server-side-encryption -> 400 InvalidArgument
          ///< (EC 0005-00000002); the key-id and data-encryption headers are ignored
          ///< (ali-oss sends the key id on every UploadPart and on Complete)
};

/// Reads x-oss-server-side-encryption, -key-id and x-oss-server-side-data-encryption.
/// Returns nullopt when the request asks for nothing, else the requested spec (kms_key_id
/// empty = default CMK). Throws ApiError: invalid algorithm -> InvalidEncryptionAlgorithmError
/// (0005-00000003); key id or data encryption without KMS -> InvalidArgument; data encryption
/// other than SM4 -> InvalidArgument; empty key id with KMS -> InvalidArgument (0005-00000205).
std::optional<oss::SseSpec> requested_sse(const oss::Headers& headers, SseHeaders policy);

/// OSS: the object header wins, else the bucket default, else none (checklist 15).
oss::SseSpec effective_sse(const std::optional<oss::SseSpec>& requested,
                           const oss::SseSpec& bucket_default);

/// Adds x-oss-server-side-encryption (+ -key-id for KMS, + data-encryption SM4) for an
/// encrypted object; adds nothing for an unencrypted one (checklist 16).
void add_sse_response_headers(oss::Headers& out, const oss::SseSpec& sse);

} // namespace mock
