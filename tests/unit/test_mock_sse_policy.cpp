#include "mock/errors.hpp"
#include "mock/sse_policy.hpp"

#include <doctest/doctest.h>

using mock::SseHeaders;

namespace {

oss::Headers headers(std::initializer_list<oss::Header> list) { return oss::Headers(list); }

mock::ApiError error_of(const oss::Headers& h, SseHeaders policy) {
  try {
    mock::requested_sse(h, policy);
  } catch (const mock::ApiError& e) {
    return e;
  }
  FAIL("expected an ApiError");
  return mock::ApiError(0, "", "");
}

} // namespace

TEST_SUITE("mock::sse_policy") {

  TEST_CASE("no headers: nothing requested") {
    CHECK_FALSE(mock::requested_sse({}, SseHeaders::accept));
    CHECK_FALSE(mock::requested_sse({}, SseHeaders::reject));
  }

  TEST_CASE("accepted algorithms") {
    auto spec = mock::requested_sse(headers({{"x-oss-server-side-encryption", "AES256"}}),
                                    SseHeaders::accept);
    REQUIRE(spec);
    CHECK(spec->algorithm == "AES256");
    spec =
        mock::requested_sse(headers({{"X-Oss-Server-Side-Encryption", "SM4"}}), SseHeaders::accept);
    CHECK(spec->algorithm == "SM4");
    spec = mock::requested_sse(headers({{"x-oss-server-side-encryption", "KMS"},
                                        {"x-oss-server-side-encryption-key-id", "cmk-1"},
                                        {"x-oss-server-side-data-encryption", "SM4"}}),
                               SseHeaders::accept);
    CHECK(spec->algorithm == "KMS");
    CHECK(spec->kms_key_id == "cmk-1");
    CHECK(spec->data_encryption == "SM4");
  }

  TEST_CASE("invalid algorithm: InvalidEncryptionAlgorithmError 0005-00000003") {
    const auto e =
        error_of(headers({{"x-oss-server-side-encryption", "DES"}}), SseHeaders::accept).error();
    CHECK(e.http_status == 400);
    CHECK(e.code == "InvalidEncryptionAlgorithmError");
    CHECK(e.ec == "0005-00000003");
    CHECK(e.message ==
          "The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4");
  }

  TEST_CASE("header on a non-accepting API: InvalidArgument 0005-00000002") {
    const auto e =
        error_of(headers({{"x-oss-server-side-encryption", "AES256"}}), SseHeaders::reject).error();
    CHECK(e.http_status == 400);
    CHECK(e.code == "InvalidArgument");
    CHECK(e.ec == "0005-00000002");
  }

  TEST_CASE("key id alone is tolerated where the algorithm header is rejected") {
    CHECK_FALSE(mock::requested_sse(headers({{"x-oss-server-side-encryption-key-id", "cmk"}}),
                                    SseHeaders::reject));
  }

  TEST_CASE("KMS-only headers with another algorithm or none: InvalidArgument") {
    for (const char* algorithm : {"AES256", "SM4"}) {
      CAPTURE(algorithm);
      auto e = error_of(headers({{"x-oss-server-side-encryption", algorithm},
                                 {"x-oss-server-side-encryption-key-id", "cmk"}}),
                        SseHeaders::accept);
      CHECK(e.error().code == "InvalidArgument");
      e = error_of(headers({{"x-oss-server-side-encryption", algorithm},
                            {"x-oss-server-side-data-encryption", "SM4"}}),
                   SseHeaders::accept);
      CHECK(e.error().code == "InvalidArgument");
    }
    CHECK(error_of(headers({{"x-oss-server-side-data-encryption", "SM4"}}), SseHeaders::accept)
              .error()
              .code == "InvalidArgument");
  }

  TEST_CASE("data encryption other than SM4, empty KMS key id") {
    auto e = error_of(headers({{"x-oss-server-side-encryption", "KMS"},
                               {"x-oss-server-side-data-encryption", "AES"}}),
                      SseHeaders::accept);
    CHECK(e.error().code == "InvalidArgument");
    e = error_of(headers({{"x-oss-server-side-encryption", "KMS"},
                          {"x-oss-server-side-encryption-key-id", ""}}),
                 SseHeaders::accept);
    CHECK(e.error().code == "InvalidArgument");
    CHECK(e.error().ec == "0005-00000205");
  }

  TEST_CASE("effective SSE: header wins, else bucket default, else none") {
    const oss::SseSpec bucket_kms{"KMS", "cmk-bucket", ""};
    const oss::SseSpec aes{"AES256", "", ""};
    CHECK(mock::effective_sse(aes, bucket_kms) == aes);
    CHECK(mock::effective_sse(std::nullopt, bucket_kms) == bucket_kms);
    CHECK(mock::effective_sse(std::nullopt, oss::SseSpec{}).empty());
  }

  TEST_CASE("response headers") {
    oss::Headers out;
    mock::add_sse_response_headers(out, oss::SseSpec{});
    CHECK(out.empty());
    mock::add_sse_response_headers(out, oss::SseSpec{"KMS", "cmk", "SM4"});
    REQUIRE(out.size() == 3);
    CHECK(*oss::find_header(out, "x-oss-server-side-encryption") == "KMS");
    CHECK(*oss::find_header(out, "x-oss-server-side-data-encryption") == "SM4");
    CHECK(*oss::find_header(out, "x-oss-server-side-encryption-key-id") == "cmk");
    out.clear();
    mock::add_sse_response_headers(out, oss::SseSpec{"SM4", "", ""});
    REQUIRE(out.size() == 1);
    CHECK(out[0].value == "SM4");
  }
}
