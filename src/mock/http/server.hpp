#pragma once
// ossmock's HTTP/1.1 server on Boost.Asio/Beast: one acceptor, one thread per connection
// (blocking I/O keeps streaming to and from disk simple), keep-alive, clean stop on
// SIGINT/SIGTERM.
#include "mock/context.hpp"
#include "mock/options.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace mock {

class Server {
public:
  /// Binds and listens (port 0 picks a free port). Throws std::runtime_error when the address
  /// cannot be bound.
  Server(Services& services, const ListenAddress& listen);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  /// "127.0.0.1" or "[::1]", suitable for a URL.
  std::string url_host() const;

  /// Accepts connections until SIGINT/SIGTERM (or stop()), then closes every connection and
  /// waits for the connection threads.
  void run();
  /// Thread-safe request to stop run().
  void stop();

private:
  struct State;
  std::unique_ptr<State> m_state;
};

/// The request target with secret query values (signatures, security tokens) replaced by
/// "REDACTED", for logs.
std::string redact_target(std::string_view target);

} // namespace mock
