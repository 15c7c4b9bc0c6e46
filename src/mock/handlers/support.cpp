#include "mock/handlers/support.hpp"

#include "oss/names.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <array>
#include <charconv>

namespace mock::handlers {

BucketRecord require_bucket(Context& ctx, const std::string& name) {
  if (!oss::is_valid_bucket_name(name)) throw errors::invalid_bucket_name(name);
  auto bucket = ctx.services.meta.bucket(name);
  if (!bucket) throw errors::no_such_bucket(name);
  return *bucket;
}

BucketRecord require_bucket(Context& ctx) { return require_bucket(ctx, ctx.target.bucket); }

ObjectRecord require_object(Context& ctx, const std::string& bucket, const std::string& key) {
  auto object = ctx.services.meta.object(bucket, key);
  if (!object) throw errors::no_such_key(key);
  return *object;
}

std::optional<ApiError> key_error(const std::string& key) {
  // OSS ECs: 0016-00000001 empty, 0016-00000002 too long (or otherwise against the naming
  // rules: used for NUL), 0016-00000004 not UTF-8, 0016-00000005 leading '/' or '\\'.
  if (auto problem = oss::object_key_problem(key)) {
    const char* ec = key.empty()                                ? "0016-00000001"
                     : key.size() > oss::k_max_object_key_bytes ? "0016-00000002"
                                                                : "0016-00000005";
    return errors::invalid_object_name(key, *problem, ec);
  }
  if (auto problem = oss::object_key_encoding_problem(key))
    return errors::invalid_object_name(key, *problem,
                                       oss::is_valid_utf8(key) ? "0016-00000002" : "0016-00000004");
  return std::nullopt;
}

void require_valid_key(const std::string& key) {
  if (auto error = key_error(key)) throw *error;
}

Response xml_response(std::string body, int status) {
  Response response;
  response.status = status;
  response.headers.push_back({"Content-Type", "application/xml"});
  response.body = std::move(body);
  return response;
}

Response empty_response(int status) {
  Response response;
  response.status = status;
  return response;
}

bool is_bucket_acl(std::string_view acl) {
  return acl == "private" || acl == "public-read" || acl == "public-read-write";
}

bool is_object_acl(std::string_view acl) { return acl == "default" || is_bucket_acl(acl); }

std::optional<std::string> storage_class(std::string_view value) {
  static constexpr std::array<std::string_view, 5> k_classes = {"Standard", "IA", "Archive",
                                                                "ColdArchive", "DeepColdArchive"};
  for (const auto& name : k_classes)
    if (util::iequals(name, value)) return std::string(name);
  return std::nullopt;
}

std::string extranet_endpoint(std::string_view region) {
  return "oss-" + std::string(region) + ".aliyuncs.com";
}

std::string intranet_endpoint(std::string_view region) {
  return "oss-" + std::string(region) + "-internal.aliyuncs.com";
}

std::string quoted_etag(std::string_view etag) { return "\"" + std::string(etag) + "\""; }

std::string list_value(std::string_view value, bool url_encode) {
  if (url_encode) return util::percent_encode(value, false);
  // Never emit a document XML parsers reject ("Invalid character entity" in ali-oss): names
  // with control characters are listed only with encoding-type=url.
  if (!oss::is_xml_text(value)) throw errors::list_needs_url_encoding();
  return std::string(value);
}

bool encoding_type_url(const Context& ctx) {
  const std::string* value = ctx.head.param("encoding-type");
  return value != nullptr && *value == "url";
}

void write_owner(XmlWriter& xml, std::string_view owner) {
  xml.open("Owner").element("ID", owner).element("DisplayName", owner).close();
}

void write_acl_policy(XmlWriter& xml, std::string_view owner, std::string_view acl) {
  xml.open("AccessControlPolicy");
  write_owner(xml, owner);
  xml.open("AccessControlList").element("Grant", acl).close();
  xml.close();
}

std::size_t max_keys(const Context& ctx, const char* name, std::size_t fallback,
                     std::size_t limit) {
  const std::string* text = ctx.head.param(name);
  if (text == nullptr || text->empty()) return fallback;
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > limit)
    throw errors::invalid_argument("Argument " + std::string(name) +
                                   " must be an integer between 1 and " + std::to_string(limit) +
                                   ".")
        .extra("ArgumentName", name)
        .extra("ArgumentValue", *text);
  return value;
}

} // namespace mock::handlers
