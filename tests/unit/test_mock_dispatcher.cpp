#include "mock/dispatcher.hpp"
#include "mock/http/server.hpp"
#include "mock/kms.hpp"
#include "util/encoding.hpp"

#include <cstdlib>
#include <filesystem>

#include <doctest/doctest.h>

namespace fs = std::filesystem;
using namespace mock;

namespace {

struct Fixture {
  fs::path dir;
  ServerOptions options;
  std::unique_ptr<MetadataStore> meta;
  std::unique_ptr<BlobStore> blobs;
  std::unique_ptr<Kms> kms;
  std::unique_ptr<Services> services;

  Fixture() {
    std::string t = (fs::temp_directory_path() / "ossmock-disp-XXXXXX").string();
    REQUIRE(mkdtemp(t.data()) != nullptr);
    dir = t;
    options.data_dir = t;
    options.users = {{"u", "ak", "sk"}};
    meta = std::make_unique<MetadataStore>((dir / "meta.sqlite").string());
    blobs = make_plain_blob_store(dir);
    kms = std::make_unique<Kms>(*meta, options.kms, options.region, options.users);
    services = std::make_unique<Services>(Services{options, *meta, *blobs, *kms});
  }
  ~Fixture() { fs::remove_all(dir); }

  Context context(const char* method, const char* bucket, const char* key) {
    Context ctx{*services, {},     Target{bucket, key, false}, {}, "0123456789ABCDEF01234567",
                {},        nullptr};
    ctx.head.method = method;
    ctx.head.host = "127.0.0.1:9000";
    return ctx;
  }

  void bucket(const char* name, const char* acl, oss::SseSpec sse = {}) {
    BucketRecord b;
    b.name = name;
    b.owner = "ak";
    b.region = "cn-hangzhou";
    b.acl = acl;
    b.sse = sse;
    REQUIRE(meta->create_bucket(b));
  }
};

std::string code_of(Context& ctx, const Route& route) {
  try {
    check_anonymous_access(ctx, route);
  } catch (const ApiError& e) {
    return e.error().code + ": " + e.error().message;
  }
  return "allowed";
}

const Route& route_for(const char* method, const char* bucket, const char* key) {
  RequestHead head;
  head.method = method;
  return route_request(head, Target{bucket, key, false});
}

} // namespace

TEST_SUITE("mock::dispatcher") {

  TEST_CASE("error responses: XML body, x-oss-ec; HEAD carries x-oss-err instead") {
    Fixture f;
    Dispatcher dispatcher(*f.services);
    Context ctx = f.context("GET", "b", "k");
    const ApiError error = errors::no_such_key("k");
    Response r = dispatcher.error_response(error, ctx);
    CHECK(r.status == 404);
    CHECK(*oss::find_header(r.headers, "x-oss-ec") == "0026-00000001");
    CHECK(*oss::find_header(r.headers, "Content-Type") == "application/xml");
    CHECK(r.body ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>NoSuchKey</Code>\n"
          "  <Message>The specified key does not exist.</Message>\n"
          "  <RequestId>0123456789ABCDEF01234567</RequestId>\n  <HostId>127.0.0.1:9000</HostId>\n"
          "  <Key>k</Key>\n  <EC>0026-00000001</EC>\n"
          "  "
          "<RecommendDoc>https://api.aliyun.com/troubleshoot?q=0026-00000001</RecommendDoc>\n</"
          "Error>\n");

    Context head_ctx = f.context("HEAD", "b", "k");
    Response h = dispatcher.error_response(error, head_ctx);
    CHECK(h.body.empty());
    CHECK(*util::base64_decode(*oss::find_header(h.headers, "x-oss-err")) == r.body);
    CHECK(*oss::find_header(h.headers, "x-oss-ec") == "0026-00000001");
  }

  TEST_CASE("common headers and request ids") {
    Response r;
    add_common_headers(r, "ABC");
    CHECK(*oss::find_header(r.headers, "x-oss-request-id") == "ABC");
    CHECK(*oss::find_header(r.headers, "Server") == "AliyunOSS");
    CHECK(oss::find_header(r.headers, "Date")->ends_with(" GMT"));
    const std::string id = new_request_id();
    CHECK(id.size() == 24);
    CHECK(id.find_first_not_of("0123456789ABCDEF") == std::string::npos);
  }

  TEST_CASE("anonymous access follows bucket and object ACLs") {
    Fixture f;
    f.bucket("priv", "private");
    f.bucket("pubr", "public-read");
    f.bucket("pubrw", "public-read-write");
    f.bucket("kmsrw", "public-read-write", oss::SseSpec{"KMS", "", ""});

    auto check = [&](const char* method, const char* bucket, const char* key) {
      Context ctx = f.context(method, bucket, key);
      return code_of(ctx, route_for(method, bucket, key));
    };
    CHECK(check("GET", "", "") ==
          "AccessDenied: Anonymous access is forbidden for this operation.");
    CHECK(check("PUT", "newbucket", "") ==
          "AccessDenied: Anonymous user has no right to access this bucket.");
    CHECK(check("GET", "priv", "") ==
          "AccessDenied: Anonymous user has no right to access this bucket.");
    CHECK(check("GET", "pubr", "") == "allowed");
    CHECK(check("GET", "pubr", "k") == "allowed");
    CHECK(check("PUT", "pubr", "k") ==
          "AccessDenied: Anonymous user has no right to access this bucket.");
    CHECK(check("PUT", "pubrw", "k") == "allowed");
    CHECK(check("DELETE", "pubrw", "k") == "allowed");
    CHECK(check("GET", "missing", "k").starts_with("NoSuchBucket"));

    ObjectRecord o;
    o.bucket = "priv";
    o.key = "open";
    o.acl = "public-read";
    REQUIRE(f.meta->put_object(o));
    CHECK(check("GET", "priv", "open") == "allowed");
    o.bucket = "pubr";
    o.key = "kms";
    o.acl = "default";
    o.sse = oss::SseSpec{"KMS", "cmk", ""};
    REQUIRE(f.meta->put_object(o));
    CHECK(check("GET", "pubr", "kms") == "AccessDenied: This request is forbidden by kms.");
  }

  TEST_CASE("signatures never reach the log") {
    CHECK(redact_target("/b/k?x-oss-signature=abc&x-oss-date=1") ==
          "/b/k?x-oss-signature=REDACTED&x-oss-date=1");
    CHECK(redact_target("/b/k?OSSAccessKeyId=ak&Signature=s%2B&Expires=1") ==
          "/b/k?OSSAccessKeyId=ak&Signature=REDACTED&Expires=1");
    CHECK(redact_target("/b/k?security-token=t") == "/b/k?security-token=REDACTED");
    CHECK(redact_target("/b/k") == "/b/k");
  }
}

TEST_SUITE("mock::dispatcher limits") {

  TEST_CASE("user metadata: names and values up to 8 KB pass, more is 0011-00000002") {
    RequestHead head;
    head.headers.push_back({"x-oss-meta-a", std::string(8192 - 12, 'v')});
    CHECK_NOTHROW(check_user_metadata_size(head));
    head.headers.push_back({"X-Oss-Meta-B", "1"});
    try {
      check_user_metadata_size(head);
      FAIL("no error");
    } catch (const ApiError& e) {
      CHECK(e.error().code == "InvalidArgument");
      CHECK(e.error().ec == "0011-00000002");
    }
  }

  TEST_CASE("xml_safe keeps XML text and percent-encodes the rest") {
    CHECK(xml_safe("a b/c") == "a b/c");
    CHECK(xml_safe("\xFF\xFE") == "%FF%FE");
    CHECK(xml_safe(std::string("a\0b", 3)) == "a%00b");
  }
}
