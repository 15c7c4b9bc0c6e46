#include "mock/sse_policy.hpp"

#include "mock/errors.hpp"

namespace mock {

namespace {

// OSS (inferred, oss-api.md §5.2): the key-id and data-encryption headers need the KMS algorithm.
void reject_kms_only_headers(const std::string* key_id, const std::string* data) {
  if (key_id != nullptr && !key_id->empty())
    throw errors::invalid_argument_header(
        "x-oss-server-side-encryption-key-id is only valid when x-oss-server-side-encryption "
        "is KMS.",
        oss::k_header_sse_key_id, *key_id);
  if (data != nullptr)
    throw errors::invalid_argument_header(
        "x-oss-server-side-data-encryption is only valid when x-oss-server-side-encryption "
        "is KMS.",
        oss::k_header_sse_data, *data);
}

} // namespace

std::optional<oss::SseSpec> requested_sse(const oss::Headers& headers, SseHeaders policy) {
  const std::string* algorithm = oss::find_header(headers, oss::k_header_sse);
  const std::string* key_id = oss::find_header(headers, oss::k_header_sse_key_id);
  const std::string* data = oss::find_header(headers, oss::k_header_sse_data);

  if (policy == SseHeaders::reject) {
    if (algorithm != nullptr) {
      // OSS: only PutObject, PostObject, CopyObject, InitiateMultipartUpload and AppendObject
      // take the header (EC 0005-00000002).
      throw errors::invalid_argument_header(
          "The x-oss-server-side-encryption header is not supported by this API. It is only "
          "allowed in PutObject, PostObject, CopyObject, InitiateMultipartUpload and "
          "AppendObject requests.",
          oss::k_header_sse, *algorithm, "0005-00000002");
    }
    return std::nullopt;
  }

  if (algorithm == nullptr) {
    reject_kms_only_headers(key_id, data);
    return std::nullopt;
  }
  if (!oss::is_valid_sse_algorithm(*algorithm))
    throw errors::invalid_encryption_algorithm(*algorithm);

  oss::SseSpec spec;
  spec.algorithm = *algorithm;
  if (spec.algorithm != "KMS") {
    reject_kms_only_headers(key_id, data);
    return spec;
  }
  if (key_id != nullptr) {
    if (key_id->empty())
      throw errors::invalid_argument_header(
          "The x-oss-server-side-encryption-key-id header must not be empty.",
          oss::k_header_sse_key_id, *key_id, "0005-00000205");
    spec.kms_key_id = *key_id;
  }
  if (data != nullptr) {
    if (*data != oss::k_sse_data_sm4)
      throw errors::invalid_argument_header(
          "The x-oss-server-side-data-encryption header is invalid. Supported value: SM4",
          oss::k_header_sse_data, *data);
    spec.data_encryption = *data;
  }
  return spec;
}

oss::SseSpec effective_sse(const std::optional<oss::SseSpec>& requested,
                           const oss::SseSpec& bucket_default) {
  if (requested) return *requested;
  return bucket_default;
}

void add_sse_response_headers(oss::Headers& out, const oss::SseSpec& sse) {
  if (sse.empty()) return;
  out.push_back({std::string(oss::k_header_sse), sse.algorithm});
  if (sse.algorithm == "KMS") {
    if (!sse.data_encryption.empty())
      out.push_back({std::string(oss::k_header_sse_data), sse.data_encryption});
    if (!sse.kms_key_id.empty())
      out.push_back({std::string(oss::k_header_sse_key_id), sse.kms_key_id});
  }
}

} // namespace mock
