// ListMultipartUploads: the unfinished uploads of a bucket, by key then initiation, with
// prefix, delimiter (common prefixes), key-marker/upload-id-marker paging and encoding-type=url.
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/support.hpp"
#include "util/time_format.hpp"

namespace mock::handlers {
namespace {

std::string param_or_empty(const Context& ctx, std::string_view name) {
  const std::string* value = ctx.head.param(name);
  return value != nullptr ? *value : std::string();
}

/// True when `u` comes after the (key-marker, upload-id-marker) position.
bool after_marker(const UploadRecord& u, const std::string& key_marker,
                  const std::string& id_marker, bool& passed_id_marker) {
  if (key_marker.empty()) return true;
  if (u.key != key_marker) return u.key > key_marker;
  if (id_marker.empty()) return false; // OSS: key-marker alone skips every upload of that key
  if (passed_id_marker) return true;
  if (u.upload_id == id_marker) passed_id_marker = true;
  return false;
}

} // namespace

Response list_multipart_uploads(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const std::string prefix = param_or_empty(ctx, "prefix");
  const std::string delimiter = param_or_empty(ctx, "delimiter");
  const std::string key_marker = param_or_empty(ctx, "key-marker");
  const std::string id_marker = param_or_empty(ctx, "upload-id-marker");
  const std::size_t limit = max_keys(ctx, "max-uploads", 1000, 1000);
  const bool url = encoding_type_url(ctx);

  struct Entry {
    bool is_prefix = false;
    std::string name;
    UploadRecord upload;
  };
  std::vector<Entry> entries;
  bool truncated = false;
  bool passed_id_marker = false;
  for (auto& u : ctx.services.meta.list_uploads(bucket.name, prefix)) {
    if (!after_marker(u, key_marker, id_marker, passed_id_marker)) continue;
    if (!delimiter.empty()) {
      const auto pos = u.key.find(delimiter, prefix.size());
      if (pos != std::string::npos) {
        std::string common = u.key.substr(0, pos + delimiter.size());
        if (common <= key_marker && key_marker.starts_with(common)) continue;
        if (!entries.empty() && entries.back().is_prefix && entries.back().name == common) continue;
        if (entries.size() == limit) {
          truncated = true;
          break;
        }
        entries.push_back({true, std::move(common), {}});
        continue;
      }
    }
    if (entries.size() == limit) {
      truncated = true;
      break;
    }
    entries.push_back({false, u.key, std::move(u)});
  }

  std::string next_key;
  std::string next_id;
  if (truncated && !entries.empty()) {
    next_key = entries.back().name;
    if (!entries.back().is_prefix) next_id = entries.back().upload.upload_id;
  }
  XmlWriter xml;
  xml.open("ListMultipartUploadsResult");
  if (url) xml.element("EncodingType", "url");
  xml.element("Bucket", bucket.name)
      .element("KeyMarker", list_value(key_marker, url))
      .element("UploadIdMarker", id_marker)
      .element("NextKeyMarker", list_value(next_key, url))
      .element("NextUploadIdMarker", next_id)
      .element("Delimiter", list_value(delimiter, url))
      .element("Prefix", list_value(prefix, url))
      .element("MaxUploads", std::to_string(limit))
      .element("IsTruncated", truncated ? "true" : "false");
  for (const auto& e : entries) {
    if (e.is_prefix) continue;
    xml.open("Upload")
        .element("Key", list_value(e.upload.key, url))
        .element("UploadId", e.upload.upload_id)
        .element("StorageClass", e.upload.storage_class)
        .element("Initiated", util::iso8601_ms(e.upload.initiated))
        .close();
  }
  for (const auto& e : entries)
    if (e.is_prefix) xml.open("CommonPrefixes").element("Prefix", list_value(e.name, url)).close();
  return xml_response(xml.finish());
}

} // namespace mock::handlers
