#pragma once
// Maps method + addressed level (service / bucket / object) + sub-resource to an operation.
#include "mock/context.hpp"
#include "mock/sse_policy.hpp"

#include <string_view>

namespace mock {

/// What an anonymous caller needs for the operation (bucket/object ACL check).
enum class Access {
  owner,        ///< service and bucket administration: never anonymous
  bucket_read,  ///< listing: public-read or public-read-write bucket
  object_read,  ///< GET/HEAD object: object ACL, else bucket ACL, public-read*
  object_write, ///< PUT/DELETE/copy objects: public-read-write bucket
  admin,        ///< the /-/ admin endpoints: no OSS signature, loopback only
};

struct Route {
  std::string_view name; ///< OSS API name, e.g. "PutObject"
  Access access;
  SseHeaders sse; ///< how x-oss-server-side-encryption is treated
  /// Optional; runs after authentication and before the body is read (may set ctx.sink).
  void (*prepare)(Context&);
  Response (*handle)(Context&);
};

/// The route for a request. Throws ApiError: 405 MethodNotAllowed for a verb the resource
/// does not support, 501 NotImplemented for a known OSS sub-resource ossmock lacks.
const Route& route_request(const RequestHead& head, const Target& target);

/// True for the admin namespace `/-/…` (path style; '-' can never be a bucket name).
bool is_admin_target(const Target& target);
const Route& admin_route();

} // namespace mock
