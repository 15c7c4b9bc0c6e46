#include "client/redact.hpp"

#include <doctest/doctest.h>

TEST_SUITE("client::redact") {

  TEST_CASE("Authorization signatures are hidden, the credential scope kept") {
    CHECK(client::redact_header_value(
              "Authorization",
              "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
              "AdditionalHeaders=host,Signature="
              "4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f") ==
          "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
          "AdditionalHeaders=host,Signature=****");
    CHECK(client::redact_header_value("authorization", "OSS ak:kZoYNv66bsmc10+dcGKw5x2PRrk=") ==
          "OSS ak:****");
    CHECK(client::redact_header_value("x-oss-security-token", "secret-token") == "****");
    CHECK(client::redact_header_value("Content-Type", "text/plain") == "text/plain");
  }

  TEST_CASE("presigned URL parameters are hidden") {
    CHECK(client::redact_url(
              "http://h/b/k?x-oss-signature=abc&x-oss-date=1&x-oss-security-token=t") ==
          "http://h/b/k?x-oss-signature=****&x-oss-date=1&x-oss-security-token=****");
    CHECK(client::redact_url("http://h/b/k?OSSAccessKeyId=ak&Signature=s&security-token=t") ==
          "http://h/b/k?OSSAccessKeyId=ak&Signature=****&security-token=****");
    CHECK(client::redact_url("http://h/b/k") == "http://h/b/k");
  }

  TEST_CASE("secrets are replaced wherever they occur") {
    CHECK(client::redact_secrets("sk=S3CR3T and again S3CR3T", {"S3CR3T", ""}) ==
          "sk=**** and again ****");
  }
}

TEST_CASE("error bodies in logs lose the echoed signature") {
  const std::string body =
      "<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>abc123==</SignatureProvided>"
      "<StringToSign>PUT\n\n</StringToSign></Error>";
  const std::string out = client::redact_secrets(body, {"sk"});
  CHECK(out.find("abc123") == std::string::npos);
  CHECK(out.find("<SignatureProvided>****</SignatureProvided>") != std::string::npos);
  CHECK(out.find("<StringToSign>PUT") != std::string::npos);
}
