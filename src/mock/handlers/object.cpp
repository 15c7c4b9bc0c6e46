// Single-object operations: PutObject, GetObject, HeadObject, GetObjectMeta, DeleteObject,
// GetObjectAcl, PutObjectAcl.
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/object_support.hpp"
#include "mock/handlers/support.hpp"
#include "mock/range.hpp"
#include "mock/sse_policy.hpp"
#include "oss/crc64.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

namespace mock::handlers {
namespace {

/// response-* query parameters override the stored headers of a GET (OSS, like S3).
void apply_response_overrides(const RequestHead& head, Response& response) {
  static constexpr std::pair<std::string_view, std::string_view> k_overrides[] = {
      {"response-content-type", "Content-Type"},
      {"response-content-language", "Content-Language"},
      {"response-expires", "Expires"},
      {"response-cache-control", "Cache-Control"},
      {"response-content-disposition", "Content-Disposition"},
      {"response-content-encoding", "Content-Encoding"}};
  for (const auto& [param, header] : k_overrides) {
    if (const std::string* value = head.param(param))
      oss::set_header(response.headers, header, *value);
  }
}

ObjectRecord readable_object(Context& ctx) {
  require_bucket(ctx);
  require_valid_key(ctx.target.key);
  return require_object(ctx, ctx.target.bucket, ctx.target.key);
}

} // namespace

void prepare_put_object(Context& ctx) {
  BucketRecord bucket = require_bucket(ctx);
  require_valid_key(ctx.target.key);
  check_content_md5_format(ctx.head);
  oss::SseSpec sse = write_sse(ctx, bucket);
  ObjectRecord probe; // validate acl / storage class before accepting the body
  take_request_acl_and_class(ctx.head, probe);
  auto writer = ctx.services.blobs.create(BlobContext{bucket.name, ctx.target.key, sse, {}});
  ctx.sink = std::make_unique<UploadSink>(std::move(writer), std::move(bucket), std::move(sse));
}

Response put_object(Context& ctx) {
  auto& sink = dynamic_cast<UploadSink&>(*ctx.sink);
  const std::string md5 = sink.md5();
  check_content_md5(ctx.head, md5);
  check_forbid_overwrite(ctx, ctx.target.bucket, ctx.target.key);

  ObjectRecord object;
  object.bucket = ctx.target.bucket;
  object.key = ctx.target.key;
  object.size = sink.size();
  object.etag = util::to_hex_upper(md5);
  object.crc64 = sink.crc64();
  object.owner = ctx.principal.anonymous ? sink.bucket().owner : ctx.principal.access_key_id;
  object.sse = sink.sse();
  object.last_modified = util::now_utc();
  take_request_metadata(ctx.head, object);
  take_request_acl_and_class(ctx.head, object);
  object.blob = sink.writer().commit();
  publish_object(ctx, object);

  Response response = empty_response(200);
  add_write_headers(response.headers, object.etag, object.crc64, object.sse);
  response.headers.push_back({"Content-MD5", util::base64_encode(md5)});
  return response;
}

Response get_object(Context& ctx) {
  const ObjectRecord object = readable_object(ctx);
  if (not_modified(ctx.head, object)) {
    Response response = empty_response(304);
    response.headers.push_back({"ETag", quoted_etag(object.etag)});
    return response;
  }
  RangeRequest range;
  if (const std::string* header = ctx.head.header("Range"))
    range = parse_range(*header, object.size);
  if (range.kind == RangeRequest::Kind::unsatisfiable) throw errors::invalid_range(object.size);

  // OSS: downloading SSE-KMS data needs a grant on its CMK (Decrypt).
  authorize_kms_use(ctx, object.sse, KmsOperation::decrypt);
  Response response;
  response.blob = open_object_verified(
      ctx, object, range.kind == RangeRequest::Kind::satisfiable ? range.first : 0);
  add_object_headers(response, object);
  apply_response_overrides(ctx.head, response);
  if (range.kind == RangeRequest::Kind::satisfiable) {
    response.status = 206;
    response.headers.push_back({"Content-Range", content_range(range, object.size)});
    response.blob_offset = range.first;
    response.blob_length = range.length();
  } else {
    response.blob_length = object.size;
  }
  return response;
}

Response head_object(Context& ctx) {
  const ObjectRecord object = readable_object(ctx);
  if (not_modified(ctx.head, object)) return empty_response(304);
  Response response;
  add_object_headers(response, object);
  response.head_length = object.size;
  return response;
}

Response get_object_meta(Context& ctx) {
  const ObjectRecord object = readable_object(ctx);
  // OSS returns only basic metadata here (oss-api.md §5.3).
  Response response;
  response.headers.push_back({"ETag", quoted_etag(object.etag)});
  response.headers.push_back({"Last-Modified", util::rfc1123(object.last_modified)});
  response.headers.push_back({"x-oss-last-access-time", util::rfc1123(object.last_modified)});
  response.headers.push_back({"x-oss-hash-crc64ecma", oss::crc64_to_string(object.crc64)});
  response.head_length = object.size;
  return response;
}

Response delete_object(Context& ctx) {
  require_bucket(ctx);
  if (auto blobs = ctx.services.meta.delete_object(ctx.target.bucket, ctx.target.key))
    remove_blobs(ctx.services.blobs, *blobs);
  return empty_response(204);
}

Response get_object_acl(Context& ctx) {
  const ObjectRecord object = readable_object(ctx);
  XmlWriter xml;
  write_acl_policy(xml, object.owner, object.acl);
  return xml_response(xml.finish());
}

Response put_object_acl(Context& ctx) {
  require_bucket(ctx);
  require_valid_key(ctx.target.key);
  const std::string* acl = ctx.head.header("x-oss-object-acl");
  if (acl == nullptr)
    throw errors::invalid_argument("PutObjectAcl requires the x-oss-object-acl header.",
                                   "0017-00000105")
        .extra("ArgumentName", "x-oss-object-acl");
  if (!is_object_acl(*acl))
    throw errors::invalid_argument_header("The ACL you provided is not valid.", "x-oss-object-acl",
                                          *acl);
  if (!ctx.services.meta.set_object_acl(ctx.target.bucket, ctx.target.key, *acl))
    throw errors::no_such_key(ctx.target.key);
  return empty_response(200);
}

} // namespace mock::handlers
