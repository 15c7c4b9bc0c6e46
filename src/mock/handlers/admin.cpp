// The admin endpoints under /-/ (README "ossmock"): health, the KMS emulator's keys and their
// state, the stored SSE state of an object, and a reset. JSON in and out. Served without an OSS
// signature, to loopback clients only (checked by the dispatcher). Never shows key material:
// the envelope is summarised to cipher and segment count.
#include "mock/crypto/encrypting_blob_store.hpp"
#include "mock/handlers/handlers.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <nlohmann/json.hpp>

namespace mock::handlers {
namespace {

using Json = nlohmann::json;

Response json_response(const Json& body, int status = 200) {
  Response response;
  response.status = status;
  response.headers.push_back({"Content-Type", "application/json"});
  response.body = body.dump(2) + "\n";
  return response;
}

Response json_error(int status, const std::string& message) {
  return json_response(Json{{"error", message}}, status);
}

Json key_json(const KmsKeyInfo& key) {
  return Json{{"id", key.record.id},
              {"alias", key.record.alias},
              {"region", key.record.region},
              {"state", key.record.state},
              {"grants", key.grants},
              {"default", key.is_default},
              {"created", util::iso8601_ms(key.record.created)}};
}

Json blob_json(const StoredBlob& blob) {
  const auto summary = crypto::summarize_envelope(blob);
  return Json{{"blob_id", blob.id},
              {"size", blob.size},
              {"cipher", summary.cipher},
              {"segments", summary.segments}};
}

Response object_state(Context& ctx, const std::string& path) {
  const auto slash = path.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == path.size())
    return json_error(400, "use GET /-/objects/<bucket>/<key>");
  const std::string bucket = path.substr(0, slash);
  const std::string key = path.substr(slash + 1);
  const auto object = ctx.services.meta.object(bucket, key);
  if (!object) return json_error(404, "no object " + key + " in bucket " + bucket);
  Json out{{"bucket", bucket},
           {"key", key},
           {"size", object->size},
           {"etag", object->etag},
           {"type", object->is_multipart() ? "Multipart" : "Normal"},
           {"sse",
            {{"algorithm", object->sse.empty() ? "None" : object->sse.algorithm},
             {"kms_key_id", object->sse.kms_key_id},
             {"data_encryption", object->sse.data_encryption}}}};
  if (object->is_multipart()) {
    Json parts = Json::array();
    for (const auto& part : object->parts) {
      Json p = blob_json(part.blob);
      p["part_number"] = part.part_number;
      p["upload_id"] = part.upload_id;
      parts.push_back(std::move(p));
    }
    out["parts"] = std::move(parts);
    const auto first = crypto::summarize_envelope(object->parts.front().blob);
    std::uint64_t segments = 0;
    for (const auto& part : object->parts)
      segments += crypto::summarize_envelope(part.blob).segments;
    out["storage"] = Json{{"cipher", first.cipher}, {"segments", segments}, {"blob_id", nullptr}};
  } else {
    out["storage"] = blob_json(object->blob);
  }
  return json_response(out);
}

Response kms_key_action(Context& ctx, const std::string& rest) {
  // rest = "<id>/disable" | "<id>/enable"
  const auto slash = rest.rfind('/');
  if (slash == std::string::npos || slash == 0)
    return json_error(404, "use POST /-/kms/keys/<id>/disable|enable");
  const std::string id = rest.substr(0, slash);
  const std::string action = rest.substr(slash + 1);
  if (action != "disable" && action != "enable")
    return json_error(404, "unknown action '" + action + "'");
  if (!ctx.services.kms.set_state(id, action == "disable" ? "Disabled" : "Enabled"))
    return json_error(404, "no KMS key with id " + id);
  for (const auto& key : ctx.services.kms.keys())
    if (key.record.id == id) return json_response(key_json(key));
  return json_error(404, "no KMS key with id " + id);
}

Response reset(Context& ctx) {
  ctx.services.meta.reset();
  for (const auto& id : ctx.services.blobs.list_ids())
    ctx.services.blobs.remove(id);
  ctx.services.kms.register_configured_keys();
  std::fprintf(stderr,
               "ossmock: admin reset: every bucket, object, upload and KMS key state forgotten\n");
  return json_response(Json{{"status", "reset"}});
}

} // namespace

Response admin(Context& ctx) {
  const std::string& path = ctx.target.key; // after "/-/", percent-decoded
  const std::string& method = ctx.head.method;
  const bool get = method == "GET" || method == "HEAD";
  if (path == "health") {
    if (!get) return json_error(405, "use GET");
    return json_response(Json{{"status", "ok"},
                              {"version", OSSUTIL_VERSION},
                              {"region", ctx.services.options.region},
                              {"kms_enabled", ctx.services.kms.enabled()}});
  }
  if (path == "kms/keys") {
    if (!get) return json_error(405, "use GET");
    Json keys = Json::array();
    for (const auto& key : ctx.services.kms.keys())
      keys.push_back(key_json(key));
    return json_response(Json{{"enabled", ctx.services.kms.enabled()}, {"keys", std::move(keys)}});
  }
  if (path.starts_with("kms/keys/")) {
    if (method != "POST") return json_error(405, "use POST");
    return kms_key_action(ctx, path.substr(9));
  }
  if (path.starts_with("objects/")) {
    if (!get) return json_error(405, "use GET");
    return object_state(ctx, path.substr(8));
  }
  if (path == "reset") {
    if (method != "POST") return json_error(405, "use POST");
    return reset(ctx);
  }
  return json_error(
      404, "unknown admin endpoint /-/" + path +
               " (health, kms/keys, kms/keys/<id>/disable|enable, objects/<bucket>/<key>, reset)");
}

} // namespace mock::handlers
