#pragma once
// HTTP(S) over libcurl: one reused easy handle (connection cache kept across requests),
// streaming request bodies through a reader and 2xx response bodies through a sink, so no
// object is ever held whole in memory. Sends exactly the given headers: curl's automatic
// Accept/Expect/Content-Type are suppressed. Not thread-safe; one Transport per thread.
#include "oss/http_types.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace client {

struct TransportOptions {
  long connect_timeout_seconds = 10;
  long read_timeout_seconds = 20; ///< abort when no byte moves for this long
  bool skip_verify_cert = false;
  std::string user_agent;
};

/// Produces up to `max` body bytes into buf; returns 0 at the end. May throw (aborts the request).
using BodyReader = std::function<std::size_t(char* buf, std::size_t max)>;
/// Receives 2xx response body bytes in order. May throw (aborts the request).
using BodySink = std::function<void(const char* data, std::size_t size)>;

struct HttpRequest {
  std::string method; ///< GET, HEAD, PUT, POST, DELETE
  std::string url;
  oss::Headers headers;                   ///< exactly the headers to send (already signed)
  BodyReader body;                        ///< empty = no body
  std::optional<std::uint64_t> body_size; ///< known size -> Content-Length; nullopt -> chunked
};

struct HttpResponse {
  long status = 0;
  oss::Headers headers; ///< of the final response (interim 1xx dropped)
  /// The body when no sink was given, or a non-2xx body (capped at 1 MiB).
  std::string body;
};

/// Network, TLS or timeout failure (no HTTP response). what() is curl's description.
class TransportError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The last line of defence against header injection: throws oss::Error(client) when a header
/// name or value contains CR, LF or NUL. Transport::perform calls it before anything is sent.
void check_header_fields(const oss::Headers& headers);

class Transport {
public:
  explicit Transport(TransportOptions options);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// Sends the request and waits for the whole response. 2xx bodies go to sink when given.
  /// Throws oss::Error(client) for a header with CR/LF/NUL (nothing sent), TransportError on
  /// network failure, Interrupted after request_interrupt(); rethrows what the reader or sink
  /// threw.
  HttpResponse perform(const HttpRequest& request, const BodySink& sink = {});

private:
  struct Handle;
  TransportOptions m_options;
  std::unique_ptr<Handle> m_handle;
};

} // namespace client
