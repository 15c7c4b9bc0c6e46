#pragma once
// OSS error responses raised by ossmock handlers: an exception carrying an oss::ServiceError
// (RequestId and HostId are filled in when the response is written), plus one factory per
// error the mock produces, with the status, Code, Message and EC of oss-api.md.
#include "oss/error.hpp"

#include <cstddef>
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

/// ECs for errors whose real OSS EC was not found in public documentation. They all start
/// with "9999-", which OSS does not use; the README ossmock section lists them.
inline constexpr std::string_view k_ec_unspecified = "9999-00000000";
inline constexpr std::string_view k_ec_bucket_not_empty = "9999-00000001";
inline constexpr std::string_view k_ec_forbidden_by_kms = "9999-00000003";
inline constexpr std::string_view k_ec_invalid_argument = "9999-00000004";
inline constexpr std::string_view k_ec_invalid_digest = "9999-00000005";
inline constexpr std::string_view k_ec_malformed_xml = "9999-00000006";
inline constexpr std::string_view k_ec_invalid_range = "9999-00000007";
inline constexpr std::string_view k_ec_not_implemented = "9999-00000008";
inline constexpr std::string_view k_ec_method_not_allowed = "9999-00000009";
inline constexpr std::string_view k_ec_entity_too_large = "9999-00000010";
inline constexpr std::string_view k_ec_internal_error = "9999-00000011";
inline constexpr std::string_view k_ec_no_such_upload = "9999-00000012";
inline constexpr std::string_view k_ec_entity_too_small = "9999-00000013";
inline constexpr std::string_view k_ec_invalid_part = "9999-00000014";
inline constexpr std::string_view k_ec_invalid_part_order = "9999-00000015";
inline constexpr std::string_view k_ec_malformed_request = "9999-00000016";
inline constexpr std::string_view k_ec_request_header_too_large = "9999-00000017";
inline constexpr std::string_view k_ec_needs_url_encoding = "9999-00000018";

/// OSS: the x-oss-meta-* names and values of one request total less than 8 KB.
inline constexpr std::size_t k_max_user_metadata_bytes = std::size_t{8} * 1024;

ApiError no_such_bucket(std::string_view bucket);
ApiError no_such_key(std::string_view key);
ApiError bucket_already_exists(std::string_view bucket);
ApiError bucket_not_empty(std::string_view bucket);
ApiError invalid_bucket_name(std::string_view bucket);
ApiError invalid_object_name(std::string_view key, std::string_view why, std::string ec);
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
ApiError metadata_too_large(std::size_t bytes);
/// A request the HTTP parser rejected (bad request line, header syntax, framing).
ApiError malformed_request(std::string message);
ApiError request_header_too_large(std::size_t limit);
/// A listing without encoding-type=url would have to carry characters XML 1.0 cannot.
ApiError list_needs_url_encoding();

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
