#include "mock/auth.hpp"

#include "mock/errors.hpp"
#include "oss/signer_v1.hpp"
#include "oss/signer_v4.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>

namespace mock {
namespace {

const User* find_user(const std::vector<User>& users, std::string_view access_key_id) {
  for (const auto& user : users)
    if (user.access_key_id == access_key_id) return &user;
  return nullptr;
}

Principal principal_of(const User& user) { return Principal{false, user.access_key_id, user.name}; }

void check_skew(std::time_t request_time, std::time_t now) {
  if (std::llabs(static_cast<long long>(request_time) - static_cast<long long>(now)) >
      k_max_skew_seconds)
    throw errors::request_time_too_skewed(util::iso8601_ms(request_time), util::iso8601_ms(now));
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

ApiError signature_mismatch(std::string_view ec, std::string_view access_key_id,
                            std::string_view provided, std::string_view string_to_sign,
                            const std::string* canonical_request) {
  ApiError error(403, "SignatureDoesNotMatch",
                 "The request signature we calculated does not match the signature you provided. "
                 "Check your key and signing method.",
                 std::string(ec));
  error.extra("OSSAccessKeyId", std::string(access_key_id));
  error.extra("SignatureProvided", std::string(provided));
  error.extra("StringToSign", std::string(string_to_sign));
  error.extra("StringToSignBytes", bytes_as_hex_list(string_to_sign));
  if (canonical_request != nullptr) error.extra("CanonicalRequest", *canonical_request);
  return error;
}

/// Replaces line 3 (the canonical query) of a V4 canonical request.
std::string with_query_line(const std::string& canonical, const std::string& query) {
  const auto first = canonical.find('\n');
  const auto second = canonical.find('\n', first + 1);
  const auto third = canonical.find('\n', second + 1);
  if (first == std::string::npos || second == std::string::npos || third == std::string::npos)
    return canonical;
  return canonical.substr(0, second + 1) + query + canonical.substr(third);
}

struct V4Check {
  std::string access_key_id;
  oss::v4::Scope scope;
  std::vector<std::string> additional;
  std::string signature;
  std::string datetime;
};

void check_scope(const oss::v4::Scope& scope, std::string_view terminator, std::string_view region,
                 std::string_view datetime) {
  if (terminator != "aliyun_v4_request" || scope.product != "oss")
    throw errors::invalid_argument("Invalid credential in Authorization header.");
  if (scope.region != region)
    throw errors::invalid_argument("The signing region in credential is invalid.")
        .extra("ExpectedRegion", std::string(region))
        .extra("ProvidedRegion", scope.region);
  if (datetime.substr(0, 8) != scope.date)
    throw errors::invalid_argument("The date in the credential scope does not match x-oss-date.");
}

/// Recomputes a V4 signature (decoded-and-re-encoded query first, then the raw-query form)
/// and throws SignatureDoesNotMatch when neither matches.
void verify_v4(const oss::SignableRequest& request, const RequestHead& head, const V4Check& check,
               const User& user) {
  const auto additional = oss::v4::effective_additional_headers(check.additional, request.headers);
  const std::string canonical = oss::v4::canonical_request(request, additional);
  const std::string to_sign = oss::v4::string_to_sign(check.datetime, check.scope, canonical);
  if (util::constant_time_equal(oss::v4::signature(user.access_key_secret, check.scope, to_sign),
                                check.signature))
    return;
  const std::string raw_query = raw_canonical_query(head.raw_query);
  const std::string alt_canonical = with_query_line(canonical, raw_query);
  if (alt_canonical != canonical) {
    const std::string alt = oss::v4::string_to_sign(check.datetime, check.scope, alt_canonical);
    if (util::constant_time_equal(oss::v4::signature(user.access_key_secret, check.scope, alt),
                                  check.signature))
      return;
  }
  throw signature_mismatch("0002-00000201", check.access_key_id, check.signature, to_sign,
                           &canonical);
}

void check_content_sha256(const RequestHead& head) {
  const std::string* sha = head.header("x-oss-content-sha256");
  if (sha != nullptr && *sha != oss::v4::k_unsigned_payload)
    throw errors::invalid_argument_header(
        "The value of the x-oss-content-sha256 header is invalid. Change the value of the "
        "x-oss-content-sha256 header to UNSIGNED-PAYLOAD.",
        "x-oss-content-sha256", *sha, "0002-00000214");
}

Principal v4_header(const RequestHead& head, const Target& target, const std::vector<User>& users,
                    std::string_view region, std::time_t now, const std::string& authorization) {
  oss::v4::Authorization parsed;
  switch (oss::v4::parse_authorization(authorization, parsed)) {
  case oss::v4::AuthorizationParse::ok: break;
  case oss::v4::AuthorizationParse::empty_additional_headers:
    throw errors::invalid_argument(
        "The AdditionalHeaders field in the Authorization header is empty.", "0002-00000209");
  default: throw errors::invalid_argument("Invalid signature v4 Authorization header format.");
  }
  const User* user = find_user(users, parsed.access_key_id);
  if (user == nullptr) throw errors::invalid_access_key_id(parsed.access_key_id);
  const std::string* date = head.header("x-oss-date");
  if (date == nullptr)
    throw errors::invalid_argument("The x-oss-date header is required for signature v4.",
                                   "0002-00000505");
  const auto time = util::parse_iso8601_basic(*date);
  if (!time)
    throw errors::invalid_argument_header(
        "The x-oss-date header is not in the form yyyymmddTHHMMSSZ.", "x-oss-date", *date,
        "0002-00000505");
  check_skew(*time, now);
  check_scope(parsed.scope, parsed.terminator, region, *date);
  check_content_sha256(head);
  verify_v4(signable_request(head, target), head,
            V4Check{parsed.access_key_id, parsed.scope, parsed.additional_headers, parsed.signature,
                    *date},
            *user);
  return principal_of(*user);
}

Principal v4_query(const RequestHead& head, const Target& target, const std::vector<User>& users,
                   std::string_view region, std::time_t now) {
  const std::string* version = head.param("x-oss-signature-version");
  if (version != nullptr && *version != oss::v4::k_algorithm)
    throw errors::invalid_argument("x-oss-signature-version must be OSS4-HMAC-SHA256.");
  const std::string* credential = head.param("x-oss-credential");
  if (credential == nullptr || credential->empty())
    throw errors::invalid_argument("The x-oss-credential parameter is missing.", "0002-00000217");
  const std::string* expires = head.param("x-oss-expires");
  if (expires == nullptr || expires->empty())
    throw errors::invalid_argument("The x-oss-expires parameter is missing.", "0002-00000215");
  const std::string* signature = head.param("x-oss-signature");
  if (signature == nullptr || signature->empty())
    throw errors::invalid_argument("The x-oss-signature parameter is missing.", "0002-00000219");
  const std::string* date = head.param("x-oss-date");
  const auto time = date != nullptr ? util::parse_iso8601_basic(*date) : std::nullopt;
  if (!time)
    throw errors::invalid_argument("The x-oss-date parameter is invalid.", "0002-00000505");

  const auto parts = util::split(*credential, '/');
  if (parts.size() != 5) throw errors::invalid_argument("Invalid credential in x-oss-credential.");
  oss::v4::Scope scope{parts[1], parts[2], parts[3]};
  const User* user = find_user(users, parts[0]);
  if (user == nullptr) throw errors::invalid_access_key_id(parts[0]);
  check_scope(scope, parts[4], region, *date);

  const auto seconds = parse_int(*expires);
  if (!seconds || *seconds <= 0 || *seconds > 604800)
    throw errors::invalid_argument_header("x-oss-expires must be 1-604800 seconds.",
                                          "x-oss-expires", *expires);
  if (now < *time - k_max_skew_seconds)
    throw ApiError(403, "AccessDenied", "Request is not valid yet.", "0002-00000235");
  if (now > *time + *seconds)
    throw ApiError(403, "AccessDenied", "Request has expired.", "0002-00000069")
        .extra("Expires", util::iso8601_ms(*time + *seconds))
        .extra("ServerTime", util::iso8601_ms(now));
  check_content_sha256(head);

  std::vector<std::string> additional;
  if (const std::string* list = head.param("x-oss-additional-headers"))
    additional = util::split(*list, ';');
  verify_v4(signable_request(head, target), head,
            V4Check{parts[0], scope, additional, *signature, *date}, *user);
  return principal_of(*user);
}

/// V1: accept the "union list" canonicalisation or the one that also signs x-oss-* query keys.
void verify_v1(const oss::SignableRequest& request, std::string_view date, const User& user,
               std::string_view provided) {
  const std::string to_sign = oss::v1::string_to_sign(request, date, false);
  if (util::constant_time_equal(oss::v1::signature(user.access_key_secret, to_sign), provided))
    return;
  const std::string with_x_oss = oss::v1::string_to_sign(request, date, true);
  if (with_x_oss != to_sign &&
      util::constant_time_equal(oss::v1::signature(user.access_key_secret, with_x_oss), provided))
    return;
  throw signature_mismatch("0002-00000040", user.access_key_id, provided, to_sign, nullptr);
}

Principal v1_header(const RequestHead& head, const Target& target, const std::vector<User>& users,
                    std::time_t now, const std::string& authorization) {
  const std::string_view credential = util::trim(std::string_view(authorization).substr(4));
  const auto colon = credential.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == credential.size())
    throw errors::invalid_argument(
        "The Authorization header is invalid. Expected OSS AccessKeyId:Signature.");
  const std::string access_key_id(credential.substr(0, colon));
  const std::string provided(credential.substr(colon + 1));
  const User* user = find_user(users, access_key_id);
  if (user == nullptr) throw errors::invalid_access_key_id(access_key_id);
  // OSS: x-oss-date wins over Date (ali-oss sends only x-oss-date).
  const std::string* date = head.header("x-oss-date");
  if (date == nullptr) date = head.header("Date");
  if (date == nullptr || date->empty())
    throw errors::access_denied("Authorization requires a valid Date or x-oss-date header.");
  const auto time = util::parse_rfc1123(*date);
  if (!time) throw errors::access_denied("Invalid date format in Date or x-oss-date: " + *date);
  check_skew(*time, now);
  verify_v1(signable_request(head, target), *date, *user, provided);
  return principal_of(*user);
}

Principal v1_query(const RequestHead& head, const Target& target, const std::vector<User>& users,
                   std::time_t now) {
  const std::string* access_key_id = head.param("OSSAccessKeyId");
  const std::string* expires = head.param("Expires");
  const std::string* signature = head.param("Signature");
  if (access_key_id == nullptr || signature == nullptr || expires == nullptr)
    throw errors::access_denied("Query-string authentication requires the Signature, Expires and "
                                "OSSAccessKeyId parameters");
  if (expires->empty())
    throw ApiError(403, "AccessDenied", "The Expires parameter is empty.", "0002-00000068");
  const auto expiry = parse_int(*expires);
  if (!expiry)
    throw ApiError(403, "AccessDenied", "The Expires parameter is invalid.", "0002-00000070");
  const User* user = find_user(users, *access_key_id);
  if (user == nullptr) throw errors::invalid_access_key_id(*access_key_id);
  if (now > *expiry)
    throw ApiError(403, "AccessDenied", "Request has expired.", "0002-00000069")
        .extra("Expires", util::iso8601_ms(static_cast<std::time_t>(*expiry)))
        .extra("ServerTime", util::iso8601_ms(now));
  verify_v1(signable_request(head, target), *expires, *user, *signature);
  return principal_of(*user);
}

} // namespace

oss::SignableRequest signable_request(const RequestHead& head, const Target& target) {
  oss::SignableRequest request;
  request.method = head.method;
  request.bucket = target.bucket;
  request.key = target.key;
  request.query = head.query;
  request.headers = head.headers;
  return request;
}

std::string raw_canonical_query(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& item : util::split(raw_query, '&')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    std::string key = item.substr(0, eq);
    std::string value = eq == std::string::npos ? std::string() : item.substr(eq + 1);
    if (key == "x-oss-signature") continue;
    std::replace(key.begin(), key.end(), '+', ' ');
    std::replace(value.begin(), value.end(), '+', ' ');
    auto plus_to_20 = [](const std::string& s) {
      std::string out;
      for (char c : s)
        out += c == ' ' ? std::string("%20") : std::string(1, c);
      return out;
    };
    items.emplace_back(plus_to_20(key), plus_to_20(value));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [k, v] : items) {
    if (!out.empty()) out += '&';
    out += k;
    if (!v.empty()) out += '=' + v;
  }
  return out;
}

std::string bytes_as_hex_list(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (!out.empty()) out += ' ';
    out += k_hex[c >> 4];
    out += k_hex[c & 0x0F];
  }
  return out;
}

Principal authenticate(const RequestHead& head, const Target& target,
                       const std::vector<User>& users, std::string_view region, std::time_t now) {
  if (const std::string* authorization = head.header("Authorization")) {
    if (authorization->starts_with(oss::v4::k_algorithm))
      return v4_header(head, target, users, region, now, *authorization);
    if (authorization->starts_with("OSS "))
      return v1_header(head, target, users, now, *authorization);
    throw errors::invalid_argument(
        "The Authorization header is invalid: unknown signature method.");
  }
  if (head.has("x-oss-signature-version") || head.has("x-oss-signature") ||
      head.has("x-oss-credential"))
    return v4_query(head, target, users, region, now);
  if (head.has("OSSAccessKeyId") || head.has("Signature"))
    return v1_query(head, target, users, now);
  return Principal{};
}

} // namespace mock
