#include "mock/errors.hpp"

#include <vector>

#include <doctest/doctest.h>

TEST_SUITE("mock::errors") {

  TEST_CASE("every error carries an EC (oss-api.md checklist item 20)") {
    using namespace mock::errors;
    const std::vector<mock::ApiError> all = {no_such_bucket("b"),
                                             no_such_key("k"),
                                             bucket_already_exists("b"),
                                             bucket_not_empty("b"),
                                             invalid_bucket_name("B"),
                                             invalid_object_name("k", "why", "0016-00000002"),
                                             access_denied("no"),
                                             forbidden_by_kms(),
                                             invalid_argument("x"),
                                             invalid_argument_header("x", "h", "v"),
                                             invalid_digest("m"),
                                             malformed_xml(),
                                             invalid_range(1),
                                             not_implemented("x"),
                                             method_not_allowed("GET", "Object"),
                                             no_such_sse_rule("b"),
                                             invalid_encryption_algorithm("x"),
                                             invalid_access_key_id("ak"),
                                             request_time_too_skewed("a", "b"),
                                             entity_too_large(1),
                                             internal_error("x"),
                                             kms_not_enabled(),
                                             kms_key_not_found("k"),
                                             kms_key_not_enabled("k", "Disabled"),
                                             no_such_upload("u"),
                                             entity_too_small(),
                                             invalid_part(),
                                             invalid_part_order(),
                                             metadata_too_large(9000),
                                             malformed_request("x"),
                                             request_header_too_large(65536),
                                             list_needs_url_encoding(),
                                             mock::ApiError(400, "Custom", "no EC given")};
    for (const auto& error : all) {
      CAPTURE(error.error().code);
      CHECK(error.error().ec.size() == 13);
    }
  }

  TEST_CASE("real OSS ECs where documented, 9999- placeholders elsewhere") {
    using namespace mock::errors;
    CHECK(invalid_bucket_name("B").error().ec == "0015-00000001");
    CHECK(access_denied("no").error().ec == "0003-00000001");
    CHECK(metadata_too_large(9000).error().ec == "0011-00000002");
    CHECK(bucket_not_empty("b").error().ec == "9999-00000001");
    CHECK(invalid_argument("x").error().ec == "9999-00000004");
    CHECK(invalid_argument("x", "0005-00000002").error().ec == "0005-00000002");
  }
}
