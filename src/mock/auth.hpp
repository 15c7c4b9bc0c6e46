#pragma once
// Request authentication: OSS signature V4 and V1, in the Authorization header or in a
// presigned URL, recomputed with the shared signer and compared in constant time
// (oss-api.md §1, §2, checklist 1–9). Pure: the clock is a parameter.
#include "mock/addressing.hpp"
#include "mock/options.hpp"
#include "mock/request.hpp"
#include "oss/http_types.hpp"

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace mock {

inline constexpr std::time_t k_max_skew_seconds = std::time_t{15} * 60;

/// Who signed the request, or an anonymous principal when it carries no signature at all.
/// Throws ApiError for every failure: 403 SignatureDoesNotMatch (with StringToSign diagnostics),
/// 403 InvalidAccessKeyId, 403 RequestTimeTooSkewed, 400 InvalidArgument for a malformed
/// Authorization, 403 AccessDenied for expired presigned URLs.
Principal authenticate(const RequestHead& head, const Target& target,
                       const std::vector<User>& users, std::string_view region, std::time_t now);

/// The SignableRequest the client must have signed: decoded bucket, key and query, the
/// headers as received.
oss::SignableRequest signable_request(const RequestHead& head, const Target& target);

/// V4 canonical query built from the raw query string instead (items kept as sent, `+` as
/// `%20`, x-oss-signature dropped, sorted, bare key for empty values): the alternative form
/// the mock also accepts (oss-api.md §1.3.3).
std::string raw_canonical_query(std::string_view raw_query);

/// "50 55 54 0A": each byte as upper-case hex, space separated (StringToSignBytes).
std::string bytes_as_hex_list(std::string_view text);

} // namespace mock
