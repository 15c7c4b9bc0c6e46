#include "client/results.hpp"

#include "oss/error.hpp"
#include "util/encoding.hpp"

#include <tinyxml2.h>

namespace client {
namespace {

using tinyxml2::XMLElement;

const XMLElement* root_of(tinyxml2::XMLDocument& doc, std::string_view xml, const char* name) {
  if (doc.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS)
    throw oss::client_error(std::string("malformed XML in ") + name + " response");
  const XMLElement* root = doc.FirstChildElement(name);
  if (root == nullptr)
    throw oss::client_error(std::string("unexpected response document, expected <") + name + ">");
  return root;
}

std::string text(const XMLElement* parent, const char* name) {
  if (parent == nullptr) return {};
  const XMLElement* e = parent->FirstChildElement(name);
  return e != nullptr && e->GetText() != nullptr ? e->GetText() : "";
}

std::uint64_t to_u64(const std::string& s) {
  try {
    return s.empty() ? 0 : std::stoull(s);
  } catch (const std::exception&) {
    return 0;
  }
}

} // namespace

ListBucketsPage parse_list_buckets(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  const XMLElement* root = root_of(doc, xml, "ListAllMyBucketsResult");
  ListBucketsPage page;
  page.is_truncated = text(root, "IsTruncated") == "true";
  page.next_marker = text(root, "NextMarker");
  const XMLElement* buckets = root->FirstChildElement("Buckets");
  for (const XMLElement* b = buckets ? buckets->FirstChildElement("Bucket") : nullptr; b != nullptr;
       b = b->NextSiblingElement("Bucket")) {
    page.buckets.push_back({text(b, "Name"), text(b, "CreationDate"), text(b, "Location"),
                            text(b, "Region"), text(b, "StorageClass")});
  }
  return page;
}

ListObjectsPage parse_list_objects_v2(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  const XMLElement* root = root_of(doc, xml, "ListBucketResult");
  const bool url = text(root, "EncodingType") == "url";
  const auto decode = [url](const std::string& s) { return url ? util::percent_decode(s) : s; };
  ListObjectsPage page;
  page.is_truncated = text(root, "IsTruncated") == "true";
  page.next_continuation_token = decode(text(root, "NextContinuationToken"));
  for (const XMLElement* c = root->FirstChildElement("Contents"); c != nullptr;
       c = c->NextSiblingElement("Contents")) {
    ObjectSummary o;
    o.key = decode(text(c, "Key"));
    o.last_modified = text(c, "LastModified");
    o.etag = text(c, "ETag");
    o.storage_class = text(c, "StorageClass");
    o.type = text(c, "Type");
    o.size = to_u64(text(c, "Size"));
    page.objects.push_back(std::move(o));
  }
  for (const XMLElement* p = root->FirstChildElement("CommonPrefixes"); p != nullptr;
       p = p->NextSiblingElement("CommonPrefixes"))
    page.common_prefixes.push_back(decode(text(p, "Prefix")));
  return page;
}

BucketInfo parse_bucket_info(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  const XMLElement* root = root_of(doc, xml, "BucketInfo");
  const XMLElement* b = root->FirstChildElement("Bucket");
  if (b == nullptr) throw oss::client_error("unexpected BucketInfo document: no <Bucket>");
  BucketInfo info;
  info.name = text(b, "Name");
  info.creation_date = text(b, "CreationDate");
  info.extranet_endpoint = text(b, "ExtranetEndpoint");
  info.intranet_endpoint = text(b, "IntranetEndpoint");
  info.location = text(b, "Location");
  info.storage_class = text(b, "StorageClass");
  info.data_redundancy_type = text(b, "DataRedundancyType");
  const XMLElement* owner = b->FirstChildElement("Owner");
  info.owner_id = text(owner, "ID");
  info.owner_display_name = text(owner, "DisplayName");
  info.acl = text(b->FirstChildElement("AccessControlList"), "Grant");
  const XMLElement* sse = b->FirstChildElement("ServerSideEncryptionRule");
  info.sse_algorithm = text(sse, "SSEAlgorithm");
  if (info.sse_algorithm == "None") info.sse_algorithm.clear(); // OSS: "None" = no rule
  info.kms_master_key_id = text(sse, "KMSMasterKeyID");
  info.kms_data_encryption = text(sse, "KMSDataEncryption");
  return info;
}

std::string parse_initiate_multipart_upload(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  const XMLElement* root = root_of(doc, xml, "InitiateMultipartUploadResult");
  std::string id = text(root, "UploadId");
  if (id.empty()) throw oss::client_error("InitiateMultipartUploadResult without an UploadId");
  return id;
}

std::string parse_copy_part_etag(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  return text(root_of(doc, xml, "CopyPartResult"), "ETag");
}

std::string parse_acl(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  const XMLElement* root = root_of(doc, xml, "AccessControlPolicy");
  return text(root->FirstChildElement("AccessControlList"), "Grant");
}

} // namespace client
