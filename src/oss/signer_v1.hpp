#pragma once
// OSS signature V1 (HMAC-SHA1, `Authorization: OSS ak:sig`), header and presigned forms
// (oss-api.md §2). Pure.
#include "oss/http_types.hpp"

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace oss::v1 {

/// True for query names that belong in the CanonicalizedResource (union of the SDK lists).
bool is_subresource(std::string_view name);

/// "/bucket/key?sub1&sub2=v" with the raw key and decoded, sorted sub-resources. When
/// include_x_oss_query, every `x-oss-*` query key counts as a sub-resource too (as GO2 does).
std::string canonical_resource(const SignableRequest& request, bool include_x_oss_query = false);
/// Lower-cased, trimmed, sorted `x-oss-*` headers, each "name:value\n".
std::string canonicalized_oss_headers(const Headers& headers);
/// VERB\nContent-MD5\nContent-Type\n<date>\n<oss headers><resource>
std::string string_to_sign(const SignableRequest& request, std::string_view date,
                           bool include_x_oss_query = false);
/// base64(HMAC-SHA1(secret, string_to_sign)).
std::string signature(std::string_view access_key_secret, std::string_view string_to_sign);

struct SignResult {
  std::string string_to_sign;
  std::string signature;
  std::string authorization; ///< header mode only
};

/// Header mode: sets `Date` (RFC 1123 of time), the STS token header when present, then
/// Authorization.
SignResult sign_header(SignableRequest& request, const Credentials& credentials, std::time_t time);

/// Query mode: adds security-token (when present), then OSSAccessKeyId, Expires, Signature
/// to request.query. expires_unix is absolute.
SignResult presign(SignableRequest& request, const Credentials& credentials,
                   std::int64_t expires_unix);

} // namespace oss::v1
