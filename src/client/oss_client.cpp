// The request pipeline of OssClient: build -> sign -> send -> check, with retries.
#include "client/oss_client.hpp"

#include "client/interrupt.hpp"
#include "client/redact.hpp"
#include "oss/signer_v1.hpp"
#include "oss/signer_v4.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace client {
namespace {

bool is_success(long status) { return status >= 200 && status < 300; }

} // namespace

std::chrono::milliseconds retry_backoff(int attempt) {
  // 100 ms, 200 ms, … capped at 2 s: rides out a restart, and a dead endpoint still fails
  // within ~15 s with the default 10 retries.
  const int shift = std::min(attempt, 5);
  const long base = std::min(100L << shift, 2000L);
  thread_local std::minstd_rand rng{std::random_device{}()};
  return std::chrono::milliseconds(
      base / 2 + static_cast<long>(rng() % static_cast<unsigned long>(base / 2 + 1)));
}

oss::ServiceError service_error_from_response(const HttpResponse& response) {
  oss::ServiceError error;
  bool parsed = false;
  if (!response.body.empty()) parsed = oss::parse_error_xml(response.body, error);
  if (!parsed) {
    if (const auto* encoded = oss::find_header(response.headers, "x-oss-err")) {
      if (const auto xml = util::base64_decode(*encoded))
        parsed = oss::parse_error_xml(*xml, error);
    }
  }
  if (!parsed || error.code.empty()) {
    error.code = "BadErrorResponse";
    if (error.message.empty())
      error.message = response.body.empty()
                          ? "Empty response body, HTTP status " + std::to_string(response.status)
                          : "Failed to parse the error response body";
  }
  error.http_status = static_cast<int>(response.status);
  if (error.request_id.empty())
    if (const auto* id = oss::find_header(response.headers, "x-oss-request-id"))
      error.request_id = *id;
  if (error.ec.empty())
    if (const auto* ec = oss::find_header(response.headers, "x-oss-ec")) error.ec = *ec;
  return error;
}

OssClient::OssClient(ClientOptions options)
    : m_options(std::move(options)), m_endpoint(parse_endpoint(m_options.config.endpoint)),
      m_style(
          effective_style(parse_addressing_style(m_options.config.addressing_style), m_endpoint)),
      m_transport(TransportOptions{m_options.config.connect_timeout, m_options.config.read_timeout,
                                   m_options.config.skip_verify_cert, m_options.user_agent}) {
  if (!m_options.clock) m_options.clock = util::now_utc;
}

std::string OssClient::url_for(std::string_view bucket, std::string_view key,
                               const oss::QueryParams& query) const {
  return build_url(m_endpoint, m_style, bucket, key, query);
}

oss::SignableRequest OssClient::sign(const Call& call) const {
  oss::SignableRequest request{call.method, call.bucket, call.key, call.query, call.headers};
  const std::time_t now = m_options.clock() + m_clock_offset;
  if (m_options.config.sign_version == "v1") {
    oss::v1::sign_header(request, m_options.config.credentials, now);
  } else {
    oss::v4::SignOptions options;
    options.credentials = m_options.config.credentials;
    options.region = oss::v4::standard_region(m_options.config.region);
    options.time = now;
    oss::v4::sign_header(request, options);
  }
  return request;
}

void OssClient::print_dry_run(const Call& call, const oss::Headers& signed_headers) const {
  if (m_options.dry_run_out == nullptr) return;
  oss::Headers shown = signed_headers;
  if (call.body != nullptr) {
    if (const auto size = call.body->size())
      shown.push_back({"Content-Length", std::to_string(*size)});
    else
      shown.push_back({"Transfer-Encoding", "chunked"});
  } else if (call.method == "PUT" || call.method == "POST") {
    shown.push_back({"Content-Length", "0"});
  }
  std::string text = "[dry-run] " + call.operation + ": " + call.method + " " +
                     redact_url(url_for(call.bucket, call.key, call.query)) + "\n" +
                     format_headers(shown, "  ");
  text = redact_secrets(std::move(text), {m_options.config.credentials.access_key_secret,
                                          m_options.config.credentials.security_token});
  *m_options.dry_run_out << text << std::flush;
}

void OssClient::log_request(const Call& call, const std::string& url,
                            const oss::Headers& headers) const {
  Logger* log = m_options.logger;
  // Nothing to build (or redact) on every request when logging is off.
  if (log == nullptr || !log->enabled(LogLevel::info)) return;
  if (log->enabled(LogLevel::debug))
    log->log(LogLevel::debug, "> " + call.operation + ": " + call.method + " " + redact_url(url) +
                                  "\n" + format_headers(headers, "> "));
  else
    log->log(LogLevel::info, call.operation + ": " + call.method + " " + redact_url(url));
}

void OssClient::log_response(const std::string& url, const HttpResponse& response) const {
  Logger* log = m_options.logger;
  if (log == nullptr || !log->enabled(LogLevel::info)) return;
  if (log->enabled(LogLevel::debug)) {
    std::string text = "< HTTP " + std::to_string(response.status) + " " + redact_url(url) + "\n" +
                       format_headers(response.headers, "< ");
    if (!is_success(response.status) && !response.body.empty()) text += response.body;
    log->log(LogLevel::debug, text);
  } else {
    log->log(LogLevel::info, "HTTP " + std::to_string(response.status) + " " + redact_url(url));
  }
}

OssClient::Outcome OssClient::execute(const Call& call) {
  const std::string url = url_for(call.bucket, call.key, call.query);
  const std::string endpoint = call.method + " " + url;
  const bool changes_state =
      call.skip_in_dry_run || (call.method != "GET" && call.method != "HEAD");
  const bool idempotent = call.method != "POST";
  const int attempts = 1 + (idempotent ? std::max(0, m_options.config.retry_times) : 0);

  std::uint64_t delivered = 0; // body bytes handed to the sink; a retry must not repeat them
  BodySink counting_sink;
  if (call.sink != nullptr && *call.sink) {
    counting_sink = [&](const char* data, std::size_t size) {
      delivered += size;
      (*call.sink)(data, size);
    };
  }

  bool skew_corrected = false; // one correction per call; it does not use up a retry
  bool resend_now = false;
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0 && !resend_now) std::this_thread::sleep_for(retry_backoff(attempt - 1));
    resend_now = false;
    throw_if_interrupted();
    const oss::SignableRequest signed_request = sign(call);
    if (m_options.dry_run && changes_state) {
      print_dry_run(call, signed_request.headers);
      return {HttpResponse{200, {}, {}}, true};
    }
    HttpRequest request{call.method, url, signed_request.headers, {}, std::nullopt};
    if (call.body != nullptr) {
      request.body = [&call](char* buf, std::size_t max) { return call.body->read(buf, max); };
      request.body_size = call.body->size();
    }
    log_request(call, url, request.headers);

    const auto can_retry = [&] {
      if (attempt + 1 >= attempts || delivered > 0) return false;
      return call.body == nullptr || call.body->rewind();
    };
    HttpResponse response;
    try {
      response = m_transport.perform(request, counting_sink);
    } catch (const TransportError& e) {
      if (m_options.logger) m_options.logger->log(LogLevel::info, endpoint + ": " + e.what());
      if (can_retry()) continue;
      throw oss::client_error("operation error " + call.operation + ": " + call.method + " \"" +
                              url + "\": " + e.what());
    }
    log_response(url, response);
    if (is_success(response.status)) return {std::move(response), false};
    if (response.status >= 500 && can_retry()) continue;

    const auto* date = oss::find_header(response.headers, "Date");
    const std::time_t server_time = date ? util::parse_rfc1123(*date).value_or(0) : 0;
    oss::ServiceError error = service_error_from_response(response);
    // OSS: a request more than 15 min off is refused; the answer's Date is the server clock.
    // Correct the offset and re-sign (POST too: the request was refused, nothing happened).
    if (error.code == "RequestTimeTooSkewed" && server_time != 0 && !skew_corrected &&
        (call.body == nullptr || call.body->rewind())) {
      skew_corrected = true;
      resend_now = true;
      m_clock_offset = server_time - m_options.clock();
      if (m_options.logger)
        m_options.logger->log(LogLevel::info,
                              "clock offset corrected by " + std::to_string(m_clock_offset) + " s");
      --attempt; // the correction does not use up a retry
      continue;
    }
    throw ServiceResponseError(std::move(error), call.operation, endpoint, server_time);
  }
}

} // namespace client
