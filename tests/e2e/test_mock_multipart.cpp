// ossmock multipart details through raw HTTP (anonymous, public-read-write bucket): UploadPartCopy
// with a range, the combined CRC-64 and ETag, part-order and part-number errors,
// x-oss-complete-all, ListMultipartUploads; and many concurrent keep-alive connections with Expect:
// 100-continue.
#include "harness.hpp"
#include "raw_http.hpp"

#include <atomic>
#include <regex>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

using e2e::World;

namespace {

std::string xml_value(const std::string& xml, const std::string& name) {
  const std::regex re("<" + name + ">([^<]*)</" + name + ">");
  std::smatch m;
  return std::regex_search(xml, m, re) ? m[1].str() : std::string();
}

std::string pattern(std::size_t size, int seed) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    out[i] = static_cast<char>((i * 13 + seed * 7 + i / 251) & 0xff);
  return out;
}

std::string util_key(const char* key) {
  std::string out;
  for (const char* p = key; *p; ++p)
    out += *p == ' ' ? std::string("%20") : std::string(1, *p);
  return out;
}

struct Bucket {
  World w;
  int port() { return w.mock().port(); }
  Bucket() {
    REQUIRE(w.ossutil({"mb", "oss://mpu-raw", "--acl", "public-read-write"}).exit_code == 0);
  }

  std::string initiate(const std::string& key, std::map<std::string, std::string> headers = {}) {
    const auto r = e2e::raw_request(port(), "POST", "/mpu-raw/" + key + "?uploads", "", headers);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return xml_value(r.body, "UploadId");
  }
  e2e::RawResponse part(const std::string& key, const std::string& id, int number,
                        const std::string& body, std::map<std::string, std::string> headers = {}) {
    return e2e::raw_request(port(), "PUT",
                            "/mpu-raw/" + key + "?partNumber=" + std::to_string(number) +
                                "&uploadId=" + id,
                            body, headers);
  }
  e2e::RawResponse complete(const std::string& key, const std::string& id,
                            const std::vector<std::pair<int, std::string>>& parts) {
    std::string xml = "<CompleteMultipartUpload>";
    for (const auto& [n, etag] : parts)
      xml += "<Part><PartNumber>" + std::to_string(n) + "</PartNumber><ETag>" + etag +
             "</ETag></Part>";
    xml += "</CompleteMultipartUpload>";
    return e2e::raw_request(port(), "POST", "/mpu-raw/" + key + "?uploadId=" + id, xml);
  }
};

} // namespace

TEST_SUITE("e2e: ossmock multipart") {

  TEST_CASE("UploadPartCopy with a range; CRC-64 and ETag of the completed object") {
    Bucket b;
    const std::string source = pattern(300 * 1024, 1);
    REQUIRE(e2e::raw_request(b.port(), "PUT", "/mpu-raw/src", source,
                             {{"x-oss-server-side-encryption", "SM4"}})
                .status == 200);
    const std::string tail = pattern(20, 2);
    // The same bytes uploaded whole, for the reference CRC-64.
    const auto reference = e2e::raw_request(b.port(), "PUT", "/mpu-raw/reference",
                                            source.substr(0, 150 * 1024) + tail);
    REQUIRE(reference.status == 200);

    // Anonymous callers never use KMS, also not through a multipart upload.
    const auto kms = e2e::raw_request(b.port(), "POST", "/mpu-raw/copied?uploads", "",
                                      {{"x-oss-server-side-encryption", "KMS"}});
    CHECK(kms.status == 403);
    CHECK(kms.body.find("This request is forbidden by kms.") != std::string::npos);

    const std::string id = b.initiate("copied", {{"x-oss-server-side-encryption", "AES256"}});
    const auto copy =
        e2e::raw_request(b.port(), "PUT", "/mpu-raw/copied?partNumber=1&uploadId=" + id, "",
                         {{"x-oss-copy-source", "/mpu-raw/src"},
                          {"x-oss-copy-source-range", "bytes=0-153599"},
                          {"x-oss-copy-source-if-unknown", "ignored"}});
    REQUIRE_MESSAGE(copy.status == 200, copy.body);
    CHECK(copy.body.find("<CopyPartResult>") != std::string::npos);
    CHECK(copy.headers.at("x-oss-server-side-encryption") == "AES256");
    const auto last = b.part("copied", id, 2, tail);
    REQUIRE(last.status == 200);
    const auto done =
        b.complete("copied", id, {{1, xml_value(copy.body, "ETag")}, {2, last.headers.at("etag")}});
    REQUIRE_MESSAGE(done.status == 200, done.body);
    CHECK(done.headers.at("x-oss-hash-crc64ecma") == reference.headers.at("x-oss-hash-crc64ecma"));
    CHECK(std::regex_match(done.headers.at("etag"), std::regex("\"[0-9A-F]{32}-2\"")));
    CHECK(xml_value(done.body, "Key") == "copied");
    const auto got = e2e::raw_request(b.port(), "GET", "/mpu-raw/copied");
    CHECK(got.body == source.substr(0, 150 * 1024) + tail);
    CHECK(got.headers.at("x-oss-object-type") == "Multipart");
    CHECK(got.headers.at("x-oss-server-side-encryption") == "AES256");
  }

  TEST_CASE("Complete errors: order, unknown part, small part; part numbers; x-oss-complete-all") {
    Bucket b;
    const std::string id = b.initiate("k");
    const std::string big = pattern(100 * 1024, 3);
    const auto p1 = b.part("k", id, 1, big);
    const auto p2 = b.part("k", id, 2, "small");
    const auto p3 = b.part("k", id, 3, "last");
    REQUIRE(p1.status == 200);
    REQUIRE(p2.status == 200);
    CHECK(b.part("k", id, 0, "x").status == 400);
    CHECK(b.part("k", id, 10001, "x").body.find("<ArgumentName>partNumber</ArgumentName>") !=
          std::string::npos);
    CHECK(b.part("k", "no-such-upload", 1, "x").status == 404);

    auto code = [](const e2e::RawResponse& r) {
      return std::to_string(r.status) + " " + xml_value(r.body, "Code");
    };
    CHECK(code(b.complete("k", id, {{2, p2.headers.at("etag")}, {1, p1.headers.at("etag")}})) ==
          "400 InvalidPartOrder");
    CHECK(code(b.complete("k", id, {{1, p2.headers.at("etag")}})) == "400 InvalidPart");
    CHECK(code(b.complete("k", id, {{1, p1.headers.at("etag")}, {4, p1.headers.at("etag")}})) ==
          "400 InvalidPart");
    CHECK(code(b.complete("k", id, {{2, p2.headers.at("etag")}, {3, p3.headers.at("etag")}})) ==
          "400 EntityTooSmall");
    CHECK(code(e2e::raw_request(b.port(), "POST", "/mpu-raw/k?uploadId=" + id, "<nope")) ==
          "400 MalformedXML");

    // x-oss-complete-all takes every uploaded part: 1, 2, 3 -> part 2 is too small.
    CHECK(code(e2e::raw_request(b.port(), "POST", "/mpu-raw/k?uploadId=" + id, "",
                                {{"x-oss-complete-all", "yes"}})) == "400 EntityTooSmall");
    const auto listed =
        e2e::raw_request(b.port(), "GET", "/mpu-raw/k?uploadId=" + id + "&max-parts=2");
    CHECK(listed.status == 200);
    CHECK(xml_value(listed.body, "IsTruncated") == "true");
    CHECK(xml_value(listed.body, "NextPartNumberMarker") == "2");

    CHECK(e2e::raw_request(b.port(), "DELETE", "/mpu-raw/k?uploadId=" + id).status == 204);
    CHECK(code(b.complete("k", id, {{1, p1.headers.at("etag")}})) == "404 NoSuchUpload");
  }

  TEST_CASE("ListMultipartUploads: prefix, delimiter, encoding-type=url, markers") {
    Bucket b;
    for (const char* key : {"a/1", "a/2", "b c", "b c", "d"})
      b.initiate(util_key(key));
    const auto all = e2e::raw_request(b.port(), "GET", "/mpu-raw?uploads&encoding-type=url");
    REQUIRE(all.status == 200);
    CHECK(std::regex_search(all.body, std::regex("<Key>b%20c</Key>")));
    const auto grouped = e2e::raw_request(b.port(), "GET", "/mpu-raw?uploads&delimiter=/");
    CHECK(grouped.body.find("<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>") !=
          std::string::npos);
    CHECK(grouped.body.find("<Key>a/1</Key>") == std::string::npos);
    const auto page = e2e::raw_request(b.port(), "GET", "/mpu-raw?uploads&max-uploads=3");
    CHECK(xml_value(page.body, "IsTruncated") == "true");
    const std::string next_key = xml_value(page.body, "NextKeyMarker");
    const std::string next_id = xml_value(page.body, "NextUploadIdMarker");
    CHECK(next_key == "b c");
    const auto rest = e2e::raw_request(
        b.port(), "GET", "/mpu-raw?uploads&key-marker=b%20c&upload-id-marker=" + next_id);
    CHECK(xml_value(rest.body, "IsTruncated") == "false");
    const auto count = [](const std::string& xml) {
      std::size_t n = 0;
      for (auto at = xml.find("<Upload>"); at != std::string::npos;
           at = xml.find("<Upload>", at + 1))
        ++n;
      return n;
    };
    CHECK(count(page.body) + count(rest.body) == 5);
    // A bucket with unfinished uploads cannot be deleted (OSS).
    CHECK(b.w.ossutil({"rb", "oss://mpu-raw"}).exit_code != 0);
  }

  TEST_CASE("many concurrent keep-alive connections with Expect: 100-continue") {
    Bucket b;
    constexpr int k_clients = 24;
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < k_clients; ++c) {
      threads.emplace_back([&, c] {
        try {
          e2e::RawConnection connection(b.port());
          const std::string body = pattern(4096 + c, c);
          const std::string key = "/mpu-raw/conc-" + std::to_string(c);
          // Three requests on one connection: PUT with Expect, GET, then GET with close.
          connection.send("PUT " + key +
                          " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n");
          char buf[64] = {};
          const ssize_t n = ::recv(connection_fd(connection), buf, 25, MSG_WAITALL);
          if (n != 25 || std::string(buf, 25) != "HTTP/1.1 100 Continue\r\n\r\n") return;
          connection.send(body);
          connection.send("GET " + key + " HTTP/1.1\r\nHost: x\r\n\r\n");
          connection.send("GET " + key + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
          const std::string all = connection.receive_raw();
          std::size_t occurrences = 0;
          for (std::size_t at = all.find(body); at != std::string::npos;
               at = all.find(body, at + 1))
            ++occurrences;
          if (all.rfind("HTTP/1.1 200", 0) == 0 && occurrences == 2) ++good;
        } catch (...) {
        }
      });
    }
    for (auto& t : threads)
      t.join();
    CHECK(good == k_clients);
  }
}
