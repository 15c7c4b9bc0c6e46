#pragma once
// The OSS error model: what a service error carries, its XML body, and the exception the
// client layers throw. Pure; no I/O.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oss {

/// An OSS error response (`<Error>` body plus status and request id).
struct ServiceError {
  int http_status = 0;
  std::string code;       ///< e.g. "NoSuchKey"
  std::string message;    ///< e.g. "The specified key does not exist."
  std::string request_id; ///< 24 upper-case hex characters
  std::string host_id;
  std::string ec; ///< e.g. "0026-00000001"
  /// Error-specific elements (BucketName, Key, StringToSign, …) in document order.
  std::vector<std::pair<std::string, std::string>> extras;
};

/// Serialises as OSS does: XML declaration, `<Error>` with Code, Message, RequestId, HostId,
/// the extras, EC and RecommendDoc (omitted when ec is empty).
std::string to_error_xml(const ServiceError& error);

/// Parses an `<Error>` body. Returns false (leaving `out` partly filled) when the body is not
/// an OSS error document.
bool parse_error_xml(std::string_view body, ServiceError& out);

/// What went wrong, which decides ossutil's exit code (mapped once in src/cli).
enum class ErrorKind {
  usage,   ///< bad flag, argument or value; nothing was sent (exit 1)
  service, ///< the server answered non-2xx (exit 2)
  client,  ///< network, TLS, local I/O, integrity (exit 3)
};

/// The exception thrown by oss, client and cli code. `what()` is a one-line summary.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Error(ServiceError service, std::string operation, std::string endpoint);

  ErrorKind kind() const { return m_kind; }
  /// Set only for ErrorKind::service.
  const ServiceError& service() const { return m_service; }
  /// SDK operation name ("PutObject"), for ErrorKind::service.
  const std::string& operation() const { return m_operation; }
  /// "METHOD URL" of the failed request, for ErrorKind::service.
  const std::string& endpoint() const { return m_endpoint; }

private:
  ErrorKind m_kind;
  ServiceError m_service;
  std::string m_operation;
  std::string m_endpoint;
};

/// Convenience constructors.
Error usage_error(const std::string& message);
Error client_error(const std::string& message);

} // namespace oss
