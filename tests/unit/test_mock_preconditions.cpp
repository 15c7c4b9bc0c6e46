// GET/HEAD conditional headers: which answer 304, which 412, and in which order they are read.
#include "mock/errors.hpp"
#include "mock/handlers/object_support.hpp"

#include <doctest/doctest.h>

using mock::ApiError;
using mock::ObjectRecord;
using mock::RequestHead;
using mock::handlers::not_modified;

namespace {

constexpr const char* k_before = "Sat, 01 Jan 2022 00:00:00 GMT";
constexpr const char* k_after = "Sat, 01 Jan 2028 00:00:00 GMT";

ObjectRecord object() {
  ObjectRecord o;
  o.etag = "5EB63BBBE01EEED093CB22BB8F5ACDC3";
  o.last_modified = 1700000000; // 2023-11-14
  return o;
}

RequestHead head(oss::Headers headers) {
  RequestHead h;
  h.method = "GET";
  h.headers = std::move(headers);
  return h;
}

/// "412 PreconditionFailed", "304" or "200" for the request.
std::string outcome(const oss::Headers& headers) {
  try {
    return not_modified(head(headers), object()) ? "304" : "200";
  } catch (const ApiError& e) {
    return std::to_string(e.status()) + " " + e.error().code;
  }
}

} // namespace

TEST_SUITE("mock::preconditions") {

  TEST_CASE("no conditions: the object is sent") { CHECK(outcome({}) == "200"); }

  TEST_CASE("If-Match: quoted or bare, case-insensitive, lists and *") {
    CHECK(outcome({{"If-Match", "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\""}}) == "200");
    CHECK(outcome({{"If-Match", "5eb63bbbe01eeed093cb22bb8f5acdc3"}}) == "200");
    CHECK(outcome({{"If-Match", "\"other\", \"5EB63BBBE01EEED093CB22BB8F5ACDC3\""}}) == "200");
    CHECK(outcome({{"If-Match", "*"}}) == "200");
    CHECK(outcome({{"If-Match", "\"other\""}}) == "412 PreconditionFailed");
  }

  TEST_CASE("If-None-Match and If-Modified-Since answer 304") {
    CHECK(outcome({{"If-None-Match", "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\""}}) == "304");
    CHECK(outcome({{"If-None-Match", "\"other\""}}) == "200");
    CHECK(outcome({{"If-Modified-Since", k_after}}) == "304");
    CHECK(outcome({{"If-Modified-Since", k_before}}) == "200");
    CHECK(outcome({{"If-Modified-Since", "not a date"}}) == "200");
  }

  TEST_CASE("If-Unmodified-Since fails when the object is newer") {
    CHECK(outcome({{"If-Unmodified-Since", k_before}}) == "412 PreconditionFailed");
    CHECK(outcome({{"If-Unmodified-Since", k_after}}) == "200");
  }

  TEST_CASE("a failed If-Match or If-Unmodified-Since wins over a 304 condition") {
    CHECK(outcome({{"If-None-Match", "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\""},
                   {"If-Match", "\"other\""}}) == "412 PreconditionFailed");
    CHECK(outcome({{"If-Modified-Since", k_after}, {"If-Unmodified-Since", k_before}}) ==
          "412 PreconditionFailed");
  }
}
