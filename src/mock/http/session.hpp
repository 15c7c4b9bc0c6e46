#pragma once
// One HTTP/1.1 connection: read a request head, run the dispatcher, stream the body in and
// the response out, repeat while keep-alive.
#include "mock/dispatcher.hpp"

#include <boost/asio/ip/tcp.hpp>

namespace mock {

/// Serves requests on `socket` until the peer closes, an I/O error occurs, or the socket is
/// shut down from outside. Never throws.
void serve_connection(boost::asio::ip::tcp::socket& socket, const Dispatcher& dispatcher);

} // namespace mock
