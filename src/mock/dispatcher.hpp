#pragma once
// The request pipeline between the HTTP session and the handlers:
// authenticate -> route -> anonymous access -> SSE header policy -> prepare -> (body) -> handle,
// and the OSS error and common response headers.
#include "mock/context.hpp"
#include "mock/errors.hpp"
#include "mock/router.hpp"

#include <string>

namespace mock {

class Dispatcher {
public:
  explicit Dispatcher(Services& services) : m_services(services) {}

  /// Everything that can be decided from the request head. Throws ApiError; on success the
  /// caller reads the body (into ctx.sink when prepare set one, else into ctx.body) and calls
  /// finish().
  const Route& begin(Context& ctx) const;
  /// Verifies Content-MD5 of a buffered body, runs the handler. Throws ApiError.
  Response finish(Context& ctx, const Route& route) const;

  /// The OSS error response for `ctx` (see mock::error_response).
  Response error_response(const ApiError& error, const Context& ctx) const;

  Services& services() const { return m_services; }

private:
  Services& m_services;
};

/// The OSS error response: XML body with x-oss-ec; for a HEAD request no body but x-oss-err
/// (base64 of the XML) and x-oss-ec. Needs no Dispatcher, so the session can answer requests it
/// cannot parse the same way.
Response error_response(const ApiError& error, const std::string& request_id,
                        const std::string& host, bool head_request);

/// Adds x-oss-request-id, Date (server time) and Server: AliyunOSS to every response.
void add_common_headers(Response& response, const std::string& request_id);

/// 24 upper-case hex characters.
std::string new_request_id();

/// Anonymous access rules (bucket/object ACL, KMS) for a route. Throws ApiError.
void check_anonymous_access(Context& ctx, const Route& route);
/// The anonymous read rule for an object (null when absent): the object's ACL, or the bucket's
/// for "default", must be public-read(-write), and SSE-KMS data is refused. Throws ApiError.
void check_anonymous_object_read(const BucketRecord& bucket, const ObjectRecord* object);

/// Throws 400 InvalidArgument (EC 0011-00000002) when the x-oss-meta-* names and values of the
/// request total more than 8 KB (OSS's user-metadata limit).
void check_user_metadata_size(const RequestHead& head);

/// `text` itself when it is XML 1.0 text, else percent-encoded (for error bodies that echo
/// request values).
std::string xml_safe(std::string text);

} // namespace mock
