#pragma once
// A tiny blocking HTTP/1.1 client over a loopback socket for e2e stories that need what ossutil
// does not do: anonymous requests, the ossmock admin API, a body sent slowly and cut off.
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace e2e {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers; ///< lower-case names
  std::string body;
  bool complete = false; ///< the body had all Content-Length bytes
};

/// A connected socket to 127.0.0.1:port, closed on destruction.
class RawConnection {
public:
  explicit RawConnection(int port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot connect to ossmock");
  }
  ~RawConnection() {
    if (m_fd >= 0) ::close(m_fd);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::send(m_fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      done += static_cast<std::size_t>(n);
    }
  }

  int fd() const { return m_fd; }

  /// Everything until the server closes the connection.
  std::string receive_raw() {
    std::string all;
    char buf[65536];
    for (;;) {
      const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      all.append(buf, static_cast<std::size_t>(n));
    }
    return all;
  }

  /// Reads one response (the server closes the connection: requests send Connection: close).
  RawResponse receive() {
    const std::string all = receive_raw();
    RawResponse out;
    const auto end = all.find("\r\n\r\n");
    if (end == std::string::npos) return out;
    out.status = std::atoi(all.substr(9, 3).c_str());
    std::size_t at = all.find("\r\n") + 2;
    while (at < end) {
      const auto eol = all.find("\r\n", at);
      const std::string line = all.substr(at, eol - at);
      const auto colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ')
        value.erase(0, 1);
      out.headers[name] = value;
      at = eol + 2;
    }
    out.body = all.substr(end + 4);
    const auto length = out.headers.find("content-length");
    out.complete = length == out.headers.end() || out.body.size() == std::stoull(length->second);
    return out;
  }

private:
  int m_fd;
};

inline int connection_fd(const RawConnection& connection) { return connection.fd(); }

/// One anonymous request with `Connection: close`.
inline RawResponse raw_request(int port, const std::string& method, const std::string& target,
                               const std::string& body = "",
                               const std::map<std::string, std::string>& headers = {}) {
  RawConnection connection(port);
  std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
      "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  for (const auto& [name, value] : headers)
    request += name + ": " + value + "\r\n";
  connection.send(request + "\r\n" + body);
  return connection.receive();
}

} // namespace e2e
