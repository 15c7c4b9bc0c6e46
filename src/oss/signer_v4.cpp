#include "oss/signer_v4.hpp"

#include "oss/error.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <map>

namespace oss::v4 {
namespace {

constexpr std::string_view k_terminator = "aliyun_v4_request";
constexpr std::int64_t k_max_presign_seconds = 604800; // OSS: V4 presigned URLs live <= 7 days

// OSS: x-oss-*, content-type and content-md5 are always signed.
bool is_default_signed(std::string_view lower_name) {
  return lower_name.starts_with("x-oss-") || lower_name == "content-type" ||
         lower_name == "content-md5";
}

std::string join(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back(sep);
    out += item;
  }
  return out;
}

} // namespace

std::string Scope::to_string() const {
  return date + "/" + region + "/" + product + "/" + std::string(k_terminator);
}

std::string canonical_uri(std::string_view bucket, std::string_view key) {
  if (bucket.empty()) return "/";
  std::string path = "/";
  path += bucket;
  path += '/';
  path += key;
  return util::percent_encode(path, /*keep_slash=*/true);
}

std::string canonical_query(const QueryParams& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [k, v] : query) {
    if (k == "x-oss-signature") continue;
    encoded.emplace_back(util::percent_encode(k), util::percent_encode(v));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [k, v] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += k;
    if (!v.empty()) {
      out.push_back('=');
      out += v;
    }
  }
  return out;
}

std::vector<std::string> effective_additional_headers(const std::vector<std::string>& requested,
                                                      const Headers& headers) {
  std::vector<std::string> out;
  for (const auto& name : requested) {
    std::string lower = util::to_lower(util::trim(name));
    if (lower.empty() || is_default_signed(lower)) continue;
    const std::string* value = find_header(headers, lower);
    if (value == nullptr || util::trim(*value).empty()) continue;
    out.push_back(std::move(lower));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string canonical_request(const SignableRequest& request,
                              const std::vector<std::string>& additional) {
  // Lower-cased name -> trimmed values joined with ',' (repeated headers), sorted by name.
  std::map<std::string, std::string> signed_headers;
  for (const auto& h : request.headers) {
    std::string lower = util::to_lower(h.name);
    const bool listed = std::find(additional.begin(), additional.end(), lower) != additional.end();
    if (!is_default_signed(lower) && !listed) continue;
    auto [it, inserted] = signed_headers.try_emplace(lower, util::trim(h.value));
    if (!inserted) {
      it->second += ',';
      it->second += util::trim(h.value);
    }
  }
  std::string out = request.method;
  out += '\n';
  out += canonical_uri(request.bucket, request.key);
  out += '\n';
  out += canonical_query(request.query);
  out += '\n';
  for (const auto& [name, value] : signed_headers) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  out += '\n';
  out += join(additional, ';');
  out += '\n';
  const std::string* payload = find_header(request.headers, "x-oss-content-sha256");
  out += payload != nullptr ? *payload : std::string(k_unsigned_payload);
  return out;
}

std::string string_to_sign(std::string_view datetime, const Scope& scope,
                           std::string_view canonical_request) {
  std::string out(k_algorithm);
  out += '\n';
  out += datetime;
  out += '\n';
  out += scope.to_string();
  out += '\n';
  out += util::to_hex_lower(util::sha256(canonical_request));
  return out;
}

std::string signature(std::string_view access_key_secret, const Scope& scope,
                      std::string_view string_to_sign) {
  std::string key = "aliyun_v4";
  key += access_key_secret;
  const std::string k1 = util::hmac_sha256(key, scope.date);
  const std::string k2 = util::hmac_sha256(k1, scope.region);
  const std::string k3 = util::hmac_sha256(k2, scope.product);
  const std::string k4 = util::hmac_sha256(k3, k_terminator);
  return util::to_hex_lower(util::hmac_sha256(k4, string_to_sign));
}

std::string standard_region(std::string_view region) {
  if (region.starts_with("oss-")) region.remove_prefix(4);
  return std::string(region);
}

SignResult sign_header(SignableRequest& request, const SignOptions& options) {
  const std::string datetime = util::iso8601_basic(options.time);
  set_header(request.headers, "x-oss-date", datetime);
  set_header(request.headers, "Date", util::rfc1123(options.time));
  if (!options.credentials.security_token.empty())
    set_header(request.headers, "x-oss-security-token", options.credentials.security_token);
  set_header(request.headers, "x-oss-content-sha256", std::string(k_unsigned_payload));

  const Scope scope{util::yyyymmdd(options.time), standard_region(options.region), options.product};
  const auto additional = effective_additional_headers(options.additional_headers, request.headers);
  SignResult result;
  result.canonical_request = canonical_request(request, additional);
  result.string_to_sign = string_to_sign(datetime, scope, result.canonical_request);
  result.signature = signature(options.credentials.access_key_secret, scope, result.string_to_sign);
  result.authorization = std::string(k_algorithm) +
                         " Credential=" + options.credentials.access_key_id + "/" +
                         scope.to_string();
  if (!additional.empty()) result.authorization += ",AdditionalHeaders=" + join(additional, ';');
  result.authorization += ",Signature=" + result.signature;
  set_header(request.headers, "Authorization", result.authorization);
  return result;
}

SignResult presign(SignableRequest& request, const SignOptions& options,
                   std::int64_t expires_seconds) {
  if (expires_seconds < 1 || expires_seconds > k_max_presign_seconds)
    throw usage_error("presign expiry must be between 1 and 604800 seconds (7 days), got " +
                      std::to_string(expires_seconds));
  const std::string datetime = util::iso8601_basic(options.time);
  const Scope scope{util::yyyymmdd(options.time), standard_region(options.region), options.product};
  const auto additional = effective_additional_headers(options.additional_headers, request.headers);
  request.query.emplace_back("x-oss-signature-version", std::string(k_algorithm));
  request.query.emplace_back("x-oss-date", datetime);
  request.query.emplace_back("x-oss-expires", std::to_string(expires_seconds));
  request.query.emplace_back("x-oss-credential",
                             options.credentials.access_key_id + "/" + scope.to_string());
  if (!options.credentials.security_token.empty())
    request.query.emplace_back("x-oss-security-token", options.credentials.security_token);
  if (!additional.empty())
    request.query.emplace_back("x-oss-additional-headers", join(additional, ';'));

  SignResult result;
  result.canonical_request = canonical_request(request, additional);
  result.string_to_sign = string_to_sign(datetime, scope, result.canonical_request);
  result.signature = signature(options.credentials.access_key_secret, scope, result.string_to_sign);
  request.query.emplace_back("x-oss-signature", result.signature);
  return result;
}

AuthorizationParse parse_authorization(std::string_view value, Authorization& out) {
  value = util::trim(value);
  if (!value.starts_with(k_algorithm)) return AuthorizationParse::not_v4;
  value.remove_prefix(k_algorithm.size());
  if (value.empty() || (value.front() != ' ' && value.front() != '\t'))
    return AuthorizationParse::malformed;
  bool have_credential = false;
  bool have_signature = false;
  for (const auto& raw_field : util::split(value, ',')) {
    const std::string_view field = util::trim(raw_field);
    if (field.empty()) continue;
    const auto eq = field.find('=');
    if (eq == std::string_view::npos) return AuthorizationParse::malformed;
    const std::string_view name = util::trim(field.substr(0, eq));
    const std::string_view val = util::trim(field.substr(eq + 1));
    if (name == "Credential") {
      // ak/date/region/product/aliyun_v4_request; the access key id itself has no '/'.
      const auto parts = util::split(val, '/');
      if (parts.size() != 5 || parts[0].empty()) return AuthorizationParse::malformed;
      out.access_key_id = parts[0];
      out.scope = Scope{parts[1], parts[2], parts[3]};
      out.terminator = parts[4];
      have_credential = true;
    } else if (name == "Signature") {
      if (val.empty()) return AuthorizationParse::malformed;
      out.signature = std::string(val);
      have_signature = true;
    } else if (name == "AdditionalHeaders") {
      if (val.empty()) return AuthorizationParse::empty_additional_headers;
      out.additional_headers.clear();
      for (const auto& h : util::split(val, ';'))
        if (!h.empty()) out.additional_headers.push_back(util::to_lower(h));
    } else {
      return AuthorizationParse::malformed;
    }
  }
  return have_credential && have_signature ? AuthorizationParse::ok : AuthorizationParse::malformed;
}

} // namespace oss::v4
