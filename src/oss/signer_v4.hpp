#pragma once
// OSS signature V4 ("OSS4-HMAC-SHA256"), header and presigned-query forms, plus the pieces a
// server needs to verify one. Pure: takes values, returns values (oss-api.md §1).
#include "oss/http_types.hpp"

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oss::v4 {

inline constexpr std::string_view k_algorithm = "OSS4-HMAC-SHA256";
inline constexpr std::string_view k_unsigned_payload = "UNSIGNED-PAYLOAD";

struct Scope {
  std::string date;   ///< "20231216"
  std::string region; ///< bare region id, "cn-hangzhou"
  std::string product = "oss";
  /// "20231216/cn-hangzhou/oss/aliyun_v4_request"
  std::string to_string() const;
};

/// "/bucket/key" (or "/bucket/", or "/"), every byte but unreserved and '/' percent-encoded.
std::string canonical_uri(std::string_view bucket, std::string_view key);
/// Encoded, sorted by encoded key, bare key for empty values, `x-oss-signature` dropped.
std::string canonical_query(const QueryParams& query);
/// Lower-cased requested names minus the always-signed ones and the absent/empty ones, sorted.
std::vector<std::string> effective_additional_headers(const std::vector<std::string>& requested,
                                                      const Headers& headers);
/// The six-part canonical request (additional = effective list).
std::string canonical_request(const SignableRequest& request,
                              const std::vector<std::string>& additional);
std::string string_to_sign(std::string_view datetime, const Scope& scope,
                           std::string_view canonical_request);
/// Lower-case hex HMAC chain signature.
std::string signature(std::string_view access_key_secret, const Scope& scope,
                      std::string_view string_to_sign);
/// Strips a leading "oss-" ("oss-cn-hangzhou" -> "cn-hangzhou"), as ali-oss does.
std::string standard_region(std::string_view region);

struct SignOptions {
  Credentials credentials;
  std::string region;
  std::string product = "oss";
  std::time_t time = 0;                        ///< signing time (UTC seconds)
  std::vector<std::string> additional_headers; ///< requested extra signed header names
};

struct SignResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
  std::string authorization; ///< header mode only
};

/// Header mode: sets x-oss-date, Date, x-oss-content-sha256 (UNSIGNED-PAYLOAD), the STS token
/// header when present, then Authorization, on request.headers.
SignResult sign_header(SignableRequest& request, const SignOptions& options);

/// Query mode: appends x-oss-signature-version, x-oss-date, x-oss-expires, x-oss-credential,
/// [x-oss-security-token], [x-oss-additional-headers], then x-oss-signature to request.query.
/// Throws oss::Error(usage) when expires_seconds is outside 1..604800.
SignResult presign(SignableRequest& request, const SignOptions& options,
                   std::int64_t expires_seconds);

/// A parsed `Authorization: OSS4-HMAC-SHA256 Credential=…,AdditionalHeaders=…,Signature=…`.
struct Authorization {
  std::string access_key_id;
  Scope scope;
  std::string terminator; ///< must be "aliyun_v4_request"
  std::vector<std::string> additional_headers;
  std::string signature;
};

enum class AuthorizationParse { ok, not_v4, malformed, empty_additional_headers };
/// Tolerant parse: fields split on ',' and trimmed, any order. Credential and Signature required.
AuthorizationParse parse_authorization(std::string_view value, Authorization& out);

} // namespace oss::v4
