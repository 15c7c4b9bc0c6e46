#include "mock/errors.hpp"
#include "mock/router.hpp"

#include <doctest/doctest.h>

using namespace mock;

namespace {

std::string route_name(const char* method, const char* bucket, const char* key,
                       oss::QueryParams query = {}, oss::Headers headers = {}) {
  RequestHead head;
  head.method = method;
  head.query = std::move(query);
  head.headers = std::move(headers);
  try {
    return std::string(route_request(head, Target{bucket, key, false}).name);
  } catch (const ApiError& e) {
    return e.error().code;
  }
}

} // namespace

TEST_SUITE("mock::router") {

  TEST_CASE("service, bucket and object operations") {
    CHECK(route_name("GET", "", "") == "ListBuckets");
    CHECK(route_name("PUT", "", "") == "MethodNotAllowed");
    CHECK(route_name("PUT", "b", "") == "PutBucket");
    CHECK(route_name("PUT", "b", "", {{"acl", ""}}) == "PutBucketAcl");
    CHECK(route_name("PUT", "b", "", {{"encryption", ""}}) == "PutBucketEncryption");
    CHECK(route_name("GET", "b", "", {{"encryption", ""}}) == "GetBucketEncryption");
    CHECK(route_name("DELETE", "b", "", {{"encryption", ""}}) == "DeleteBucketEncryption");
    CHECK(route_name("DELETE", "b", "") == "DeleteBucket");
    CHECK(route_name("GET", "b", "", {{"bucketInfo", ""}}) == "GetBucketInfo");
    CHECK(route_name("GET", "b", "", {{"acl", ""}}) == "GetBucketAcl");
    CHECK(route_name("GET", "b", "") == "ListObjects");
    CHECK(route_name("GET", "b", "", {{"list-type", "2"}, {"prefix", "a"}}) == "ListObjectsV2");
    CHECK(route_name("GET", "b", "", {{"versions", ""}}) == "ListObjectVersions");
    CHECK(route_name("GET", "b", "", {{"uploads", ""}}) == "ListMultipartUploads");
    CHECK(route_name("POST", "b", "", {{"delete", ""}}) == "DeleteMultipleObjects");
    CHECK(route_name("PUT", "b", "k") == "PutObject");
    CHECK(route_name("PUT", "b", "k", {}, {{"x-oss-copy-source", "/b/src"}}) == "CopyObject");
    CHECK(route_name("GET", "b", "k") == "GetObject");
    CHECK(route_name("GET", "b", "k", {{"response-content-type", "text/plain"}}) == "GetObject");
    CHECK(route_name("GET", "b", "k", {{"acl", ""}}) == "GetObjectAcl");
    CHECK(route_name("HEAD", "b", "k") == "HeadObject");
    CHECK(route_name("HEAD", "b", "k", {{"objectMeta", ""}}) == "GetObjectMeta");
    CHECK(route_name("DELETE", "b", "k") == "DeleteObject");
  }

  TEST_CASE("multipart routes") {
    CHECK(route_name("POST", "b", "k", {{"uploads", ""}}) == "InitiateMultipartUpload");
    CHECK(route_name("PUT", "b", "k", {{"partNumber", "1"}, {"uploadId", "u"}}) == "UploadPart");
    CHECK(route_name("POST", "b", "k", {{"uploadId", "u"}}) == "CompleteMultipartUpload");
    CHECK(route_name("DELETE", "b", "k", {{"uploadId", "u"}}) == "AbortMultipartUpload");
    CHECK(route_name("GET", "b", "k", {{"uploadId", "u"}}) == "ListParts");
    CHECK(route_name("GET", "b", "", {{"uploads", ""}}) == "ListMultipartUploads");
    CHECK(route_name("PUT", "b", "k", {{"partNumber", "1"}, {"uploadId", "u"}},
                     {{"x-oss-copy-source", "/b/s"}}) == "UploadPartCopy");
    CHECK(route_name("GET", "-", "health") == "Admin");
  }

  TEST_CASE("unimplemented sub-resources never fall through") {
    CHECK(route_name("PUT", "b", "", {{"lifecycle", ""}}) == "NotImplemented");
    CHECK(route_name("PUT", "b", "k", {{"tagging", ""}}) == "NotImplemented");
    CHECK(route_name("POST", "b", "k", {{"append", ""}, {"position", "0"}}) == "NotImplemented");
    CHECK(route_name("PATCH", "b", "k") == "MethodNotAllowed");
  }
}
