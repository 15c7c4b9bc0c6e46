// Listings: ListObjects (v1, marker), ListObjectsV2 (continuation token), ListObjectVersions
// (unversioned: every object once, VersionId "null") (ListMultipartUploads is in
// multipart_list.cpp).
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/support.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

#include <optional>

namespace mock::handlers {
namespace {

struct ListParams {
  std::string prefix;
  std::string delimiter;
  bool url = false; ///< encoding-type=url
};

/// Continuation tokens are the hex of the last key or prefix returned: opaque to clients and
/// safe in a query string whether or not the client encodes it.
std::optional<std::string> decode_token(std::string_view token) {
  if (token.empty()) return std::nullopt; // an empty token names no key
  return util::from_hex(token);
}

ListParams list_params(const Context& ctx) {
  ListParams p;
  if (const auto* v = ctx.head.param("prefix")) p.prefix = *v;
  if (const auto* v = ctx.head.param("delimiter")) p.delimiter = *v;
  if (const auto* v = ctx.head.param("encoding-type")) {
    if (*v != "url" && !v->empty())
      throw errors::invalid_argument("encoding-type must be url.")
          .extra("ArgumentName", "encoding-type")
          .extra("ArgumentValue", *v);
    p.url = *v == "url";
  }
  return p;
}

void write_object(XmlWriter& xml, const ObjectRecord& o, bool url, bool owner) {
  xml.element("Key", list_value(o.key, url))
      .element("LastModified", util::iso8601_ms(o.last_modified))
      .element("ETag", quoted_etag(o.etag))
      .element("Type", o.etag.find('-') != std::string::npos ? "Multipart" : "Normal")
      .element("Size", std::to_string(o.size))
      .element("StorageClass", o.storage_class);
  if (owner) write_owner(xml, o.owner);
}

void write_entries(XmlWriter& xml, const ListPage& page, bool url, bool owner) {
  for (const auto& entry : page.entries) {
    if (entry.is_prefix) continue;
    xml.open("Contents");
    write_object(xml, entry.object, url, owner);
    xml.close();
  }
  for (const auto& entry : page.entries) {
    if (!entry.is_prefix) continue;
    xml.open("CommonPrefixes").element("Prefix", list_value(entry.name, url)).close();
  }
}

} // namespace

Response list_objects(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const ListParams p = list_params(ctx);
  const std::string* marker = ctx.head.param("marker");
  const std::size_t limit = max_keys(ctx, "max-keys", 100, 1000);
  const ListPage page = ctx.services.meta.list_objects(bucket.name, p.prefix, p.delimiter,
                                                       marker ? *marker : "", limit);
  XmlWriter xml;
  xml.open("ListBucketResult")
      .element("Name", bucket.name)
      .element("Prefix", list_value(p.prefix, p.url))
      .element("Marker", list_value(marker ? *marker : "", p.url))
      .element("MaxKeys", std::to_string(limit))
      .element("Delimiter", list_value(p.delimiter, p.url))
      .element("IsTruncated", page.truncated ? "true" : "false");
  if (page.truncated) xml.element("NextMarker", list_value(page.next_after, p.url));
  if (p.url) xml.element("EncodingType", "url");
  write_entries(xml, page, p.url, true);
  return xml_response(xml.finish());
}

Response list_objects_v2(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const ListParams p = list_params(ctx);
  const std::size_t limit = max_keys(ctx, "max-keys", 100, 1000);
  const std::string* token = ctx.head.param("continuation-token");
  const std::string* start_after = ctx.head.param("start-after");
  const std::string* fetch_owner = ctx.head.param("fetch-owner");
  std::string after = start_after ? *start_after : "";
  if (token != nullptr) {
    auto decoded = decode_token(*token);
    if (!decoded)
      throw errors::invalid_argument("The continuation token provided is incorrect.")
          .extra("ArgumentName", "continuation-token")
          .extra("ArgumentValue", *token);
    after = *decoded;
  }
  const ListPage page =
      ctx.services.meta.list_objects(bucket.name, p.prefix, p.delimiter, after, limit);
  XmlWriter xml;
  xml.open("ListBucketResult")
      .element("Name", bucket.name)
      .element("Prefix", list_value(p.prefix, p.url));
  if (start_after != nullptr) xml.element("StartAfter", list_value(*start_after, p.url));
  if (token != nullptr) xml.element("ContinuationToken", *token);
  xml.element("MaxKeys", std::to_string(limit));
  if (!p.delimiter.empty()) xml.element("Delimiter", list_value(p.delimiter, p.url));
  xml.element("IsTruncated", page.truncated ? "true" : "false");
  if (page.truncated) xml.element("NextContinuationToken", util::to_hex_lower(page.next_after));
  if (p.url) xml.element("EncodingType", "url");
  write_entries(xml, page, p.url, fetch_owner != nullptr && *fetch_owner == "true");
  xml.element("KeyCount", std::to_string(page.entries.size()));
  return xml_response(xml.finish());
}

Response list_object_versions(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const ListParams p = list_params(ctx);
  const std::string* key_marker = ctx.head.param("key-marker");
  const std::size_t limit = max_keys(ctx, "max-keys", 100, 1000);
  const ListPage page = ctx.services.meta.list_objects(bucket.name, p.prefix, p.delimiter,
                                                       key_marker ? *key_marker : "", limit);
  XmlWriter xml;
  xml.open("ListVersionsResult")
      .element("Name", bucket.name)
      .element("Prefix", list_value(p.prefix, p.url))
      .element("KeyMarker", list_value(key_marker ? *key_marker : "", p.url))
      .element("VersionIdMarker", "")
      .element("MaxKeys", std::to_string(limit))
      .element("Delimiter", list_value(p.delimiter, p.url))
      .element("IsTruncated", page.truncated ? "true" : "false");
  if (page.truncated) {
    xml.element("NextKeyMarker", list_value(page.next_after, p.url));
    xml.element("NextVersionIdMarker", "null");
  }
  if (p.url) xml.element("EncodingType", "url");
  for (const auto& entry : page.entries) {
    if (entry.is_prefix) continue;
    const ObjectRecord& o = entry.object;
    xml.open("Version")
        .element("Key", list_value(o.key, p.url))
        .element("VersionId", "null")
        .element("IsLatest", "true")
        .element("LastModified", util::iso8601_ms(o.last_modified))
        .element("ETag", quoted_etag(o.etag))
        .element("Type", o.etag.find('-') != std::string::npos ? "Multipart" : "Normal")
        .element("Size", std::to_string(o.size))
        .element("StorageClass", o.storage_class);
    write_owner(xml, o.owner);
    xml.close();
  }
  for (const auto& entry : page.entries) {
    if (entry.is_prefix)
      xml.open("CommonPrefixes").element("Prefix", list_value(entry.name, p.url)).close();
  }
  return xml_response(xml.finish());
}

} // namespace mock::handlers
