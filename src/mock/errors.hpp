#pragma once
// OSS error responses raised by ossmock handlers: an exception carrying an oss::ServiceError
// (RequestId and HostId are filled in when the response is written), plus one factory per
// error the mock produces, with the status, Code, Message and EC of oss-api.md.
#include "oss/error.hpp"

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace mock {

/// Thrown by authentication, routing and handlers; turned into an XML error response.
class ApiError : public std::exception {
public:
  ApiError(int status, std::string code, std::string message, std::string ec = {});
  /// Appends an error-specific element (BucketName, Key, …), kept in order.
  ApiError& extra(std::string name, std::string value);
  const oss::ServiceError& error() const { return m_error; }
  int status() const { return m_error.http_status; }
  const char* what() const noexcept override { return m_error.code.c_str(); }

private:
  oss::ServiceError m_error;
};

namespace errors {

ApiError no_such_bucket(std::string_view bucket);
ApiError no_such_key(std::string_view key);
ApiError bucket_already_exists(std::string_view bucket);
ApiError bucket_not_empty(std::string_view bucket);
ApiError invalid_bucket_name(std::string_view bucket);
ApiError invalid_object_name(std::string_view key, std::string_view why);
ApiError access_denied(std::string message);
ApiError forbidden_by_kms();
ApiError invalid_argument(std::string message, std::string ec = {});
ApiError invalid_argument_header(std::string message, std::string_view header,
                                 std::string_view value, std::string ec = {});
ApiError invalid_digest(std::string_view content_md5);
ApiError malformed_xml();
ApiError invalid_range(std::uint64_t size);
ApiError not_implemented(std::string message);
ApiError method_not_allowed(std::string_view method, std::string_view resource_type);
ApiError no_such_sse_rule(std::string_view bucket);
ApiError invalid_encryption_algorithm(std::string_view value);
ApiError invalid_access_key_id(std::string_view access_key_id);
ApiError request_time_too_skewed(std::string request_time_iso, std::string server_time_iso);
ApiError entity_too_large(std::uint64_t max_bytes);
ApiError internal_error(std::string message);

// KMS emulator (README "ossmock": error choices).
ApiError kms_not_enabled();
ApiError kms_key_not_found(std::string_view key_id);
ApiError kms_key_not_enabled(std::string_view key_id, std::string_view state);

// Multipart uploads (oss-api.md §5.6).
ApiError no_such_upload(std::string_view upload_id);
ApiError entity_too_small();
ApiError invalid_part();
ApiError invalid_part_order();

} // namespace errors
} // namespace mock
