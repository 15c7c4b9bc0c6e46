#pragma once
// A connection socket as a Beast/Asio synchronous stream with deadlines (slowloris defence).
#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <cerrno>
#include <chrono>

#include <poll.h>

namespace mock {

/// The connection's socket as a Beast/Asio sync stream whose reads and writes give up with
/// `timed_out` once the current deadline passes. The socket is non-blocking underneath, so a
/// client that stops sending or reading cannot hold a thread forever (slowloris). A shutdown
/// from Server::stop wakes the poll like any other event.
class TimedStream {
public:
  using tcp = boost::asio::ip::tcp;
  using Clock = std::chrono::steady_clock;
  using executor_type = tcp::socket::executor_type;

  explicit TimedStream(tcp::socket& socket) : m_socket(socket) {
    boost::system::error_code ignored;
    m_socket.non_blocking(true, ignored);
  }
  executor_type get_executor() { return m_socket.get_executor(); }
  tcp::socket& socket() { return m_socket; }

  /// Every read and write must finish by `deadline`.
  void set_deadline(Clock::time_point deadline) {
    m_deadline = deadline;
    m_inactivity = {};
  }
  /// Each read and write must make progress within `limit` (the deadline moves on with it).
  void set_inactivity_limit(Clock::duration limit) {
    m_inactivity = limit;
    m_deadline = Clock::now() + limit;
  }
  bool timed_out() const { return m_timed_out; }

  template <typename Buffers>
  std::size_t read_some(const Buffers& buffers, boost::system::error_code& ec) {
    return transfer(POLLIN, ec, [&] { return m_socket.read_some(buffers, ec); });
  }
  template <typename Buffers> std::size_t read_some(const Buffers& buffers) {
    boost::system::error_code ec;
    const std::size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }
  template <typename Buffers>
  std::size_t write_some(const Buffers& buffers, boost::system::error_code& ec) {
    return transfer(POLLOUT, ec, [&] { return m_socket.write_some(buffers, ec); });
  }
  template <typename Buffers> std::size_t write_some(const Buffers& buffers) {
    boost::system::error_code ec;
    const std::size_t n = write_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

private:
  template <typename Operation>
  std::size_t transfer(short events, boost::system::error_code& ec, Operation&& operation) {
    if (m_inactivity.count() > 0) m_deadline = Clock::now() + m_inactivity;
    for (;;) {
      const std::size_t n = operation();
      if (ec != boost::asio::error::would_block && ec != boost::asio::error::try_again) return n;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - Clock::now());
      if (left.count() <= 0) {
        m_timed_out = true;
        ec = boost::asio::error::timed_out;
        return 0;
      }
      pollfd p{m_socket.native_handle(), events, 0};
      const int ready =
          ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count() + 1, 60'000)));
      if (ready < 0 && errno != EINTR) {
        ec = boost::system::error_code(errno, boost::system::system_category());
        return 0;
      }
    }
  }

  tcp::socket& m_socket;
  Clock::time_point m_deadline = Clock::time_point::max();
  Clock::duration m_inactivity{};
  bool m_timed_out = false;
};

} // namespace mock
