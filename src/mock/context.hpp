#pragma once
// Everything a handler sees: the server's services and one request.
#include "mock/addressing.hpp"
#include "mock/kms.hpp"
#include "mock/options.hpp"
#include "mock/request.hpp"
#include "mock/store/blob_store.hpp"
#include "mock/store/metadata_store.hpp"

#include <memory>
#include <string>

namespace mock {

/// Long-lived state shared by all requests (each member is thread-safe).
struct Services {
  const ServerOptions& options;
  MetadataStore& meta;
  BlobStore& blobs;
  Kms& kms;
};

struct Context {
  Services& services;
  RequestHead head;
  Target target;
  Principal principal;
  std::string request_id;
  /// A small request body (XML documents), filled before handle() when the route does not
  /// stream its body.
  std::string body;
  /// Set by a route's prepare() to stream the body (object data) instead of buffering it.
  std::unique_ptr<BodySink> sink;
};

} // namespace mock
