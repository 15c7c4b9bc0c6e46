#include "mock/http/session.hpp"

#include "mock/http/body_pipeline.hpp"
#include "mock/http/server.hpp"
#include "mock/http/timed_stream.hpp"
#include "oss/http_types.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <span>
#include <vector>

#include <poll.h>
#include <sys/socket.h>

namespace mock {
namespace {

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Parser = http::request_parser<http::buffer_body>;

/// Body chunk: large enough that syscalls, locking and per-chunk hashing setup are noise.
constexpr std::size_t k_chunk = std::size_t{1024} * 1024;
/// Chunks in flight for a pipelined body: one being received, the others queued or consumed.
constexpr std::size_t k_pipeline_buffers = 4;
/// Bodies from this size on are pipelined.
constexpr std::uint64_t k_pipeline_threshold = 2 * k_chunk;
constexpr std::size_t k_parser_buffer = std::size_t{64} * 1024;
constexpr std::size_t k_response_chunk = std::size_t{256} * 1024;
constexpr std::size_t k_max_small_body = std::size_t{8} * 1024 * 1024;
constexpr std::size_t k_max_drain = std::size_t{1024} * 1024;
/// OSS's PutObject limit is 5 GiB; ossmock accepts more (multipart objects arrive whole in
/// tests of other tools) but not without bound.
constexpr std::uint64_t k_max_body = std::uint64_t{1} << 40;

/// The peer went away or sent garbage while we were reading the body.
struct BrokenConnection {};

using Clock = TimedStream::Clock;

Clock::duration seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

/// Waits up to `limit` for the first byte of the next request (already buffered bytes count).
/// Returns false when the connection was idle for that long or the peer went away.
bool wait_for_request(TimedStream& stream, const boost::beast::flat_buffer& buffer,
                      Clock::duration limit) {
  if (buffer.size() > 0) return true;
  const auto deadline = Clock::now() + limit;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{stream.socket().native_handle(), POLLIN, 0};
    const int ready =
        ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count() + 1, 60'000)));
    if (ready > 0) return true; // data, EOF or an error: read_header sorts it out
    if (ready < 0 && errno != EINTR) return false;
  }
}

RequestHead make_head(const Parser& parser) {
  const auto& req = parser.get();
  RequestHead head;
  head.method = std::string(req.method_string());
  head.target = std::string(req.target());
  const auto q = head.target.find('?');
  head.raw_path = head.target.substr(0, q);
  if (q != std::string::npos) head.raw_query = head.target.substr(q + 1);
  head.query = oss::parse_query(head.raw_query);
  for (const auto& field : req)
    head.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  head.host = std::string(req[http::field::host]);
  if (auto length = parser.content_length()) head.content_length = *length;
  head.chunked = parser.chunked();
  return head;
}

/// Fills `out` with the next body bytes of a Content-Length body: first those the header read
/// already buffered, then straight from the socket. Large reads matter: Beast's parser would
/// receive a body through its flat_buffer in 512-byte `recv` calls and copy every byte once
/// more. Returns the count (less than out.size() only at the end of the body).
std::size_t read_length_body(TimedStream& socket, boost::beast::flat_buffer& buffer,
                             std::uint64_t& remaining, std::span<char> out) {
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, out.size()));
  std::size_t got = std::min(want, buffer.size());
  if (got > 0) {
    boost::asio::buffer_copy(boost::asio::buffer(out.data(), got), buffer.data());
    buffer.consume(got);
  }
  while (got < want) {
    boost::system::error_code ec;
    const std::size_t n = socket.read_some(boost::asio::buffer(out.data() + got, want - got), ec);
    if (ec || n == 0) throw BrokenConnection{};
    got += n;
  }
  remaining -= got;
  return got;
}

/// Reads the rest of the body in chunks of up to k_chunk bytes, handing each to `consume`.
template <typename Consume>
void read_body(TimedStream& socket, boost::beast::flat_buffer& buffer, Parser& parser,
               Consume&& consume) {
  if (!parser.chunked() && parser.content_length()) {
    std::uint64_t remaining = *parser.content_length();
    std::vector<char> chunk(static_cast<std::size_t>(std::min<std::uint64_t>(remaining, k_chunk)));
    while (remaining > 0) {
      const std::size_t n = read_length_body(socket, buffer, remaining, chunk);
      consume(chunk.data(), n);
    }
    return;
  }
  // Chunked (or close-delimited) bodies go through the parser; a larger buffer lets it read
  // 64 KiB at a time instead of 512 bytes.
  buffer.reserve(k_parser_buffer);
  std::vector<char> chunk(k_chunk);
  while (!parser.is_done()) {
    auto& body = parser.get().body();
    body.data = chunk.data();
    body.size = chunk.size();
    boost::beast::error_code ec;
    http::read(socket, buffer, parser, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) throw BrokenConnection{};
    consume(chunk.data(), chunk.size() - body.size);
  }
}

/// Streams the body into `sink`. A large body is received on this thread while the sink's lanes
/// (MD5 on one thread, CRC-64 and storage on another) work on earlier chunks, bounded by
/// k_pipeline_buffers x k_chunk; small bodies are handled inline, where threads would cost
/// more than they save.
void read_body_into(TimedStream& socket, boost::beast::flat_buffer& buffer, Parser& parser,
                    BodySink& sink) {
  const auto length = parser.content_length();
  if (parser.chunked() || !length || *length < k_pipeline_threshold) {
    read_body(socket, buffer, parser,
              [&](const char* data, std::size_t n) { sink.write(data, n); });
    return;
  }
  BodyPipeline pipeline(sink.lanes(), k_pipeline_buffers, k_chunk);
  std::uint64_t remaining = *length;
  while (remaining > 0) {
    const std::span<char> out = pipeline.acquire();
    pipeline.submit(read_length_body(socket, buffer, remaining, out));
  }
  pipeline.finish();
}

void send_continue(TimedStream& socket) {
  static constexpr char k_continue[] = "HTTP/1.1 100 Continue\r\n\r\n";
  boost::system::error_code ec;
  boost::asio::write(socket, boost::asio::buffer(k_continue, sizeof k_continue - 1), ec);
  if (ec) throw BrokenConnection{};
}

std::string header_safe(std::string_view value) {
  std::string out(value);
  for (char& c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

template <typename Message>
void set_headers(Message& message, const Response& response, bool keep_alive) {
  message.result(static_cast<unsigned>(response.status));
  message.version(11);
  for (const auto& h : response.headers)
    message.insert(boost::beast::string_view(h.name), header_safe(h.value));
  message.keep_alive(keep_alive);
}

bool no_body_status(int status) { return status == 204 || status == 304 || status < 200; }

/// Writes the response; returns false when the connection broke.
bool write_response(TimedStream& socket, Response& response, bool head_request, bool keep_alive) {
  boost::beast::error_code ec;
  if (response.blob && !head_request) {
    http::response<http::buffer_body> message;
    set_headers(message, response, keep_alive);
    message.content_length(response.blob_length);
    message.body().data = nullptr;
    message.body().more = true;
    http::response_serializer<http::buffer_body> serializer{message};
    http::write_header(socket, serializer, ec);
    if (ec) return false;
    std::vector<char> chunk(k_response_chunk);
    std::uint64_t offset = response.blob_offset;
    std::uint64_t remaining = response.blob_length;
    while (remaining > 0) {
      const std::size_t want =
          static_cast<std::size_t>(std::min<std::uint64_t>(remaining, chunk.size()));
      std::size_t got = 0;
      try {
        got = response.blob->read(offset, chunk.data(), want);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "ossmock: error: reading object data: %s\n", e.what());
        return false; // headers are out; the only honest signal left is closing
      }
      if (got == 0) return false;
      offset += got;
      remaining -= got;
      message.body().data = chunk.data();
      message.body().size = got;
      message.body().more = remaining > 0;
      http::write(socket, serializer, ec);
      if (ec == http::error::need_buffer) ec = {};
      if (ec) return false;
    }
    message.body().data = nullptr;
    message.body().more = false;
    http::write(socket, serializer, ec);
    return !ec;
  }
  http::response<http::string_body> message;
  set_headers(message, response, keep_alive);
  if (head_request) {
    // HEAD: announce the length a GET would return, send no body.
    if (!no_body_status(response.status))
      message.set(http::field::content_length, std::to_string(response.head_length.value_or(0)));
    http::response_serializer<http::string_body> serializer{message};
    http::write_header(socket, serializer, ec);
    return !ec;
  }
  if (!no_body_status(response.status)) {
    message.body() = std::move(response.body);
    message.content_length(message.body().size());
  }
  http::write(socket, message, ec);
  return !ec;
}

/// After an early error with an unread body: stop sending, then discard what the client is
/// still sending for a moment so that the close does not reset the connection before the
/// client has read the response.
void lingering_close(tcp::socket& socket) {
  const int fd = socket.native_handle();
  ::shutdown(fd, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  char sink[16384];
  std::size_t total = 0;
  while (std::chrono::steady_clock::now() < deadline && total < std::size_t{64} * 1024 * 1024) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    const ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
    if (n <= 0) break;
    total += static_cast<std::size_t>(n);
  }
}

/// A request that is not HTTP/1.1 we can parse (as opposed to a closed connection).
bool is_protocol_error(const boost::beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

/// A request Beast cannot parse still gets an OSS error body with a request id, so that a
/// client sees a code and something to quote, then the connection is closed.
void reject_malformed(TimedStream& stream, const boost::beast::error_code& ec,
                      std::size_t header_limit) {
  const ApiError error =
      ec == http::error::header_limit
          ? errors::request_header_too_large(header_limit)
          : errors::malformed_request("ossmock cannot parse the HTTP/1.1 request: " + ec.message() +
                                      ".");
  const std::string request_id = new_request_id();
  // No host is known for a request that did not parse: HostId stays empty.
  Response response = error_response(error, request_id, std::string(), false);
  add_common_headers(response, request_id);
  std::fprintf(stderr, "ossmock: rejected a malformed request: %s (%s)\n", ec.message().c_str(),
               request_id.c_str());
  write_response(stream, response, false, false);
  lingering_close(stream.socket());
}

void log_request(const RequestHead& head, int status, const std::string& request_id,
                 std::chrono::steady_clock::time_point start) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  const std::string target = redact_target(head.target);
  std::fprintf(stderr, "%s %s %d %s %lldms\n", head.method.c_str(), target.c_str(), status,
               request_id.c_str(), static_cast<long long>(ms));
}

} // namespace

void serve_connection(tcp::socket& socket, const Dispatcher& dispatcher) {
  boost::beast::flat_buffer buffer;
  Services& services = dispatcher.services();
  const HttpLimits& limits = services.options.http;
  TimedStream stream(socket);
  constexpr std::size_t k_header_limit = std::size_t{64} * 1024;
  for (bool first = true;; first = false) {
    // The first request must arrive within the header timeout of the accept; later ones may
    // keep the connection idle for the idle timeout, then have the header timeout.
    if (!first && !wait_for_request(stream, buffer, seconds(limits.idle_timeout_s))) return;
    stream.set_deadline(Clock::now() + seconds(limits.header_timeout_s));
    Parser parser;
    parser.header_limit(k_header_limit);
    parser.body_limit(k_max_body);
    boost::beast::error_code ec;
    http::read_header(stream, buffer, parser, ec);
    if (ec) {
      if (stream.timed_out() && (first || buffer.size() > 0))
        std::fprintf(stderr,
                     "ossmock: closed a connection whose request header was not complete "
                     "within %gs\n",
                     limits.header_timeout_s);
      if (is_protocol_error(ec)) {
        stream.set_inactivity_limit(seconds(limits.body_timeout_s));
        reject_malformed(stream, ec, k_header_limit);
      }
      return;
    }
    stream.set_inactivity_limit(seconds(limits.body_timeout_s));
    const auto start = std::chrono::steady_clock::now();

    Context ctx{services, make_head(parser), {}, {}, new_request_id(), {}, nullptr};
    {
      boost::system::error_code endpoint_ec;
      const auto peer = socket.remote_endpoint(endpoint_ec);
      ctx.head.from_loopback =
          !endpoint_ec && (peer.address().is_loopback() ||
                           (peer.address().is_v6() && peer.address().to_v6().is_v4_mapped() &&
                            peer.address().to_v6().to_v4().is_loopback()));
    }
    ctx.target = resolve_target(ctx.head.host, ctx.head.raw_path, services.options.region);
    const bool head_request = ctx.head.method == "HEAD";
    const std::string* expect = ctx.head.header("Expect");
    const bool expect_continue = expect != nullptr && util::iequals(*expect, "100-continue");
    bool body_read = !ctx.head.has_body();
    Response response;
    try {
      try {
        const Route& route = dispatcher.begin(ctx);
        if (!body_read) {
          if (expect_continue) send_continue(stream);
          if (ctx.sink) {
            read_body_into(stream, buffer, parser, *ctx.sink);
          } else {
            bool too_large = false;
            read_body(stream, buffer, parser, [&](const char* data, std::size_t n) {
              if (ctx.body.size() + n > k_max_small_body)
                too_large = true;
              else
                ctx.body.append(data, n);
            });
            if (too_large) throw errors::entity_too_large(k_max_small_body);
          }
          body_read = true;
        }
        response = dispatcher.finish(ctx, route);
      } catch (const ApiError&) {
        throw;
      } catch (const BrokenConnection&) {
        throw;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "ossmock: error: %s %s: %s\n", ctx.head.method.c_str(),
                     redact_target(ctx.head.target).c_str(), e.what());
        throw errors::internal_error("ossmock internal error; see the server log (request " +
                                     ctx.request_id + ").");
      }
    } catch (const ApiError& error) {
      response = dispatcher.error_response(error, ctx);
    } catch (const BrokenConnection&) {
      log_request(ctx.head, 499, ctx.request_id, start);
      return;
    }
    ctx.sink.reset(); // an unused upload removes its temp file now

    // An unread small body without Expect is drained so that the connection can be reused.
    if (!body_read && !expect_continue && ctx.head.content_length &&
        *ctx.head.content_length <= k_max_drain) {
      try {
        read_body(stream, buffer, parser, [](const char*, std::size_t) {});
        body_read = true;
      } catch (const BrokenConnection&) {
        return;
      }
    }
    const bool keep_alive = parser.get().keep_alive() && body_read;
    add_common_headers(response, ctx.request_id);
    // Small responses are logged before they are sent, so that a client that has its answer
    // finds the request in the log (tests read it right after the client exits); streamed
    // bodies are logged once the stream ends.
    const bool streamed = response.blob && !head_request;
    if (!streamed) log_request(ctx.head, response.status, ctx.request_id, start);
    const bool written = write_response(stream, response, head_request, keep_alive);
    if (streamed) log_request(ctx.head, response.status, ctx.request_id, start);
    if (!written) return;
    if (!keep_alive) {
      if (!body_read)
        lingering_close(socket);
      else {
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_send, ignored);
      }
      return;
    }
  }
}

} // namespace mock
