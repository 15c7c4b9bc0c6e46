// Bucket lifecycle and properties: PutBucket, DeleteBucket, HeadBucket, GetBucketInfo,
// GetBucketLocation, GetBucketAcl, PutBucketAcl.
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/support.hpp"
#include "oss/names.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <tinyxml2.h>

namespace mock::handlers {
namespace {

std::string requested_acl(const Context& ctx, const char* header) {
  const std::string* acl = ctx.head.header(header);
  if (acl == nullptr) return {};
  if (!is_bucket_acl(*acl))
    throw errors::invalid_argument_header("The ACL you provided is not valid. Supported values: "
                                          "private, public-read, public-read-write.",
                                          header, *acl);
  return *acl;
}

/// Optional CreateBucketConfiguration body: StorageClass (DataRedundancyType is accepted and
/// ignored: ossmock keeps one copy).
std::string storage_class_from_body(const std::string& body) {
  if (util::trim(body).empty()) return "Standard";
  tinyxml2::XMLDocument doc;
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) throw errors::malformed_xml();
  const auto* root = doc.FirstChildElement("CreateBucketConfiguration");
  if (root == nullptr) throw errors::malformed_xml();
  const auto* element = root->FirstChildElement("StorageClass");
  if (element == nullptr || element->GetText() == nullptr) return "Standard";
  auto canonical = storage_class(element->GetText());
  if (!canonical)
    throw errors::invalid_argument("Invalid storage class.")
        .extra("ArgumentName", "StorageClass")
        .extra("ArgumentValue", element->GetText());
  return *canonical;
}

} // namespace

Response put_bucket(Context& ctx) {
  const std::string& name = ctx.target.bucket;
  if (!oss::is_valid_bucket_name(name)) throw errors::invalid_bucket_name(name);
  BucketRecord bucket;
  bucket.name = name;
  bucket.owner = ctx.principal.access_key_id;
  bucket.region = ctx.services.options.region;
  const std::string acl = requested_acl(ctx, "x-oss-acl");
  if (!acl.empty()) bucket.acl = acl;
  bucket.storage_class = storage_class_from_body(ctx.body);
  bucket.created = util::now_utc();
  if (!ctx.services.meta.create_bucket(bucket)) throw errors::bucket_already_exists(name);
  Response response = empty_response(200);
  response.headers.push_back({"Location", "/" + name});
  return response;
}

Response delete_bucket(Context& ctx) {
  const std::string& name = ctx.target.bucket;
  if (!oss::is_valid_bucket_name(name)) throw errors::invalid_bucket_name(name);
  switch (ctx.services.meta.delete_bucket(name)) {
  case MetadataStore::DeleteBucket::not_found: throw errors::no_such_bucket(name);
  case MetadataStore::DeleteBucket::not_empty: throw errors::bucket_not_empty(name);
  case MetadataStore::DeleteBucket::deleted: break;
  }
  return empty_response(204);
}

Response head_bucket(Context& ctx) {
  require_bucket(ctx);
  return empty_response(200);
}

Response get_bucket_info(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  XmlWriter xml;
  xml.open("BucketInfo").open("Bucket");
  xml.element("AccessMonitor", "Disabled")
      .element("CreationDate", util::iso8601_ms(bucket.created))
      .element("ExtranetEndpoint", extranet_endpoint(bucket.region))
      .element("IntranetEndpoint", intranet_endpoint(bucket.region))
      .element("Location", "oss-" + bucket.region)
      .element("StorageClass", bucket.storage_class)
      .element("TransferAcceleration", "Disabled")
      .element("CrossRegionReplication", "Disabled")
      .element("Name", bucket.name)
      .element("Region", bucket.region)
      .element("DataRedundancyType", "LRS");
  write_owner(xml, bucket.owner);
  xml.open("AccessControlList").element("Grant", bucket.acl).close();
  // OSS: "None" when no rule; KMSMasterKeyID only for KMS with an id (oss-api.md §4.2).
  xml.open("ServerSideEncryptionRule")
      .element("SSEAlgorithm", bucket.sse.empty() ? "None" : bucket.sse.algorithm);
  if (bucket.sse.algorithm == "KMS" && !bucket.sse.kms_key_id.empty())
    xml.element("KMSMasterKeyID", bucket.sse.kms_key_id);
  if (!bucket.sse.data_encryption.empty())
    xml.element("KMSDataEncryption", bucket.sse.data_encryption);
  xml.close();
  xml.open("BucketPolicy").element("LogBucket", "").element("LogPrefix", "").close();
  return xml_response(xml.finish());
}

Response get_bucket_location(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  XmlWriter xml;
  xml.element("LocationConstraint", "oss-" + bucket.region);
  return xml_response(xml.finish());
}

Response get_bucket_acl(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  XmlWriter xml;
  write_acl_policy(xml, bucket.owner, bucket.acl);
  return xml_response(xml.finish());
}

Response put_bucket_acl(Context& ctx) {
  require_bucket(ctx);
  const std::string acl = requested_acl(ctx, "x-oss-acl");
  if (acl.empty())
    throw errors::invalid_argument("PutBucketAcl requires the x-oss-acl header.")
        .extra("ArgumentName", "x-oss-acl");
  if (!ctx.services.meta.set_bucket_acl(ctx.target.bucket, acl))
    throw errors::no_such_bucket(ctx.target.bucket);
  return empty_response(200);
}

} // namespace mock::handlers
