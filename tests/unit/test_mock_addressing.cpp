#include "mock/addressing.hpp"

#include <doctest/doctest.h>

using mock::resolve_target;

TEST_SUITE("mock::addressing") {

  TEST_CASE("path style on IP literals, localhost and dotless hosts") {
    for (const char* host :
         {"127.0.0.1:9000", "127.0.0.1", "[::1]:9000", "localhost:9000", "ossmock:80", ""}) {
      CAPTURE(host);
      const auto t = resolve_target(host, "/bucket/dir/key.txt", "cn-hangzhou");
      CHECK(t.bucket == "bucket");
      CHECK(t.key == "dir/key.txt");
      CHECK_FALSE(t.virtual_hosted);
    }
  }

  TEST_CASE("path style levels") {
    CHECK(resolve_target("127.0.0.1", "/", "r").bucket.empty());
    auto t = resolve_target("127.0.0.1", "/bucket", "r");
    CHECK(t.bucket == "bucket");
    CHECK(t.key.empty());
    t = resolve_target("127.0.0.1", "/bucket/", "r");
    CHECK(t.bucket == "bucket");
    CHECK(t.key.empty());
    t = resolve_target("127.0.0.1", "/bucket//double", "r");
    CHECK(t.key == "/double");
    t = resolve_target("127.0.0.1", "/bucket/dir/", "r");
    CHECK(t.key == "dir/");
  }

  TEST_CASE("virtual-hosted: aliyuncs.com, oss- prefix, region prefix, localhost") {
    struct Case {
      const char* host;
      const char* bucket;
    };
    for (const Case c : {Case{"examplebucket.oss-cn-hangzhou.aliyuncs.com", "examplebucket"},
                         Case{"examplebucket.cn-hangzhou.aliyuncs.com", "examplebucket"},
                         Case{"b1.oss-cn-beijing.example.test:8080", "b1"},
                         Case{"b2.cn-hangzhou.internal:9000", "b2"},
                         Case{"b3.localhost:9000", "b3"}, Case{"B4.LOCALHOST", "b4"}}) {
      CAPTURE(c.host);
      const auto t = resolve_target(c.host, "/dir/a%20b%2Bc.txt", "cn-hangzhou");
      CHECK(t.virtual_hosted);
      CHECK(t.bucket == c.bucket);
      CHECK(t.key == "dir/a b+c.txt");
    }
  }

  TEST_CASE("other dotted hosts are path style") {
    const auto t = resolve_target("mock.example.com:9000", "/bucket/k", "cn-hangzhou");
    CHECK_FALSE(t.virtual_hosted);
    CHECK(t.bucket == "bucket");
    CHECK(t.key == "k");
  }

  TEST_CASE("virtual-hosted bucket-level request") {
    const auto t = resolve_target("bkt.oss-cn-hangzhou.aliyuncs.com", "/", "cn-hangzhou");
    CHECK(t.bucket == "bkt");
    CHECK(t.key.empty());
  }

  TEST_CASE("percent-decoding never turns + into a space") {
    const auto t = resolve_target("127.0.0.1", "/b/a+b%2Bc%20d%2Fe", "r");
    CHECK(t.key == "a+b+c d/e");
    CHECK(resolve_target("127.0.0.1", "/b/%E6%9D%AD", "r").key == "\xe6\x9d\xad");
  }

  TEST_CASE("host helpers") {
    CHECK(mock::host_without_port("a.b:80") == "a.b");
    CHECK(mock::host_without_port("[::1]:80") == "::1");
    CHECK(mock::host_without_port("::1") == "::1");
    CHECK(mock::is_ip_literal("10.0.0.255"));
    CHECK_FALSE(mock::is_ip_literal("10.0.0.256"));
    CHECK_FALSE(mock::is_ip_literal("1.2.3"));
    CHECK(mock::is_ip_literal("::1"));
  }
}
