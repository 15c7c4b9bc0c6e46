// The retry policy of OssClient against a scripted loopback HTTP server: 5xx and dropped
// connections are retried and re-signed, 4xx are not, RequestTimeTooSkewed is retried once
// after correcting the clock from the response Date.
#include "client/oss_client.hpp"
#include "util/time_format.hpp"

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

/// Answers each connection's requests with the next scripted response ("" = close the
/// connection without answering), recording each request head.
class ScriptedServer {
public:
  explicit ScriptedServer(std::vector<std::string> script) : m_script(std::move(script)) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    ::listen(m_fd, 16);
    m_thread = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    m_stop = true;
    ::shutdown(m_fd, SHUT_RDWR);
    ::close(m_fd);
    m_thread.join();
  }
  int port() const { return m_port; }
  std::vector<std::string> requests() {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

private:
  void serve() {
    std::size_t next = 0;
    while (!m_stop && next < m_script.size()) {
      const int c = ::accept(m_fd, nullptr, nullptr);
      if (c < 0) return;
      while (next < m_script.size()) {
        std::string head;
        char ch = 0;
        while (head.find("\r\n\r\n") == std::string::npos && ::read(c, &ch, 1) == 1)
          head.push_back(ch);
        if (head.empty()) break;
        {
          std::lock_guard lock(m_mutex);
          m_requests.push_back(head);
        }
        const std::string& answer = m_script[next++];
        if (answer.empty()) break; // drop the connection
        (void)!::write(c, answer.data(), answer.size());
      }
      ::close(c);
    }
  }
  std::vector<std::string> m_script;
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::mutex m_mutex;
  std::vector<std::string> m_requests;
  std::thread m_thread;
};

std::string response(int status, const std::string& body = "", const std::string& extra = "") {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

std::string error_body(const std::string& code) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code +
         "</Code><Message>m</Message><RequestId>R</RequestId></Error>";
}

client::OssClient make_client(int port, std::time_t clock_value = 0) {
  client::ClientOptions o;
  o.config.endpoint = "http://127.0.0.1:" + std::to_string(port);
  o.config.region = "cn-hangzhou";
  o.config.credentials = {"ak", "sk", ""};
  o.config.addressing_style = "path";
  o.config.retry_times = 3;
  if (clock_value != 0) o.clock = [clock_value] { return clock_value; };
  return client::OssClient(o);
}

std::string x_oss_date(const std::string& head) {
  const auto at = head.find("x-oss-date: ");
  return at == std::string::npos ? "" : head.substr(at + 12, 16);
}

} // namespace

TEST_SUITE("client::retry") {

  TEST_CASE("5xx and dropped connections are retried, each attempt signed afresh") {
    ScriptedServer server({response(503, error_body("ServiceUnavailable")), "", response(200)});
    auto c = make_client(server.port());
    c.delete_object("bucket", "key");
    CHECK(server.requests().size() == 3);
  }

  TEST_CASE("4xx answers are not retried") {
    ScriptedServer server({response(403, error_body("AccessDenied")), response(200)});
    auto c = make_client(server.port());
    try {
      c.delete_object("bucket", "key");
      FAIL("no error");
    } catch (const oss::Error& e) {
      CHECK(e.service().code == "AccessDenied");
    }
    CHECK(server.requests().size() == 1);
  }

  TEST_CASE("RequestTimeTooSkewed: the clock is corrected from Date and the request re-signed") {
    const std::time_t server_now = 1700000000;
    const std::time_t local = server_now - 3600; // an hour behind
    ScriptedServer server({response(403, error_body("RequestTimeTooSkewed"),
                                    "Date: " + util::rfc1123(server_now) + "\r\n"),
                           response(200)});
    auto c = make_client(server.port(), local);
    c.delete_object("bucket", "key");
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(x_oss_date(requests[0]) == util::iso8601_basic(local));
    CHECK(x_oss_date(requests[1]) == util::iso8601_basic(server_now));
    CHECK(c.clock_offset() == 3600);
  }

  TEST_CASE("a second RequestTimeTooSkewed is reported") {
    const std::string skewed = response(403, error_body("RequestTimeTooSkewed"),
                                        "Date: " + util::rfc1123(1700000000) + "\r\n");
    ScriptedServer server({skewed, skewed, response(200)});
    auto c = make_client(server.port(), 1700000000 - 3600);
    CHECK_THROWS_AS(c.delete_object("bucket", "key"), oss::Error);
    CHECK(server.requests().size() == 2);
  }
}
