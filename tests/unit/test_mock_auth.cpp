#include "mock/auth.hpp"
#include "mock/errors.hpp"
#include "oss/signer_v1.hpp"
#include "oss/signer_v4.hpp"
#include "util/time_format.hpp"

#include <doctest/doctest.h>

using namespace mock;

namespace {

constexpr std::time_t k_now = 1702743657; // 20231216T162057Z
const std::vector<User> k_users = {{"admin", "ak", "sk"}};

struct Signed {
  RequestHead head;
  Target target;
};

oss::SignableRequest base_request() {
  oss::SignableRequest r;
  r.method = "PUT";
  r.bucket = "bucket";
  r.key = "dir/a b+c.txt";
  r.query = {{"acl", ""}};
  r.headers = {{"Content-Type", "text/plain"}, {"x-oss-meta-a", "1"}};
  return r;
}

Signed to_head(const oss::SignableRequest& r) {
  Signed s;
  s.head.method = r.method;
  s.head.query = r.query;
  s.head.raw_query = oss::encode_query(r.query);
  s.head.headers = r.headers;
  s.head.host = "127.0.0.1:9000";
  s.target = Target{r.bucket, r.key, false};
  return s;
}

Signed sign_v4(oss::SignableRequest r, std::string secret = "sk",
               std::string region = "cn-hangzhou", std::time_t time = k_now) {
  oss::v4::SignOptions o;
  o.credentials = {"ak", secret, ""};
  o.region = region;
  o.time = time;
  oss::v4::sign_header(r, o);
  return to_head(r);
}

Signed sign_v1(oss::SignableRequest r, std::string secret = "sk", std::time_t time = k_now) {
  oss::v1::sign_header(r, oss::Credentials{"ak", secret, ""}, time);
  return to_head(r);
}

oss::ServiceError error_of(const Signed& s, std::time_t now = k_now) {
  try {
    authenticate(s.head, s.target, k_users, "cn-hangzhou", now);
  } catch (const ApiError& e) {
    return e.error();
  }
  FAIL("expected an ApiError");
  return {};
}

std::string extra(const oss::ServiceError& e, std::string_view name) {
  for (const auto& [n, v] : e.extras)
    if (n == name) return v;
  return "<absent>";
}

} // namespace

TEST_SUITE("mock::auth") {

  TEST_CASE("anonymous when nothing is signed") {
    const Signed s = to_head(base_request());
    const Principal p = authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now);
    CHECK(p.anonymous);
  }

  TEST_CASE("V4 header: a correct signature authenticates the user") {
    const Signed s = sign_v4(base_request());
    const Principal p = authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now + 60);
    CHECK_FALSE(p.anonymous);
    CHECK(p.access_key_id == "ak");
    CHECK(p.user_name == "admin");
  }

  TEST_CASE("V4 header: addressing style does not matter (bucket and key, never the path)") {
    Signed s = sign_v4(base_request());
    s.head.raw_path = "/dir/a%20b%2Bc.txt";
    s.head.host = "bucket.oss-cn-hangzhou.aliyuncs.com";
    s.target.virtual_hosted = true;
    CHECK_FALSE(authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now).anonymous);
  }

  TEST_CASE("V4 header: wrong secret -> SignatureDoesNotMatch with diagnostics") {
    const auto e = error_of(sign_v4(base_request(), "wrong"));
    CHECK(e.http_status == 403);
    CHECK(e.code == "SignatureDoesNotMatch");
    CHECK(e.ec == "0002-00000201");
    CHECK(extra(e, "OSSAccessKeyId") == "ak");
    CHECK(extra(e, "StringToSign")
              .starts_with("OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/"
                           "aliyun_v4_request\n"));
    CHECK(extra(e, "StringToSignBytes").starts_with("4F 53 53 34 2D"));
    CHECK(extra(e, "CanonicalRequest")
              .starts_with("PUT\n/bucket/dir/a%20b%2Bc.txt\nacl\ncontent-type:text/plain\n"));
  }

  TEST_CASE("V4 header: a tampered signed header breaks the signature") {
    Signed s = sign_v4(base_request());
    oss::set_header(s.head.headers, "x-oss-meta-a", "2");
    CHECK(error_of(s).code == "SignatureDoesNotMatch");
  }

  TEST_CASE("V4 header: ?sub and ?sub= sign identically") {
    Signed s = sign_v4(base_request());
    s.head.raw_query = "acl=";
    CHECK_FALSE(authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now).anonymous);
  }

  TEST_CASE("V4 header: unknown key, skew, region, sha256, malformed") {
    oss::SignableRequest r = base_request();
    Signed s = sign_v4(r);
    auto e = error_of(s, k_now + 16 * 60);
    CHECK(e.code == "RequestTimeTooSkewed");
    CHECK(e.http_status == 403);
    CHECK(e.ec == "0002-00000504");
    CHECK(extra(e, "MaxAllowedSkewMilliseconds") == "900000");
    CHECK(extra(e, "RequestTime") == "2023-12-16T16:20:57.000Z");

    e = error_of(sign_v4(r, "sk", "cn-beijing"));
    CHECK(e.code == "InvalidArgument");
    CHECK(e.http_status == 400);

    oss::set_header(s.head.headers, "x-oss-content-sha256", "abc");
    e = error_of(s);
    CHECK(e.ec == "0002-00000214");

    s = sign_v4(r);
    oss::set_header(s.head.headers, "Authorization",
                    "OSS4-HMAC-SHA256 "
                    "Credential=nobody/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=00");
    e = error_of(s);
    CHECK(e.code == "InvalidAccessKeyId");
    CHECK(e.ec == "0002-00000902");
    CHECK(e.message == "The OSS Access Key Id you provided does not exist in our records.");

    oss::set_header(s.head.headers, "Authorization", "OSS4-HMAC-SHA256 Signature=00");
    e = error_of(s);
    CHECK(e.code == "InvalidArgument");
    CHECK(e.http_status == 400);

    oss::set_header(s.head.headers, "Authorization", "Bearer x");
    CHECK(error_of(s).code == "InvalidArgument");
  }

  TEST_CASE("V1 header with x-oss-date and no Date (ali-oss)") {
    oss::SignableRequest r = base_request();
    r.headers.push_back({"x-oss-date", util::rfc1123(k_now)});
    Signed s = sign_v1(r);
    oss::remove_header(s.head.headers, "Date");
    CHECK_FALSE(authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now).anonymous);
  }

  TEST_CASE("V1 header: mismatch and missing date") {
    Signed s = sign_v1(base_request(), "wrong");
    auto e = error_of(s);
    CHECK(e.code == "SignatureDoesNotMatch");
    CHECK(e.ec == "0002-00000040");
    CHECK(extra(e, "StringToSign") == "PUT\n\ntext/plain\n" + util::rfc1123(k_now) +
                                          "\nx-oss-meta-a:1\n/bucket/dir/a b+c.txt?acl");
    CHECK(extra(e, "CanonicalRequest") == "<absent>");
    oss::remove_header(s.head.headers, "Date");
    e = error_of(s);
    CHECK(e.code == "AccessDenied");
    CHECK(e.http_status == 403);
  }

  TEST_CASE("V4 presigned URL: valid, expired, missing fields") {
    oss::SignableRequest r = base_request();
    r.method = "GET";
    r.query.clear();
    r.headers.clear();
    oss::v4::SignOptions o;
    o.credentials = {"ak", "sk", ""};
    o.region = "cn-hangzhou";
    o.time = k_now;
    oss::v4::presign(r, o, 600);
    Signed s = to_head(r);
    CHECK_FALSE(authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now + 599).anonymous);
    auto e = error_of(s, k_now + 601);
    CHECK(e.code == "AccessDenied");
    CHECK(e.message == "Request has expired.");
    CHECK(e.ec == "0002-00000069");
    std::erase_if(s.head.query, [](const auto& p) { return p.first == "x-oss-signature"; });
    CHECK(error_of(s).ec == "0002-00000219");
  }

  TEST_CASE("V1 presigned URL: valid, expired, bad Expires") {
    oss::SignableRequest r = base_request();
    r.method = "GET";
    r.query.clear();
    r.headers.clear();
    oss::v1::presign(r, oss::Credentials{"ak", "sk", ""}, k_now + 100);
    Signed s = to_head(r);
    CHECK_FALSE(authenticate(s.head, s.target, k_users, "cn-hangzhou", k_now).anonymous);
    CHECK(error_of(s, k_now + 101).ec == "0002-00000069");
    CHECK(error_of(s, k_now + 101).message == "Request has expired.");
    for (auto& [k, v] : s.head.query)
      if (k == "Expires") v = "soon";
    CHECK(error_of(s).ec == "0002-00000070");
  }

  TEST_CASE("raw canonical query and byte lists") {
    CHECK(raw_canonical_query("b=x+y&a=&x-oss-signature=zz&c") == "a&b=x%20y&c");
    CHECK(bytes_as_hex_list("PUT\n") == "50 55 54 0A");
  }
}
