// DeleteMultipleObjects (POST /?delete): up to 1000 keys, quiet or verbose result.
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/object_support.hpp"
#include "mock/handlers/support.hpp"
#include "oss/names.hpp"

#include <vector>

#include <tinyxml2.h>

namespace mock::handlers {
namespace {

constexpr std::size_t k_max_keys = 1000;

struct DeleteRequest {
  bool quiet = false;
  std::vector<std::string> keys;
};

DeleteRequest parse_delete(const std::string& body) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) throw errors::malformed_xml();
  const auto* root = doc.FirstChildElement("Delete");
  if (root == nullptr) throw errors::malformed_xml();
  DeleteRequest out;
  if (const auto* quiet = root->FirstChildElement("Quiet");
      quiet != nullptr && quiet->GetText() != nullptr)
    out.quiet = std::string_view(quiet->GetText()) == "true";
  for (const auto* object = root->FirstChildElement("Object"); object != nullptr;
       object = object->NextSiblingElement("Object")) {
    const auto* key = object->FirstChildElement("Key");
    if (key == nullptr || key->GetText() == nullptr) throw errors::malformed_xml();
    out.keys.emplace_back(key->GetText());
  }
  if (out.keys.empty() || out.keys.size() > k_max_keys) throw errors::malformed_xml();
  return out;
}

} // namespace

Response delete_multiple_objects(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const DeleteRequest request = parse_delete(ctx.body);
  const bool url = encoding_type_url(ctx);
  XmlWriter xml;
  xml.open("DeleteResult");
  if (url) xml.element("EncodingType", "url");
  for (const auto& key : request.keys) {
    if (!key_error(key)) {
      if (auto blobs = ctx.services.meta.delete_object(bucket.name, key))
        remove_blobs(ctx.services.blobs, *blobs);
    }
    if (!request.quiet) xml.open("Deleted").element("Key", list_value(key, url)).close();
  }
  return xml_response(xml.finish());
}

} // namespace mock::handlers
