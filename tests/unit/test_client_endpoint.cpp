#include "client/endpoint.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

using client::AddressingStyle;

TEST_SUITE("client::endpoint") {

  TEST_CASE("parse_endpoint defaults to https and keeps the port") {
    auto e = client::parse_endpoint("oss-cn-hangzhou.aliyuncs.com");
    CHECK(e.scheme == "https");
    CHECK(e.authority == "oss-cn-hangzhou.aliyuncs.com");
    e = client::parse_endpoint("http://127.0.0.1:8080/");
    CHECK(e.scheme == "http");
    CHECK(e.authority == "127.0.0.1:8080");
    e = client::parse_endpoint("HTTPS://Example.com");
    CHECK(e.scheme == "https");
    CHECK(e.authority == "Example.com");
    CHECK_THROWS_AS(client::parse_endpoint(""), oss::Error);
    CHECK_THROWS_AS(client::parse_endpoint("ftp://host"), oss::Error);
  }

  TEST_CASE("a malformed endpoint is a usage error naming -e/--endpoint and the value") {
    for (const char* bad :
         {"http://[::1", "[::1", "http://[::1]x", "http://[zz]:80", "host:", "host:0", "host:65536",
          "host:8o", "ho st", "user@host", "http://:80", "http://[]"}) {
      CAPTURE(bad);
      try {
        client::parse_endpoint(bad);
        FAIL("accepted");
      } catch (const oss::Error& e) {
        CHECK(e.kind() == oss::ErrorKind::usage);
        const std::string what = e.what();
        CHECK(what.find("-e/--endpoint") != std::string::npos);
        CHECK(what.find(std::string("\"") + bad + "\"") != std::string::npos);
      }
    }
    for (const char* good :
         {"http://[::1]:9000", "[::1]", "https://[fe80::1]/", "127.0.0.1:65535",
          "oss-cn-hangzhou.aliyuncs.com", "http://localhost:8080/path", "my_host.internal:1"}) {
      CAPTURE(good);
      CHECK_NOTHROW(client::parse_endpoint(good));
    }
  }

  TEST_CASE("IP and localhost endpoints force path style") {
    CHECK(client::is_ip_or_localhost("127.0.0.1:9000"));
    CHECK(client::is_ip_or_localhost("10.0.0.1"));
    CHECK(client::is_ip_or_localhost("localhost:80"));
    CHECK(client::is_ip_or_localhost("LOCALHOST"));
    CHECK(client::is_ip_or_localhost("[::1]:8080"));
    CHECK_FALSE(client::is_ip_or_localhost("oss-cn-hangzhou.aliyuncs.com"));
    CHECK_FALSE(client::is_ip_or_localhost("1.2.3.4.example.com"));
    CHECK_FALSE(client::is_ip_or_localhost("256.1.1.1"));

    const auto ip = client::parse_endpoint("http://127.0.0.1:9000");
    CHECK(client::effective_style(AddressingStyle::virtual_hosted, ip) == AddressingStyle::path);
    CHECK(client::effective_style(AddressingStyle::cname, ip) == AddressingStyle::cname);
    const auto host = client::parse_endpoint("oss-cn-hangzhou.aliyuncs.com");
    CHECK(client::effective_style(AddressingStyle::virtual_hosted, host) ==
          AddressingStyle::virtual_hosted);
  }

  TEST_CASE("build_url for each addressing style") {
    const auto host = client::parse_endpoint("oss-cn-hangzhou.aliyuncs.com");
    const auto local = client::parse_endpoint("http://127.0.0.1:9000");
    CHECK(client::build_url(host, AddressingStyle::virtual_hosted, "b", "dir/k.txt", {}) ==
          "https://b.oss-cn-hangzhou.aliyuncs.com/dir/k.txt");
    CHECK(client::build_url(host, AddressingStyle::path, "b", "dir/k.txt", {}) ==
          "https://oss-cn-hangzhou.aliyuncs.com/b/dir/k.txt");
    CHECK(client::build_url(host, AddressingStyle::cname, "b", "k", {}) ==
          "https://oss-cn-hangzhou.aliyuncs.com/k");
    CHECK(client::build_url(local, AddressingStyle::path, "b", "", {{"encryption", ""}}) ==
          "http://127.0.0.1:9000/b/?encryption");
    CHECK(client::build_url(local, AddressingStyle::path, "", "", {}) == "http://127.0.0.1:9000/");
    CHECK(client::build_url(host, AddressingStyle::virtual_hosted, "b", "",
                            {{"list-type", "2"}, {"prefix", "a b/"}}) ==
          "https://b.oss-cn-hangzhou.aliyuncs.com/?list-type=2&prefix=a%20b%2F");
  }

  TEST_CASE("keys are percent-encoded on the wire with '/' kept") {
    const auto local = client::parse_endpoint("http://127.0.0.1:9000");
    const auto url = [&](const char* key) {
      return client::build_url(local, AddressingStyle::path, "b", key, {});
    };
    CHECK(url("a b") == "http://127.0.0.1:9000/b/a%20b");
    CHECK(url("a+b") == "http://127.0.0.1:9000/b/a%2Bb");
    CHECK(url("100%") == "http://127.0.0.1:9000/b/100%25");
    CHECK(url("a#b") == "http://127.0.0.1:9000/b/a%23b");
    CHECK(url("a?b") == "http://127.0.0.1:9000/b/a%3Fb");
    CHECK(url("a//b") == "http://127.0.0.1:9000/b/a//b");
    CHECK(url("a~b") == "http://127.0.0.1:9000/b/a~b");
    CHECK(url("a*b") == "http://127.0.0.1:9000/b/a%2Ab");
    CHECK(url("杭州.txt") == "http://127.0.0.1:9000/b/%E6%9D%AD%E5%B7%9E.txt");
    // Dot segments stay as they are (the transport sends the path as is, CURLOPT_PATH_AS_IS).
    CHECK(url("a/./b") == "http://127.0.0.1:9000/b/a/./b");
    CHECK(url("x/../y") == "http://127.0.0.1:9000/b/x/../y");
    CHECK(url("../etc") == "http://127.0.0.1:9000/b/../etc");
    CHECK(url("..") == "http://127.0.0.1:9000/b/..");
  }

  TEST_CASE("parse_addressing_style") {
    CHECK(client::parse_addressing_style("Path") == AddressingStyle::path);
    CHECK(client::parse_addressing_style("virtual") == AddressingStyle::virtual_hosted);
    CHECK(client::parse_addressing_style("cname") == AddressingStyle::cname);
    CHECK_THROWS_WITH(
        client::parse_addressing_style("dns"),
        "invalid value \"dns\" for --addressing-style; accepted: virtual, path, cname");
  }
}
