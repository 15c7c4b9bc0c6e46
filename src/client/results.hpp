#pragma once
// Typed results of OSS operations and their XML parsers. Pure.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace client {

struct BucketSummary {
  std::string name, creation_date, location, region, storage_class;
};

struct ListBucketsPage {
  std::vector<BucketSummary> buckets;
  bool is_truncated = false;
  std::string next_marker;
};

struct ObjectSummary {
  std::string key; ///< decoded
  std::string last_modified, etag, storage_class, type;
  std::uint64_t size = 0;
};

struct ListObjectsPage {
  std::vector<ObjectSummary> objects;
  std::vector<std::string> common_prefixes; ///< decoded
  bool is_truncated = false;
  std::string next_continuation_token;
};

struct BucketInfo {
  std::string name, acl, creation_date, extranet_endpoint, intranet_endpoint, location;
  std::string owner_id, owner_display_name, storage_class, data_redundancy_type;
  std::string sse_algorithm, kms_master_key_id, kms_data_encryption;
};

/// Each parser throws oss::Error(client) when the body is not the expected document.
ListBucketsPage parse_list_buckets(std::string_view xml);
/// Keys, prefixes and the token are URL-decoded when EncodingType is "url".
ListObjectsPage parse_list_objects_v2(std::string_view xml);
BucketInfo parse_bucket_info(std::string_view xml);
/// The UploadId of an InitiateMultipartUploadResult.
std::string parse_initiate_multipart_upload(std::string_view xml);
/// The ETag of a CopyPartResult (quoted as sent).
std::string parse_copy_part_etag(std::string_view xml);
/// The `Grant` of an AccessControlPolicy ("private", "public-read", "default", …).
std::string parse_acl(std::string_view xml);

} // namespace client
