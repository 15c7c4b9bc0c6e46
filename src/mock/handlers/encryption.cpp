// Bucket default encryption: PutBucketEncryption, GetBucketEncryption, DeleteBucketEncryption
// (oss-api.md §4). A rule change never touches existing objects.
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/support.hpp"
#include "oss/error.hpp"
#include "oss/sse.hpp"

namespace mock::handlers {

Response put_bucket_encryption(Context& ctx) {
  require_bucket(ctx);
  oss::SseSpec rule;
  try {
    rule = oss::parse_rule_xml(ctx.body);
  } catch (const oss::Error&) {
    throw errors::malformed_xml();
  }
  if (auto problem = oss::validate_rule(rule)) {
    ApiError error(400, problem->code, problem->message, problem->ec);
    throw error.extra("ArgumentName", problem->field).extra("ArgumentValue", problem->value);
  }
  if (!ctx.services.meta.set_bucket_sse(ctx.target.bucket, rule))
    throw errors::no_such_bucket(ctx.target.bucket);
  return empty_response(200);
}

Response get_bucket_encryption(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  if (bucket.sse.empty()) throw errors::no_such_sse_rule(bucket.name);
  return xml_response("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                      oss::to_rule_xml(bucket.sse));
}

Response delete_bucket_encryption(Context& ctx) {
  require_bucket(ctx);
  if (!ctx.services.meta.set_bucket_sse(ctx.target.bucket, oss::SseSpec{}))
    throw errors::no_such_bucket(ctx.target.bucket);
  return empty_response(204);
}

} // namespace mock::handlers
