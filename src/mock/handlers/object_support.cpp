#include "mock/handlers/object_support.hpp"

#include "mock/errors.hpp"
#include "mock/handlers/support.hpp"
#include "mock/sse_policy.hpp"
#include "oss/crc64.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <array>

namespace mock::handlers {
namespace {

constexpr std::array<std::string_view, 5> k_content_headers = {
    "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"};

constexpr std::string_view k_meta_prefix = "x-oss-meta-";

bool etag_matches(const std::string& condition, const std::string& etag) {
  for (const auto& item : util::split(condition, ',')) {
    std::string_view value = util::trim(item);
    if (value == "*") return true;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (util::iequals(value, etag)) return true;
  }
  return false;
}

} // namespace

void take_request_metadata(const RequestHead& head, ObjectRecord& object) {
  const std::string* type = head.header("Content-Type");
  object.content_type = (type != nullptr && !type->empty()) ? *type : "application/octet-stream";
  object.http_headers.clear();
  for (const auto& name : k_content_headers) {
    if (const std::string* value = head.header(name)) object.http_headers.emplace_back(name, *value);
  }
  object.user_meta.clear();
  for (const auto& header : head.headers) {
    if (util::istarts_with(header.name, k_meta_prefix))
      object.user_meta.emplace_back(util::to_lower(header.name.substr(k_meta_prefix.size())),
                                    header.value);
  }
}

void take_request_acl_and_class(const RequestHead& head, ObjectRecord& object) {
  if (const std::string* acl = head.header("x-oss-object-acl")) {
    if (!is_object_acl(*acl))
      throw errors::invalid_argument_header("The ACL you provided is not valid. Supported values: "
                                            "default, private, public-read, public-read-write.",
                                            "x-oss-object-acl", *acl);
    object.acl = *acl;
  }
  if (const std::string* value = head.header("x-oss-storage-class")) {
    auto canonical = storage_class(*value);
    if (!canonical)
      throw errors::invalid_argument_header("Invalid storage class.", "x-oss-storage-class", *value);
    object.storage_class = *canonical;
  }
}

void add_object_headers(Response& response, const ObjectRecord& object) {
  auto& h = response.headers;
  h.push_back({"Content-Type", object.content_type});
  for (const auto& [name, value] : object.http_headers) h.push_back({name, value});
  h.push_back({"ETag", quoted_etag(object.etag)});
  h.push_back({"Last-Modified", util::rfc1123(object.last_modified)});
  h.push_back({"Accept-Ranges", "bytes"});
  h.push_back({"x-oss-object-type", "Normal"});
  h.push_back({"x-oss-storage-class", object.storage_class});
  h.push_back({"x-oss-hash-crc64ecma", oss::crc64_to_string(object.crc64)});
  for (const auto& [name, value] : object.user_meta)
    h.push_back({std::string(k_meta_prefix) + name, value});
  add_sse_response_headers(h, object.sse);
}

oss::SseSpec write_sse(Context& ctx, const BucketRecord& bucket) {
  const auto requested = requested_sse(ctx.head.headers, SseHeaders::accept);
  oss::SseSpec sse = effective_sse(requested, bucket.sse);
  // OSS: anonymous writes of KMS data are refused (oss-api.md §5.7).
  if (ctx.principal.anonymous && sse.algorithm == "KMS") throw errors::forbidden_by_kms();
  if (sse.algorithm == "KMS") sse.kms_key_id = ctx.services.kms.resolve_key_id(sse.kms_key_id);
  else {
    sse.kms_key_id.clear();
    sse.data_encryption.clear();
  }
  return sse;
}

std::optional<int> check_preconditions(const RequestHead& head, const ObjectRecord& object) {
  if (const std::string* v = head.header("If-Match"); v && !etag_matches(*v, object.etag)) return 412;
  if (const std::string* v = head.header("If-Unmodified-Since")) {
    if (auto t = util::parse_rfc1123(*v); t && object.last_modified > *t) return 412;
  }
  if (const std::string* v = head.header("If-None-Match"); v && etag_matches(*v, object.etag)) return 304;
  if (const std::string* v = head.header("If-Modified-Since")) {
    if (auto t = util::parse_rfc1123(*v); t && object.last_modified <= *t) return 304;
  }
  return std::nullopt;
}

void UploadSink::write(const void* data, std::size_t size) {
  m_md5.update(data, size);
  m_crc = oss::crc64_update(m_crc, data, size);
  m_size += size;
  m_writer->write(data, size);
}

void publish_object(Context& ctx, const ObjectRecord& object, bool blob_is_new) {
  std::optional<std::string> replaced;
  try {
    replaced = ctx.services.meta.put_object(object);
  } catch (...) {
    if (blob_is_new) ctx.services.blobs.remove(object.blob.id);
    throw;
  }
  if (!replaced) {
    if (blob_is_new) ctx.services.blobs.remove(object.blob.id);
    throw errors::no_such_bucket(object.bucket);
  }
  if (!replaced->empty()) ctx.services.blobs.remove(*replaced);
}

} // namespace mock::handlers
