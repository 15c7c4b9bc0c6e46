#include "client/transport.hpp"

#include "client/interrupt.hpp"
#include "oss/error.hpp"
#include "util/strings.hpp"

#include <exception>
#include <mutex>

#include <curl/curl.h>

namespace client {
namespace {

constexpr std::size_t k_error_body_cap = 1u << 20;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append(Slist& list, const std::string& line) {
  curl_slist* next = curl_slist_append(list.get(), line.c_str());
  if (next == nullptr) throw std::bad_alloc();
  (void)list.release();
  list.reset(next);
}

/// State shared with the C callbacks of one request.
struct Exchange {
  const HttpRequest* request = nullptr;
  const BodySink* sink = nullptr;
  HttpResponse response;
  std::exception_ptr failure;
};

bool is_success(long status) { return status >= 200 && status < 300; }

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const std::size_t n = size * count;
  const std::string_view line = util::trim(std::string_view(data, n));
  if (util::istarts_with(line, "HTTP/")) {
    // A new status line (after 100-continue or a redirect) starts a fresh header set.
    ex->response.headers.clear();
    const auto sp = line.find(' ');
    ex->response.status =
        sp == std::string_view::npos ? 0 : std::atol(std::string(line.substr(sp + 1, 3)).c_str());
    return n;
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos)
    ex->response.headers.push_back({std::string(util::trim(line.substr(0, colon))),
                                    std::string(util::trim(line.substr(colon + 1)))});
  return n;
}

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const std::size_t n = size * count;
  try {
    if (is_success(ex->response.status) && ex->sink && *ex->sink) {
      (*ex->sink)(data, n);
    } else if (ex->response.body.size() < k_error_body_cap) {
      ex->response.body.append(data, std::min(n, k_error_body_cap - ex->response.body.size()));
    }
  } catch (...) {
    ex->failure = std::current_exception();
    return 0; // makes curl abort with CURLE_WRITE_ERROR
  }
  return n;
}

std::size_t on_read(char* buf, std::size_t size, std::size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  try {
    return ex->request->body(buf, size * count);
  } catch (...) {
    ex->failure = std::current_exception();
    return CURL_READFUNC_ABORT;
  }
}

int on_progress(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return interrupt_requested() ? 1 : 0; // non-zero aborts the transfer
}

} // namespace

void check_header_fields(const oss::Headers& headers) {
  constexpr std::string_view k_forbidden("\r\n\0", 3);
  for (const auto& h : headers) {
    // A CR or LF would end the header line and start another one (header injection); curl would
    // send them as they are. NUL would silently truncate the line.
    if (h.name.find_first_of(k_forbidden) != std::string::npos)
      throw oss::client_error("refusing to send a request: a header name contains CR, LF or NUL");
    if (h.value.find_first_of(k_forbidden) != std::string::npos)
      throw oss::client_error("refusing to send a request: the value of header " + h.name +
                              " contains CR, LF or NUL");
  }
}

struct Transport::Handle {
  CURL* easy = nullptr;
  Handle() {
    global_init();
    easy = curl_easy_init();
    if (easy == nullptr) throw TransportError("curl_easy_init failed");
  }
  ~Handle() { curl_easy_cleanup(easy); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

Transport::Transport(TransportOptions options)
    : m_options(std::move(options)), m_handle(std::make_unique<Handle>()) {}

Transport::~Transport() = default;

HttpResponse Transport::perform(const HttpRequest& request, const BodySink& sink) {
  check_header_fields(request.headers);
  CURL* easy = m_handle->easy;
  curl_easy_reset(easy); // keeps the connection cache
  Exchange ex;
  ex.request = &request;
  ex.sink = &sink;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  Slist headers;
  bool has_content_type = false;
  for (const auto& h : request.headers) {
    if (util::iequals(h.name, "content-type")) has_content_type = true;
    // "Name;" sends an empty value; "Name:" would remove the header.
    append(headers, h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
  }
  append(headers, "Accept:");
  append(headers, "Expect:");
  if (!has_content_type) append(headers, "Content-Type:");

  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  // Object keys may hold "." and ".." segments ("a/./b", "../etc"): send the path as built;
  // curl's RFC 3986 dot-segment removal would address another key or even another bucket.
  curl_easy_setopt(easy, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, m_options.connect_timeout_seconds);
  // Larger socket<->callback chunks than curl's 16/64 KiB defaults: fewer callbacks, write()
  // and CRC calls per GiB, at 2 x 256 KiB per handle.
  curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, 256L * 1024);
  curl_easy_setopt(easy, CURLOPT_UPLOAD_BUFFERSIZE, 256L * 1024);
  if (m_options.read_timeout_seconds > 0) {
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, m_options.read_timeout_seconds);
  }
  if (!m_options.user_agent.empty())
    curl_easy_setopt(easy, CURLOPT_USERAGENT, m_options.user_agent.c_str());
  if (m_options.skip_verify_cert) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }

  if (request.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (request.method == "PUT" || (request.body && request.method != "GET")) {
    // UPLOAD streams through the read callback; a known size gives Content-Length, an
    // unknown one (stdin) chunked transfer encoding.
    curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.body) {
      curl_easy_setopt(easy, CURLOPT_READFUNCTION, on_read);
      curl_easy_setopt(easy, CURLOPT_READDATA, &ex);
      if (request.body_size)
        curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE,
                         static_cast<curl_off_t>(*request.body_size));
    } else {
      curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(0));
    }
  } else if (request.method != "GET") {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  throw_if_interrupted();
  const CURLcode rc = curl_easy_perform(easy);
  if (ex.failure) std::rethrow_exception(ex.failure);
  throw_if_interrupted();
  if (rc != CURLE_OK) {
    std::string message = curl_easy_strerror(rc);
    if (error_buffer[0] != '\0') message += " (" + std::string(error_buffer) + ")";
    throw TransportError(message);
  }
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  if (status != 0) ex.response.status = status;
  return std::move(ex.response);
}

} // namespace client
