// ossmock under hostile or careless clients: connections that never finish their headers
// (slowloris), two servers on one data directory, object names XML cannot carry, requests
// Beast cannot parse and oversized user metadata. Every refusal is an OSS error with an EC.
#include "harness.hpp"
#include "raw_http.hpp"

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <poll.h>

using e2e::World;

namespace {

/// True when the server closes `connection` within `limit` (recv returns 0 or fails).
bool closed_within(e2e::RawConnection& connection, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{connection.fd(), POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(connection.fd(), buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) return true;
  }
  return false;
}

/// A public-read-write bucket so that raw (anonymous) requests can write.
struct OpenBucket {
  World w;
  OpenBucket() {
    REQUIRE(w.ossutil({"mb", "oss://open", "--acl", "public-read-write"}).exit_code == 0);
  }
  e2e::RawResponse request(const std::string& method, const std::string& target,
                           const std::string& body = "",
                           const std::map<std::string, std::string>& headers = {}) {
    return e2e::raw_request(w.mock().port(), method, target, body, headers);
  }
};

} // namespace

TEST_SUITE("e2e: ossmock hardening") {

  TEST_CASE("slowloris: stuck headers are closed and a new client is served while slots free up") {
    e2e::TempDir tmp;
    e2e::MockServer mock(tmp.path() / "data", {"--header-timeout", "1", "--idle-timeout", "1",
                                               "--max-connections", "3"});
    std::vector<std::unique_ptr<e2e::RawConnection>> stuck;
    for (int i = 0; i < 5; ++i) {
      stuck.push_back(std::make_unique<e2e::RawConnection>(mock.port()));
      stuck.back()->send("GET / HTTP/1.1\r\nHost: x\r\nX-a: ");
    }
    // More clients than slots: the newcomer waits in the backlog, it is not refused.
    const auto start = std::chrono::steady_clock::now();
    const auto health = e2e::raw_request(mock.port(), "GET", "/-/health");
    CHECK(health.status == 200);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(8));
    for (auto& connection : stuck)
      CHECK(closed_within(*connection, std::chrono::seconds(8)));
    CHECK(mock.log().find("not complete within 1s") != std::string::npos);
  }

  TEST_CASE("an idle keep-alive connection is closed after the idle timeout") {
    e2e::TempDir tmp;
    e2e::MockServer mock(tmp.path() / "data", {"--idle-timeout", "1"});
    e2e::RawConnection connection(mock.port());
    connection.send("GET /-/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(closed_within(connection, std::chrono::seconds(5)));
  }

  TEST_CASE("a body that stops arriving is cut off after the body timeout") {
    e2e::TempDir tmp;
    e2e::MockServer mock(tmp.path() / "data", {"--body-timeout", "1"});
    e2e::RawConnection connection(mock.port());
    connection.send("PUT /nobucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                    "Expect: 100-continue\r\n\r\nabc");
    CHECK(closed_within(connection, std::chrono::seconds(6)));
  }

  TEST_CASE("a second ossmock on the same data directory exits 2 and the first keeps working") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://shared"}).exit_code == 0);
    const auto second = e2e::run_program(
        OSSMOCK_BIN, {"--data-dir", w.mock().data_dir().string(), "--listen", "127.0.0.1:0"}, "",
        w.dir());
    CHECK(second.exit_code == 2);
    CHECK(second.err.find(w.mock().data_dir().string()) != std::string::npos);
    CHECK(second.err.find("in use by another ossmock") != std::string::npos);
    const auto local = w.write_file("f.txt", "still here");
    CHECK(w.ossutil({"cp", local.string(), "oss://shared/f.txt"}).exit_code == 0);
    const auto back = w.dir() / "back.txt";
    CHECK(w.ossutil({"cp", "oss://shared/f.txt", back.string()}).exit_code == 0);
    CHECK(w.read_file(back) == "still here");
  }

  TEST_CASE("keys with NUL or invalid UTF-8 are refused with InvalidObjectName") {
    OpenBucket b;
    auto nul = b.request("PUT", "/open/a%00b", "x");
    CHECK(nul.status == 400);
    CHECK(nul.body.find("<Code>InvalidObjectName</Code>") != std::string::npos);
    CHECK(nul.headers["x-oss-ec"] == "0016-00000002");
    CHECK(nul.body.find("&#x0;") == std::string::npos);
    auto bad = b.request("PUT", "/open/%FF%FE", "x");
    CHECK(bad.status == 400);
    CHECK(bad.headers["x-oss-ec"] == "0016-00000004");
    CHECK(bad.body.find("\xFF") == std::string::npos); // the echoed name is percent-encoded
    CHECK(bad.body.find("<ObjectName>%FF%FE</ObjectName>") != std::string::npos);
    const auto list = b.request("GET", "/open/?list-type=2");
    CHECK(list.status == 200);
    CHECK(list.body.find("<KeyCount>0</KeyCount>") != std::string::npos);
  }

  TEST_CASE(
      "control characters in keys: stored, listed with encoding-type=url, never as invalid XML") {
    OpenBucket b;
    REQUIRE(b.request("PUT", "/open/a%01b%0D", "x").status == 200);
    auto plain = b.request("GET", "/open/?list-type=2");
    CHECK(plain.status == 400);
    CHECK(plain.body.find("encoding-type=url") != std::string::npos);
    CHECK(plain.headers["x-oss-ec"] == "9999-00000018");
    const auto encoded = b.request("GET", "/open/?list-type=2&encoding-type=url");
    CHECK(encoded.status == 200);
    CHECK(encoded.body.find("<Key>a%01b%0D</Key>") != std::string::npos);
  }

  TEST_CASE("a carriage return in a listed key is a character reference, not a raw CR") {
    OpenBucket b;
    REQUIRE(b.request("PUT", "/open/line%0D%0Aend", "x").status == 200);
    const auto list = b.request("GET", "/open/?list-type=2");
    CHECK(list.status == 200);
    CHECK(list.body.find("<Key>line&#xD;\nend</Key>") != std::string::npos);
  }

  TEST_CASE("an unparsable request gets an OSS error body with a request id") {
    e2e::TempDir tmp;
    e2e::MockServer mock(tmp.path() / "data");
    e2e::RawConnection connection(mock.port());
    connection.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    auto response = connection.receive();
    CHECK(response.status == 400);
    CHECK(response.headers["x-oss-request-id"].size() == 24);
    CHECK(response.headers["x-oss-ec"] == "9999-00000016");
    CHECK(response.body.find("<Code>InvalidArgument</Code>") != std::string::npos);
    CHECK(response.body.find("<RequestId>" + response.headers["x-oss-request-id"] +
                             "</RequestId>") != std::string::npos);
  }

  TEST_CASE("oversized request headers get an OSS error body") {
    e2e::TempDir tmp;
    e2e::MockServer mock(tmp.path() / "data");
    e2e::RawConnection connection(mock.port());
    connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-big: " + std::string(70 * 1024, 'a') +
                    "\r\n\r\n");
    auto response = connection.receive();
    CHECK(response.status == 400);
    CHECK(response.headers["x-oss-ec"] == "9999-00000017");
    CHECK(response.body.find("<MaxSizeAllowed>65536</MaxSizeAllowed>") != std::string::npos);
  }

  TEST_CASE("user metadata over 8 KB is refused with EC 0011-00000002") {
    OpenBucket b;
    auto big = b.request("PUT", "/open/meta", "x", {{"x-oss-meta-big", std::string(8200, 'v')}});
    CHECK(big.status == 400);
    CHECK(big.headers["x-oss-ec"] == "0011-00000002");
    const auto ok =
        b.request("PUT", "/open/meta", "x", {{"x-oss-meta-big", std::string(8000, 'v')}});
    CHECK(ok.status == 200);
  }

  TEST_CASE("anonymous AccessDenied and BucketNotEmpty carry an EC") {
    OpenBucket b;
    auto denied = b.request("DELETE", "/open/");
    CHECK(denied.status == 403);
    CHECK(denied.headers["x-oss-ec"] == "0003-00000001");
    CHECK(denied.body.find("<EC>0003-00000001</EC>") != std::string::npos);
  }
}
