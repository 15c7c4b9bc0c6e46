#include "mock/errors.hpp"

#include <utility>

namespace mock {

ApiError::ApiError(int status, std::string code, std::string message, std::string ec) {
  m_error.http_status = status;
  m_error.code = std::move(code);
  m_error.message = std::move(message);
  // Every error body carries an EC (oss-api.md checklist item 20).
  m_error.ec = ec.empty() ? std::string(errors::k_ec_unspecified) : std::move(ec);
}

ApiError& ApiError::extra(std::string name, std::string value) {
  m_error.extras.emplace_back(std::move(name), std::move(value));
  return *this;
}

namespace errors {

ApiError no_such_bucket(std::string_view bucket) {
  return ApiError(404, "NoSuchBucket", "The specified bucket does not exist.", "0015-00000101")
      .extra("BucketName", std::string(bucket));
}

ApiError no_such_key(std::string_view key) {
  return ApiError(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001")
      .extra("Key", std::string(key));
}

ApiError bucket_already_exists(std::string_view bucket) {
  return ApiError(409, "BucketAlreadyExists",
                  "The requested bucket name is not available. The bucket namespace is shared by "
                  "all users of the system. Please select a different name and try again.",
                  "0015-00000104")
      .extra("BucketName", std::string(bucket));
}

ApiError bucket_not_empty(std::string_view bucket) {
  return ApiError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.",
                  std::string(k_ec_bucket_not_empty))
      .extra("BucketName", std::string(bucket));
}

ApiError invalid_bucket_name(std::string_view bucket) {
  return ApiError(400, "InvalidBucketName", "The specified bucket is not valid.", "0015-00000001")
      .extra("BucketName", std::string(bucket));
}

ApiError invalid_object_name(std::string_view key, std::string_view why, std::string ec) {
  return ApiError(400, "InvalidObjectName", std::string(why), std::move(ec))
      .extra("ObjectName", std::string(key));
}

ApiError access_denied(std::string message) {
  // OSS: EC 0003-00000001, "the requester lacks the permission" (anonymous access to a private
  // bucket or object included).
  return ApiError(403, "AccessDenied", std::move(message), "0003-00000001");
}

ApiError forbidden_by_kms() {
  // OSS: anonymous access to SSE-KMS data (oss-api.md §5.7; code inferred from the 403 page).
  return ApiError(403, "AccessDenied", "This request is forbidden by kms.",
                  std::string(k_ec_forbidden_by_kms));
}

ApiError invalid_argument(std::string message, std::string ec) {
  return ApiError(400, "InvalidArgument", std::move(message),
                  ec.empty() ? std::string(k_ec_invalid_argument) : std::move(ec));
}

ApiError invalid_argument_header(std::string message, std::string_view header,
                                 std::string_view value, std::string ec) {
  return ApiError(400, "InvalidArgument", std::move(message),
                  ec.empty() ? std::string(k_ec_invalid_argument) : std::move(ec))
      .extra("ArgumentName", std::string(header))
      .extra("ArgumentValue", std::string(value));
}

ApiError invalid_digest(std::string_view content_md5) {
  return ApiError(400, "InvalidDigest", "The Content-MD5 you specified was invalid.",
                  std::string(k_ec_invalid_digest))
      .extra("Content-MD5", std::string(content_md5));
}

ApiError malformed_xml() {
  return ApiError(400, "MalformedXML",
                  "The XML you provided was not well-formed or did not validate against our "
                  "published schema.",
                  std::string(k_ec_malformed_xml));
}

ApiError invalid_range(std::uint64_t size) {
  return ApiError(416, "InvalidRange", "The requested range cannot be satisfied",
                  std::string(k_ec_invalid_range))
      .extra("ActualObjectSize", std::to_string(size));
}

ApiError not_implemented(std::string message) {
  return ApiError(501, "NotImplemented", std::move(message), std::string(k_ec_not_implemented));
}

ApiError method_not_allowed(std::string_view method, std::string_view resource_type) {
  return ApiError(405, "MethodNotAllowed",
                  "The specified method is not allowed against this resource.",
                  std::string(k_ec_method_not_allowed))
      .extra("Method", std::string(method))
      .extra("ResourceType", std::string(resource_type));
}

ApiError no_such_sse_rule(std::string_view bucket) {
  // Message not observed anywhere (oss-api.md §4.3); this is the suggested text.
  return ApiError(404, "NoSuchServerSideEncryptionRule",
                  "The server side encryption configuration was not found", "0005-00000004")
      .extra("BucketName", std::string(bucket));
}

ApiError invalid_encryption_algorithm(std::string_view value) {
  return ApiError(400, "InvalidEncryptionAlgorithmError",
                  "The Encryption request you specified is not valid. Supported value: "
                  "AES256/KMS/SM4",
                  "0005-00000003")
      .extra("ArgumentValue", std::string(value));
}

ApiError invalid_access_key_id(std::string_view access_key_id) {
  return ApiError(403, "InvalidAccessKeyId",
                  "The OSS Access Key Id you provided does not exist in our records.",
                  "0002-00000902")
      .extra("OSSAccessKeyId", std::string(access_key_id));
}

ApiError request_time_too_skewed(std::string request_time_iso, std::string server_time_iso) {
  return ApiError(403, "RequestTimeTooSkewed",
                  "The difference between the request time and the current time is too large.",
                  "0002-00000504")
      .extra("MaxAllowedSkewMilliseconds", "900000")
      .extra("RequestTime", std::move(request_time_iso))
      .extra("ServerTime", std::move(server_time_iso));
}

ApiError entity_too_large(std::uint64_t max_bytes) {
  return ApiError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.",
                  std::string(k_ec_entity_too_large))
      .extra("MaxSizeAllowed", std::to_string(max_bytes));
}

ApiError internal_error(std::string message) {
  return ApiError(500, "InternalError", std::move(message), std::string(k_ec_internal_error));
}

ApiError kms_not_enabled() {
  // OSS: KMS chosen while KMS is not activated (oss-api.md §5.2; EC page 0005-00000218).
  return ApiError(403, "KmsServiceNotEnabled", "The KMS service is not enabled for this account.",
                  "0005-00000218");
}

ApiError kms_key_not_found(std::string_view key_id) {
  // OSS: a CMK id KMS cannot find (in this region) is EC 0005-00000208; status and code inferred
  // like the other 0005-0000020x errors (oss-api.md §5.2).
  return ApiError(400, "InvalidArgument",
                  "The specified KMS key does not exist in this region: " + std::string(key_id) +
                      ".",
                  "0005-00000208")
      .extra("ArgumentName", "x-oss-server-side-encryption-key-id")
      .extra("ArgumentValue", std::string(key_id));
}

ApiError kms_key_not_enabled(std::string_view key_id, std::string_view state) {
  // OSS: a disabled CMK gives HTTP 409, EC 0005-00000214; the code is KMS's (inferred).
  return ApiError(409, "Forbidden.KeyNotEnabled",
                  "The specified KMS key is not enabled (key " + std::string(key_id) + " is " +
                      std::string(state) + ").",
                  "0005-00000214");
}

ApiError no_such_upload(std::string_view upload_id) {
  return ApiError(
             404, "NoSuchUpload",
             "The specified upload does not exist. The upload ID may be invalid, or the upload "
             "may have been aborted or completed.",
             std::string(k_ec_no_such_upload))
      .extra("UploadId", std::string(upload_id));
}

ApiError entity_too_small() {
  return ApiError(400, "EntityTooSmall",
                  "Your proposed upload is smaller than the minimum allowed size.",
                  std::string(k_ec_entity_too_small));
}

ApiError invalid_part() {
  return ApiError(
      400, "InvalidPart",
      "One or more of the specified parts could not be found or the specified entity tag "
      "might not have matched the part's entity tag.",
      std::string(k_ec_invalid_part));
}

ApiError invalid_part_order() {
  return ApiError(
      400, "InvalidPartOrder",
      "The list of parts was not in ascending order. Parts list must specified in order by "
      "part number.",
      std::string(k_ec_invalid_part_order));
}

ApiError metadata_too_large(std::size_t bytes) {
  // OSS: EC 0011-00000002, "the total size of all x-oss-meta-* header names and values is 8 KB
  // or more"; the Code is not documented (InvalidArgument, like OSS's other header errors).
  return ApiError(400, "InvalidArgument",
                  "The total size of user metadata (x-oss-meta-* names and values) must be less "
                  "than 8 KB; the request has " +
                      std::to_string(bytes) + " bytes.",
                  "0011-00000002")
      .extra("ArgumentName", "x-oss-meta-*")
      .extra("MaxSizeAllowed", std::to_string(k_max_user_metadata_bytes));
}

ApiError malformed_request(std::string message) {
  return ApiError(400, "InvalidArgument", std::move(message), std::string(k_ec_malformed_request));
}

ApiError request_header_too_large(std::size_t limit) {
  return ApiError(400, "InvalidArgument",
                  "The request line and headers exceed " + std::to_string(limit / 1024) + " KiB.",
                  std::string(k_ec_request_header_too_large))
      .extra("MaxSizeAllowed", std::to_string(limit));
}

ApiError list_needs_url_encoding() {
  return ApiError(400, "InvalidArgument",
                  "The listing contains names with characters XML 1.0 cannot carry (control "
                  "characters); request it with encoding-type=url.",
                  std::string(k_ec_needs_url_encoding))
      .extra("ArgumentName", "encoding-type");
}

} // namespace errors
} // namespace mock
