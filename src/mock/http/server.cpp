#include "mock/http/server.hpp"

#include "mock/dispatcher.hpp"
#include "mock/http/session.hpp"
#include "oss/http_types.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <sys/socket.h>

namespace mock {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

bool is_secret_param(std::string_view name) {
  return name == "x-oss-signature" || name == "Signature" || name == "x-oss-security-token" ||
         name == "security-token";
}

} // namespace

std::string redact_target(std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  bool first = true;
  for (const auto& item : util::split(target.substr(q + 1), '&')) {
    if (!first) out += '&';
    first = false;
    const auto eq = item.find('=');
    const std::string name = item.substr(0, eq);
    if (eq != std::string::npos && is_secret_param(util::percent_decode(name, true))) {
      out += name + "=REDACTED";
    } else {
      out += item;
    }
  }
  return out;
}

struct Server::State {
  Services& services;
  Dispatcher dispatcher;
  /// Owns the accepted sockets and is never run. Connection threads use their socket
  /// synchronously; registered with `io`'s reactor instead, every arriving segment of a request
  /// body would wake the accept thread (thousands of useless wake-ups per GiB on two cores).
  asio::io_context connections_io;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};

  std::mutex mutex;
  std::condition_variable idle;
  std::map<std::uint64_t, int> connections; // id -> native socket
  std::uint64_t next_id = 0;
  bool stopping = false;
  /// At the connection cap, accepting pauses: new clients wait in the listen backlog (they are
  /// not refused) and accepting resumes as soon as a connection ends.
  bool accept_paused = false;

  explicit State(Services& s) : services(s), dispatcher(s) {}

  void accept_next() {
    if (!acceptor.is_open()) return; // stopped: a resume posted late must not spin
    auto peer = std::make_shared<tcp::socket>(connections_io);
    acceptor.async_accept(*peer, [this, peer](const boost::system::error_code& ec) {
      if (ec) {
        if (ec != asio::error::operation_aborted) accept_next();
        return;
      }
      start_connection(std::move(*peer));
      std::lock_guard lock(mutex);
      if (connections.size() >= services.options.http.max_connections)
        accept_paused = true;
      else
        accept_next();
    });
  }

  void start_connection(tcp::socket socket) {
    std::uint64_t id = 0;
    {
      std::lock_guard lock(mutex);
      if (stopping) return; // socket closes
      id = next_id++;
      connections[id] = socket.native_handle();
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto owned = std::make_unique<tcp::socket>(std::move(socket));
    std::thread([this, id, s = std::move(owned)]() mutable {
      serve_connection(*s, dispatcher);
      // Everything that touches this State (the socket belongs to connections_io) happens under
      // the lock and before the connection is unregistered: once `connections` is empty,
      // shutdown_connections() returns and the State may be destroyed.
      std::lock_guard lock(mutex);
      s.reset();
      if (accept_paused && !stopping) {
        accept_paused = false;
        asio::post(io, [this] { accept_next(); });
      }
      connections.erase(id);
      idle.notify_all();
    }).detach();
  }

  void shutdown_connections() {
    std::unique_lock lock(mutex);
    stopping = true;
    // Wakes threads blocked in read/write; they then unregister themselves.
    for (const auto& [id, fd] : connections)
      ::shutdown(fd, SHUT_RDWR);
    if (!idle.wait_for(lock, std::chrono::seconds(10), [this] { return connections.empty(); })) {
      // A connection thread still running would outlive the State it uses. Every write is
      // crash-safe (tmp/ + rename + one transaction), so ending now loses nothing committed.
      std::fprintf(stderr, "ossmock: %zu connection(s) did not finish within 10 s; exiting\n",
                   connections.size());
      std::fflush(stderr);
      std::_Exit(0);
    }
  }
};

Server::Server(Services& services, const ListenAddress& listen)
    : m_state(std::make_unique<State>(services)) {
  tcp::resolver resolver(m_state->io);
  boost::system::error_code ec;
  const auto results = resolver.resolve(listen.host, std::to_string(listen.port),
                                        tcp::resolver::numeric_service, ec);
  if (ec || results.empty())
    throw std::runtime_error("cannot resolve listen address '" + listen.host +
                             "': " + ec.message());
  std::string last_error;
  for (const auto& entry : results) {
    boost::system::error_code bind_ec;
    tcp::acceptor& acceptor = m_state->acceptor;
    acceptor.open(entry.endpoint().protocol(), bind_ec);
    if (!bind_ec) acceptor.set_option(tcp::acceptor::reuse_address(true), bind_ec);
    if (!bind_ec) acceptor.bind(entry.endpoint(), bind_ec);
    if (!bind_ec) acceptor.listen(asio::socket_base::max_listen_connections, bind_ec);
    if (!bind_ec) return;
    last_error = bind_ec.message();
    boost::system::error_code ignored;
    acceptor.close(ignored);
  }
  throw std::runtime_error("cannot listen on " + listen.host + ":" + std::to_string(listen.port) +
                           ": " + last_error);
}

Server::~Server() = default;

std::uint16_t Server::port() const { return m_state->acceptor.local_endpoint().port(); }

std::string Server::url_host() const {
  const auto address = m_state->acceptor.local_endpoint().address();
  return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

void Server::run() {
  m_state->signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
  m_state->accept_next();
  m_state->io.run();
  m_state->shutdown_connections();
}

void Server::stop() {
  asio::post(m_state->io, [this] {
    boost::system::error_code ignored;
    m_state->acceptor.close(ignored);
    m_state->signals.cancel(ignored);
  });
}

} // namespace mock
