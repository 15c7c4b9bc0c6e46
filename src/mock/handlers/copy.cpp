// CopyObject (PUT with x-oss-copy-source), including same-key copy to change metadata or
// encryption in place (oss-api.md §5.5, §7.4).
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/object_support.hpp"
#include "mock/handlers/support.hpp"
#include "mock/sse_policy.hpp"
#include "oss/crc64.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

namespace mock::handlers {
namespace {

StoredBlob copy_blob(Context& ctx, const ObjectRecord& source, const BlobContext& target) {
  std::unique_ptr<BlobReader> reader = open_object_verified(ctx, source, 0);
  auto writer = ctx.services.blobs.create(target);
  copy_range(*reader, 0, source.size,
             [&writer](const char* data, std::size_t size) { writer->write(data, size); });
  return writer->commit();
}

} // namespace

Response copy_object(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  require_valid_key(ctx.target.key);
  const ObjectRecord source = readable_copy_source(ctx);

  std::string directive = "COPY";
  if (const std::string* value = ctx.head.header("x-oss-metadata-directive")) directive = *value;
  if (directive != "COPY" && directive != "REPLACE")
    throw errors::invalid_argument_header("x-oss-metadata-directive must be COPY or REPLACE.",
                                          "x-oss-metadata-directive", directive);
  const bool same_object = source.bucket == bucket.name && source.key == ctx.target.key;

  // OSS: the destination never inherits the source's SSE: request header, else the
  // destination bucket default, else none (checklist 17).
  const oss::SseSpec sse = write_sse(ctx, bucket);

  ObjectRecord object = source;
  object.bucket = bucket.name;
  object.key = ctx.target.key;
  object.sse = sse;
  object.last_modified = util::now_utc();
  object.owner = ctx.principal.anonymous ? bucket.owner : ctx.principal.access_key_id;
  if (!same_object) object.acl = "default";
  if (directive == "REPLACE") take_request_metadata(ctx.head, object);
  take_request_acl_and_class(ctx.head, object);

  // Same key and same encryption: metadata-only change; otherwise write a new blob (this is
  // also how an existing object gets encrypted in place).
  const bool reuse_blob = same_object && sse == source.sse;
  if (!reuse_blob) {
    object.blob = copy_blob(ctx, source, BlobContext{object.bucket, object.key, sse, {}});
    object.parts.clear(); // a copied multipart object becomes one blob
  }
  publish_object(ctx, object, !reuse_blob);

  XmlWriter xml;
  xml.open("CopyObjectResult")
      .element("ETag", quoted_etag(object.etag))
      .element("LastModified", util::iso8601_ms(object.last_modified));
  Response response = xml_response(xml.finish());
  add_write_headers(response.headers, object.etag, object.crc64, object.sse);
  return response;
}

} // namespace mock::handlers
