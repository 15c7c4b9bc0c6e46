#pragma once
// What ossmock knows about a request before and after its body, and what a handler returns.
#include "mock/store/blob_store.hpp"
#include "oss/http_types.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mock {

/// The request line and headers, as received (values as sent; query decoded).
struct RequestHead {
  std::string method;    ///< upper-case verb
  std::string target;    ///< raw request target ("/b/k?acl")
  std::string raw_path;  ///< still percent-encoded
  std::string raw_query; ///< after '?', still encoded
  oss::QueryParams query;
  oss::Headers headers;
  std::string host;
  std::optional<std::uint64_t> content_length;
  bool chunked = false;
  /// The peer connected from a loopback address (admin endpoints are served only then).
  bool from_loopback = false;

  const std::string* header(std::string_view name) const { return oss::find_header(headers, name); }
  bool has(std::string_view sub) const { return oss::has_query(query, sub); }
  const std::string* param(std::string_view name) const { return oss::find_query(query, name); }
  bool has_body() const { return chunked || (content_length && *content_length > 0); }
};

/// Who signed the request.
struct Principal {
  bool anonymous = true;
  std::string access_key_id;
  std::string user_name;
};

/// Receives a streamed request body (PutObject and friends).
class BodySink {
public:
  /// Consumes every chunk of the body, in order.
  using Lane = std::function<void(const char* data, std::size_t size)>;

  virtual ~BodySink() = default;
  virtual void write(const void* data, std::size_t size) = 0;
  /// The work of write() split into independent lanes (e.g. hashing; checksumming and storing)
  /// that may run on separate threads at the same time, each seeing every chunk in order. Used
  /// instead of write() for large bodies; the default is one lane calling write().
  virtual std::vector<Lane> lanes() {
    return {[this](const char* data, std::size_t size) { write(data, size); }};
  }
};

struct Response {
  int status = 200;
  oss::Headers headers;
  std::string body; ///< small bodies (XML); ignored when `blob` is set
  /// Object data streamed from storage: [blob_offset, blob_offset + blob_length).
  std::unique_ptr<BlobReader> blob;
  std::uint64_t blob_offset = 0;
  std::uint64_t blob_length = 0;
  /// For HEAD: the Content-Length to announce although no body is sent.
  std::optional<std::uint64_t> head_length;
};

} // namespace mock
