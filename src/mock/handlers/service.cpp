// ListBuckets (GET / on the service endpoint).
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/support.hpp"
#include "util/time_format.hpp"

namespace mock::handlers {

Response list_buckets(Context& ctx) {
  const std::string* prefix = ctx.head.param("prefix");
  const std::string* marker = ctx.head.param("marker");
  const std::size_t limit = max_keys(ctx, "max-keys", 1000, 1000);
  bool truncated = false;
  const auto buckets = ctx.services.meta.list_buckets(prefix ? *prefix : "", marker ? *marker : "",
                                                      limit, truncated);
  XmlWriter xml;
  xml.open("ListAllMyBucketsResult");
  if (prefix != nullptr) xml.element("Prefix", *prefix);
  if (marker != nullptr) xml.element("Marker", *marker);
  if (ctx.head.param("max-keys") != nullptr) xml.element("MaxKeys", std::to_string(limit));
  if (truncated) {
    xml.element("IsTruncated", "true");
    xml.element("NextMarker", buckets.back().name);
  }
  write_owner(xml, ctx.principal.access_key_id);
  xml.open("Buckets");
  for (const auto& bucket : buckets) {
    xml.open("Bucket")
        .element("CreationDate", util::iso8601_ms(bucket.created))
        .element("ExtranetEndpoint", extranet_endpoint(bucket.region))
        .element("IntranetEndpoint", intranet_endpoint(bucket.region))
        .element("Location", "oss-" + bucket.region)
        .element("Name", bucket.name)
        .element("Region", bucket.region)
        .element("StorageClass", bucket.storage_class)
        .close();
  }
  return xml_response(xml.finish());
}

} // namespace mock::handlers
