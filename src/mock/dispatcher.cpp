#include "mock/dispatcher.hpp"

#include "mock/auth.hpp"
#include "oss/names.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace mock {
namespace {

bool public_read(std::string_view acl) {
  return acl == "public-read" || acl == "public-read-write";
}

} // namespace

std::string new_request_id() { return util::to_hex_upper(util::random_bytes(12)); }

void add_common_headers(Response& response, const std::string& request_id) {
  response.headers.push_back({"x-oss-request-id", request_id});
  response.headers.push_back({"Date", util::rfc1123(util::now_utc())});
  response.headers.push_back({"Server", "AliyunOSS"});
}

void check_anonymous_access(Context& ctx, const Route& route) {
  if (!ctx.principal.anonymous || route.access == Access::admin) return;
  if (route.access == Access::owner) {
    throw errors::access_denied(ctx.target.bucket.empty()
                                    ? "Anonymous access is forbidden for this operation."
                                    : "Anonymous user has no right to access this bucket.");
  }
  const std::string& name = ctx.target.bucket;
  if (!oss::is_valid_bucket_name(name)) throw errors::invalid_bucket_name(name);
  const auto bucket = ctx.services.meta.bucket(name);
  if (!bucket) throw errors::no_such_bucket(name);
  switch (route.access) {
  case Access::bucket_read:
    if (!public_read(bucket->acl))
      throw errors::access_denied("Anonymous user has no right to access this bucket.");
    break;
  case Access::object_read: {
    const auto object = ctx.services.meta.object(name, ctx.target.key);
    check_anonymous_object_read(*bucket, object ? &*object : nullptr);
    break;
  }
  case Access::object_write:
    if (bucket->acl != "public-read-write")
      throw errors::access_denied("Anonymous user has no right to access this bucket.");
    break;
  case Access::owner:
  case Access::admin: break;
  }
}

void check_anonymous_object_read(const BucketRecord& bucket, const ObjectRecord* object) {
  const std::string& acl =
      (object != nullptr && object->acl != "default") ? object->acl : bucket.acl;
  if (!public_read(acl))
    throw errors::access_denied("Anonymous user has no right to access this object.");
  // OSS: anonymous reads of SSE-KMS data are refused (oss-api.md §5.7).
  if (object != nullptr && object->sse.algorithm == "KMS") throw errors::forbidden_by_kms();
}

void check_user_metadata_size(const RequestHead& head) {
  std::size_t total = 0;
  for (const auto& header : head.headers)
    if (util::istarts_with(header.name, "x-oss-meta-"))
      total += header.name.size() + header.value.size();
  if (total > errors::k_max_user_metadata_bytes) throw errors::metadata_too_large(total);
}

std::string xml_safe(std::string text) {
  if (oss::is_xml_text(text)) return text;
  return util::percent_encode(text, false);
}

const Route& Dispatcher::begin(Context& ctx) const {
  if (is_admin_target(ctx.target)) {
    // Admin endpoints: ossmock is a local tool, so loopback is the credential (README).
    if (!ctx.head.from_loopback)
      throw errors::access_denied("The ossmock admin API is served only to loopback clients.");
    return admin_route();
  }
  ctx.principal = authenticate(ctx.head, ctx.target, m_services.options.users,
                               m_services.options.region, util::now_utc());
  const Route& route = route_request(ctx.head, ctx.target);
  check_anonymous_access(ctx, route);
  check_user_metadata_size(ctx.head);
  if (route.sse == SseHeaders::reject) requested_sse(ctx.head.headers, SseHeaders::reject);
  if (route.prepare != nullptr) route.prepare(ctx);
  return route;
}

Response Dispatcher::finish(Context& ctx, const Route& route) const {
  if (!ctx.sink) {
    if (const std::string* md5 = ctx.head.header("Content-MD5")) {
      if (util::base64_encode(util::md5(ctx.body)) != *md5) throw errors::invalid_digest(*md5);
    }
  }
  return route.handle(ctx);
}

Response error_response(const ApiError& error, const std::string& request_id,
                        const std::string& host, bool head_request) {
  oss::ServiceError body = error.error();
  body.request_id = request_id;
  // Names and header values from the request may hold bytes XML cannot carry (invalid UTF-8,
  // control characters): such values are percent-encoded so the body always parses.
  body.message = xml_safe(std::move(body.message));
  body.host_id = xml_safe(host);
  for (auto& [name, value] : body.extras)
    value = xml_safe(std::move(value));
  const std::string xml = oss::to_error_xml(body);
  Response response;
  response.status = body.http_status;
  if (!body.ec.empty()) response.headers.push_back({"x-oss-ec", body.ec});
  if (head_request) {
    response.headers.push_back({"x-oss-err", util::base64_encode(xml)});
  } else {
    response.headers.push_back({"Content-Type", "application/xml"});
    response.body = xml;
  }
  return response;
}

Response Dispatcher::error_response(const ApiError& error, const Context& ctx) const {
  return mock::error_response(error, ctx.request_id, ctx.head.host, ctx.head.method == "HEAD");
}

} // namespace mock
