#include "oss/signer_v1.hpp"

#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace oss::v1 {
namespace {

// Union of the sub-resource lists of the official doc, GO2, PY1/PY2 and J1/J2 (oss-api.md §2.3).
constexpr std::array<std::string_view, 80> k_subresources = {"acl",
                                                             "append",
                                                             "asyncFetch",
                                                             "bucketInfo",
                                                             "callback",
                                                             "callback-var",
                                                             "cleanRestoredObject",
                                                             "cloudboxes",
                                                             "cname",
                                                             "comp",
                                                             "continuation-token",
                                                             "cors",
                                                             "delete",
                                                             "encryption",
                                                             "endTime",
                                                             "img",
                                                             "inventory",
                                                             "inventoryId",
                                                             "lifecycle",
                                                             "live",
                                                             "location",
                                                             "logging",
                                                             "metaQuery",
                                                             "objectInfo",
                                                             "objectMeta",
                                                             "partNumber",
                                                             "policy",
                                                             "policyStatus",
                                                             "position",
                                                             "qos",
                                                             "qosInfo",
                                                             "redundancyTransition",
                                                             "referer",
                                                             "regionList",
                                                             "replication",
                                                             "replicationLocation",
                                                             "replicationProgress",
                                                             "requestPayment",
                                                             "resourceGroup",
                                                             "response-cache-control",
                                                             "response-content-disposition",
                                                             "response-content-encoding",
                                                             "response-content-language",
                                                             "response-content-type",
                                                             "response-expires",
                                                             "restore",
                                                             "security-token",
                                                             "sequential",
                                                             "startTime",
                                                             "stat",
                                                             "status",
                                                             "style",
                                                             "styleName",
                                                             "symlink",
                                                             "tagging",
                                                             "transferAcceleration",
                                                             "uploadId",
                                                             "uploads",
                                                             "userDefinedLogFieldsConfig",
                                                             "versionId",
                                                             "versioning",
                                                             "versions",
                                                             "vod",
                                                             "website",
                                                             "worm",
                                                             "wormExtend",
                                                             "wormId",
                                                             "x-oss-ac-forward-allow",
                                                             "x-oss-ac-source-ip",
                                                             "x-oss-ac-subnet-mask",
                                                             "x-oss-ac-vpc-id",
                                                             "x-oss-async-process",
                                                             "x-oss-process",
                                                             "x-oss-request-payer",
                                                             "x-oss-traffic-limit",
                                                             "accessPoint",
                                                             "accessPointPolicy",
                                                             "publicAccessBlock",
                                                             "httpsConfig",
                                                             "bucketArchiveDirectRead"};

} // namespace

bool is_subresource(std::string_view name) {
  return std::find(k_subresources.begin(), k_subresources.end(), name) != k_subresources.end();
}

std::string canonical_resource(const SignableRequest& request, bool include_x_oss_query) {
  std::string out = "/";
  if (!request.bucket.empty()) {
    out += request.bucket;
    out += '/';
    out += request.key;
  }
  std::vector<std::pair<std::string, std::string>> subs;
  for (const auto& [k, v] : request.query) {
    if (is_subresource(k) || (include_x_oss_query && k.starts_with("x-oss-")))
      subs.emplace_back(k, v);
  }
  std::sort(subs.begin(), subs.end());
  char sep = '?';
  for (const auto& [k, v] : subs) {
    out.push_back(sep);
    sep = '&';
    out += k;
    if (!v.empty()) {
      out.push_back('=');
      out += v;
    }
  }
  return out;
}

std::string canonicalized_oss_headers(const Headers& headers) {
  std::map<std::string, std::string> oss_headers;
  for (const auto& h : headers) {
    std::string lower = util::to_lower(h.name);
    if (!lower.starts_with("x-oss-")) continue;
    auto [it, inserted] = oss_headers.try_emplace(lower, util::trim(h.value));
    if (!inserted) {
      it->second += ',';
      it->second += util::trim(h.value);
    }
  }
  std::string out;
  for (const auto& [name, value] : oss_headers) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  return out;
}

std::string string_to_sign(const SignableRequest& request, std::string_view date,
                           bool include_x_oss_query) {
  const std::string* md5 = find_header(request.headers, "Content-MD5");
  const std::string* type = find_header(request.headers, "Content-Type");
  std::string out = request.method;
  out += '\n';
  if (md5 != nullptr) out += *md5;
  out += '\n';
  if (type != nullptr) out += *type;
  out += '\n';
  out += date;
  out += '\n';
  out += canonicalized_oss_headers(request.headers);
  out += canonical_resource(request, include_x_oss_query);
  return out;
}

std::string signature(std::string_view access_key_secret, std::string_view string_to_sign) {
  return util::base64_encode(util::hmac_sha1(access_key_secret, string_to_sign));
}

SignResult sign_header(SignableRequest& request, const Credentials& credentials, std::time_t time) {
  set_header(request.headers, "Date", util::rfc1123(time));
  if (!credentials.security_token.empty())
    set_header(request.headers, "x-oss-security-token", credentials.security_token);
  // OSS: x-oss-date wins over Date when both are present.
  const std::string* oss_date = find_header(request.headers, "x-oss-date");
  const std::string date = oss_date != nullptr ? *oss_date : util::rfc1123(time);
  SignResult result;
  result.string_to_sign = string_to_sign(request, date);
  result.signature = signature(credentials.access_key_secret, result.string_to_sign);
  result.authorization = "OSS " + credentials.access_key_id + ":" + result.signature;
  set_header(request.headers, "Authorization", result.authorization);
  return result;
}

SignResult presign(SignableRequest& request, const Credentials& credentials,
                   std::int64_t expires_unix) {
  if (!credentials.security_token.empty())
    request.query.emplace_back("security-token", credentials.security_token);
  const std::string expires = std::to_string(expires_unix);
  SignResult result;
  result.string_to_sign = string_to_sign(request, expires);
  result.signature = signature(credentials.access_key_secret, result.string_to_sign);
  request.query.emplace_back("OSSAccessKeyId", credentials.access_key_id);
  request.query.emplace_back("Expires", expires);
  request.query.emplace_back("Signature", result.signature);
  return result;
}

} // namespace oss::v1
