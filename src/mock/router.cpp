#include "mock/router.hpp"

#include "mock/errors.hpp"
#include "mock/handlers/handlers.hpp"

#include <array>

namespace mock {
namespace {

using namespace handlers;

constexpr Route k_list_buckets{"ListBuckets", Access::owner, SseHeaders::reject, nullptr,
                               list_buckets};

constexpr Route k_put_bucket{"PutBucket", Access::owner, SseHeaders::reject, nullptr, put_bucket};
constexpr Route k_delete_bucket{"DeleteBucket", Access::owner, SseHeaders::reject, nullptr,
                                delete_bucket};
constexpr Route k_head_bucket{"HeadBucket", Access::bucket_read, SseHeaders::reject, nullptr,
                              head_bucket};
constexpr Route k_get_bucket_info{"GetBucketInfo", Access::owner, SseHeaders::reject, nullptr,
                                  get_bucket_info};
constexpr Route k_get_bucket_location{"GetBucketLocation", Access::owner, SseHeaders::reject,
                                      nullptr, get_bucket_location};
constexpr Route k_get_bucket_acl{"GetBucketAcl", Access::owner, SseHeaders::reject, nullptr,
                                 get_bucket_acl};
constexpr Route k_put_bucket_acl{"PutBucketAcl", Access::owner, SseHeaders::reject, nullptr,
                                 put_bucket_acl};
constexpr Route k_list_objects{"ListObjects", Access::bucket_read, SseHeaders::reject, nullptr,
                               list_objects};
constexpr Route k_list_objects_v2{"ListObjectsV2", Access::bucket_read, SseHeaders::reject, nullptr,
                                  list_objects_v2};
constexpr Route k_list_versions{"ListObjectVersions", Access::bucket_read, SseHeaders::reject,
                                nullptr, list_object_versions};
constexpr Route k_list_uploads{"ListMultipartUploads", Access::bucket_read, SseHeaders::reject,
                               nullptr, list_multipart_uploads};
constexpr Route k_put_encryption{"PutBucketEncryption", Access::owner, SseHeaders::reject, nullptr,
                                 put_bucket_encryption};
constexpr Route k_get_encryption{"GetBucketEncryption", Access::owner, SseHeaders::reject, nullptr,
                                 get_bucket_encryption};
constexpr Route k_delete_encryption{"DeleteBucketEncryption", Access::owner, SseHeaders::reject,
                                    nullptr, delete_bucket_encryption};
constexpr Route k_delete_multiple{"DeleteMultipleObjects", Access::object_write, SseHeaders::reject,
                                  nullptr, delete_multiple_objects};

constexpr Route k_put_object{"PutObject", Access::object_write, SseHeaders::accept,
                             prepare_put_object, put_object};
constexpr Route k_copy_object{"CopyObject", Access::object_write, SseHeaders::accept, nullptr,
                              copy_object};
constexpr Route k_get_object{"GetObject", Access::object_read, SseHeaders::reject, nullptr,
                             get_object};
constexpr Route k_head_object{"HeadObject", Access::object_read, SseHeaders::reject, nullptr,
                              head_object};
constexpr Route k_get_object_meta{"GetObjectMeta", Access::object_read, SseHeaders::reject, nullptr,
                                  get_object_meta};
constexpr Route k_delete_object{"DeleteObject", Access::object_write, SseHeaders::reject, nullptr,
                                delete_object};
constexpr Route k_get_object_acl{"GetObjectAcl", Access::owner, SseHeaders::reject, nullptr,
                                 get_object_acl};
constexpr Route k_put_object_acl{"PutObjectAcl", Access::owner, SseHeaders::reject, nullptr,
                                 put_object_acl};

constexpr Route k_initiate_upload{"InitiateMultipartUpload", Access::object_write,
                                  SseHeaders::accept, nullptr, initiate_multipart_upload};
// UploadPart and Complete reject x-oss-server-side-encryption but tolerate the key-id header that
// ali-oss resends (oss-api.md §7.3).
constexpr Route k_upload_part{"UploadPart", Access::object_write, SseHeaders::reject,
                              prepare_upload_part, upload_part};
constexpr Route k_upload_part_copy{"UploadPartCopy", Access::object_write, SseHeaders::reject,
                                   nullptr, upload_part_copy};
constexpr Route k_complete_upload{"CompleteMultipartUpload", Access::object_write,
                                  SseHeaders::reject, nullptr, complete_multipart_upload};
constexpr Route k_abort_upload{"AbortMultipartUpload", Access::object_write, SseHeaders::reject,
                               nullptr, abort_multipart_upload};
constexpr Route k_list_parts{"ListParts", Access::bucket_read, SseHeaders::reject, nullptr,
                             list_parts};
constexpr Route k_admin{"Admin", Access::admin, SseHeaders::reject, nullptr, admin};

/// OSS sub-resources that select an API ossmock does not implement (yet). A request carrying
/// one must not fall through to the plain operation (PUT /b?lifecycle is not PutBucket).
constexpr std::array<std::string_view, 40> k_unimplemented = {"append",
                                                              "position",
                                                              "uploads",
                                                              "uploadId",
                                                              "partNumber",
                                                              "cors",
                                                              "logging",
                                                              "website",
                                                              "referer",
                                                              "lifecycle",
                                                              "tagging",
                                                              "policy",
                                                              "replication",
                                                              "replicationProgress",
                                                              "replicationLocation",
                                                              "qos",
                                                              "worm",
                                                              "wormId",
                                                              "wormExtend",
                                                              "inventory",
                                                              "versioning",
                                                              "requestPayment",
                                                              "transferAcceleration",
                                                              "stat",
                                                              "symlink",
                                                              "restore",
                                                              "cleanRestoredObject",
                                                              "callback",
                                                              "live",
                                                              "img",
                                                              "style",
                                                              "cname",
                                                              "regionList",
                                                              "resourceGroup",
                                                              "policyStatus",
                                                              "accessPoint",
                                                              "metaQuery",
                                                              "objectInfo",
                                                              "x-oss-process",
                                                              "comp"};

void reject_unimplemented(const RequestHead& head) {
  for (const auto& name : k_unimplemented) {
    if (head.has(name))
      throw errors::not_implemented("ossmock does not implement this operation (?" +
                                    std::string(name) + " on " + head.method + ").");
  }
}

const Route& service_route(const RequestHead& head) {
  if (head.method == "GET") {
    reject_unimplemented(head);
    return k_list_buckets;
  }
  throw errors::method_not_allowed(head.method, "Service");
}

const Route& bucket_route(const RequestHead& head) {
  const std::string& m = head.method;
  if (m == "PUT") {
    if (head.has("acl")) return k_put_bucket_acl;
    if (head.has("encryption")) return k_put_encryption;
    reject_unimplemented(head);
    return k_put_bucket;
  }
  if (m == "GET") {
    if (head.has("acl")) return k_get_bucket_acl;
    if (head.has("bucketInfo")) return k_get_bucket_info;
    if (head.has("location")) return k_get_bucket_location;
    if (head.has("encryption")) return k_get_encryption;
    if (head.has("versions")) return k_list_versions;
    if (head.has("uploads")) return k_list_uploads;
    reject_unimplemented(head);
    const std::string* list_type = head.param("list-type");
    if (list_type != nullptr && *list_type == "2") return k_list_objects_v2;
    return k_list_objects;
  }
  if (m == "HEAD") {
    reject_unimplemented(head);
    return k_head_bucket;
  }
  if (m == "DELETE") {
    if (head.has("encryption")) return k_delete_encryption;
    reject_unimplemented(head);
    return k_delete_bucket;
  }
  if (m == "POST") {
    if (head.has("delete")) return k_delete_multiple;
    reject_unimplemented(head);
  }
  throw errors::method_not_allowed(m, "Bucket");
}

const Route& object_route(const RequestHead& head) {
  const std::string& m = head.method;
  if (m == "PUT") {
    if (head.has("acl")) return k_put_object_acl;
    if (head.has("uploadId") || head.has("partNumber"))
      return head.header("x-oss-copy-source") != nullptr ? k_upload_part_copy : k_upload_part;
    reject_unimplemented(head);
    if (head.header("x-oss-copy-source") != nullptr) return k_copy_object;
    return k_put_object;
  }
  if (m == "GET") {
    if (head.has("acl")) return k_get_object_acl;
    if (head.has("uploadId")) return k_list_parts;
    reject_unimplemented(head);
    return k_get_object;
  }
  if (m == "HEAD") {
    if (head.has("objectMeta")) return k_get_object_meta;
    reject_unimplemented(head);
    return k_head_object;
  }
  if (m == "DELETE") {
    if (head.has("uploadId")) return k_abort_upload;
    reject_unimplemented(head);
    return k_delete_object;
  }
  if (m == "POST") {
    if (head.has("uploads")) return k_initiate_upload;
    if (head.has("uploadId")) return k_complete_upload;
    reject_unimplemented(head);
  }
  throw errors::method_not_allowed(m, "Object");
}

} // namespace

bool is_admin_target(const Target& target) {
  return !target.virtual_hosted && target.bucket == "-";
}

const Route& admin_route() { return k_admin; }

const Route& route_request(const RequestHead& head, const Target& target) {
  if (is_admin_target(target)) return k_admin;
  if (target.bucket.empty()) return service_route(head);
  if (target.key.empty()) return bucket_route(head);
  return object_route(head);
}

} // namespace mock
