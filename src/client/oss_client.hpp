#pragma once
// Typed OSS operations over one request pipeline: build -> sign (V4 default, V1 on request)
// -> send -> check, with retries (re-signed every attempt, exponential backoff with jitter) for
// idempotent requests on network errors and 5xx, and for any request answered
// RequestTimeTooSkewed (after correcting the clock from the response Date). Other 4xx answers
// are never retried. Service errors throw ServiceResponseError (an oss::Error of kind service);
// network/TLS failures and integrity mismatches throw oss::Error(client).
// Not thread-safe; one OssClient per thread.
#include "client/body_source.hpp"
#include "client/config.hpp"
#include "client/endpoint.hpp"
#include "client/logger.hpp"
#include "client/results.hpp"
#include "client/transport.hpp"
#include "oss/error.hpp"
#include "oss/http_types.hpp"

#include <chrono>
#include <ctime>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace client {

/// A service error plus the server's Date (printed as the Timestamp line of the error block).
class ServiceResponseError : public oss::Error {
public:
  ServiceResponseError(oss::ServiceError service, std::string operation, std::string endpoint,
                       std::time_t server_time)
      : oss::Error(std::move(service), std::move(operation), std::move(endpoint)),
        m_server_time(server_time) {}
  /// Seconds since the epoch of the response Date header; 0 when absent.
  std::time_t server_time() const { return m_server_time; }

private:
  std::time_t m_server_time;
};

/// Builds the service error for a non-2xx response: the `<Error>` body, else the base64
/// `x-oss-err` header (HEAD), else Code "BadErrorResponse"; request id and EC fall back to
/// the x-oss-request-id / x-oss-ec headers.
oss::ServiceError service_error_from_response(const HttpResponse& response);

struct ClientOptions {
  ResolvedConfig config;
  /// Dry-run: state-changing requests are signed and printed to dry_run_out, never sent.
  bool dry_run = false;
  std::ostream* dry_run_out = nullptr;
  Logger* logger = nullptr;           ///< may be null
  std::function<std::time_t()> clock; ///< signing time; defaults to util::now_utc
  std::string user_agent = "ossutil-cpp";
};

/// Result of an upload or download: the response headers and what the client streamed.
struct TransferResult {
  oss::Headers headers;
  std::uint64_t bytes = 0;
  std::uint64_t crc64 = 0; ///< CRC-64 of the streamed bytes
  bool dry_run = false;    ///< nothing was sent
};

/// The error for a CRC-64 mismatch: "operation error <operation>: crc is inconsistent, client
/// <client_crc>, server <server_crc>" (oss::Error(client)). Built in one place so that
/// is_crc_mismatch keeps recognising it.
oss::Error crc_mismatch_error(const std::string& operation, const std::string& client_crc,
                              const std::string& server_crc);
/// True for an error made by crc_mismatch_error (the data, not the connection, was wrong).
bool is_crc_mismatch(const std::exception& e);

struct PartResult {
  std::string etag;
  std::uint64_t crc64 = 0;
  std::uint64_t bytes = 0;
};

struct CompletedPart {
  std::uint32_t number = 0;
  std::string etag;
};

/// Delay before retry number `attempt` (0-based): exponential from 100 ms, capped at 2 s, with
/// "equal jitter" (half fixed, half random) so parallel workers do not retry in lockstep.
std::chrono::milliseconds retry_backoff(int attempt);

class OssClient {
public:
  /// Throws oss::Error(usage) when the endpoint or addressing style is invalid.
  explicit OssClient(ClientOptions options);

  bool dry_run() const { return m_options.dry_run; }
  /// The options this client was built with (to build one client per worker thread).
  const ClientOptions& options() const { return m_options; }
  /// Seconds added to the local clock when signing, learnt from a RequestTimeTooSkewed answer.
  std::time_t clock_offset() const { return m_clock_offset; }
  /// The URL an operation addresses (for messages).
  std::string url_for(std::string_view bucket, std::string_view key,
                      const oss::QueryParams& query = {}) const;

  // Buckets
  void put_bucket(const std::string& bucket, const std::string& acl,
                  const std::string& storage_class, const std::string& redundancy_type);
  void delete_bucket(const std::string& bucket);
  BucketInfo get_bucket_info(const std::string& bucket);
  ListBucketsPage list_buckets(const std::string& marker);
  /// One page (encoding-type=url; keys come back decoded).
  ListObjectsPage list_objects_v2(const std::string& bucket, const std::string& prefix,
                                  const std::string& continuation_token, int max_keys,
                                  const std::string& delimiter = "");

  // Objects
  /// Streams the body; verifies the response x-oss-hash-crc64ecma against the bytes sent
  /// (mismatch: oss::Error(client)).
  TransferResult put_object(const std::string& bucket, const std::string& key, BodySource& body,
                            oss::Headers headers);
  /// Streams a 2xx body to sink; verifies CRC-64 for whole-object reads. range is a
  /// "bytes=a-b" value or empty. In dry-run nothing is sent (writing locally changes state).
  TransferResult get_object(const std::string& bucket, const std::string& key,
                            const std::string& range, const BodySink& sink);
  oss::Headers head_object(const std::string& bucket, const std::string& key);
  std::string get_object_acl(const std::string& bucket, const std::string& key);
  void delete_object(const std::string& bucket, const std::string& key);
  /// DeleteMultipleObjects in quiet mode: 1 to 1000 keys, each XML text (oss::is_xml_text).
  /// OSS answers no per-key result; a key that does not exist counts as deleted.
  void delete_objects(const std::string& bucket, const std::vector<std::string>& keys);
  /// CopyObject; headers may set x-oss-metadata-directive and the destination's properties.
  oss::Headers copy_object(const std::string& bucket, const std::string& key,
                           const std::string& source_bucket, const std::string& source_key,
                           oss::Headers headers);

  // Multipart (oss-api.md §5.6). SSE headers belong on initiate only.
  /// InitiateMultipartUpload; returns the UploadId.
  std::string initiate_multipart_upload(const std::string& bucket, const std::string& key,
                                        oss::Headers headers);
  /// UploadPart; returns the part's ETag (quoted, as sent) and the CRC-64 of the bytes sent,
  /// checked against the response's x-oss-hash-crc64ecma when present.
  PartResult upload_part(const std::string& bucket, const std::string& key,
                         const std::string& upload_id, std::uint32_t part_number, BodySource& body);
  /// UploadPartCopy of bytes [offset, offset+size) of the source; returns the part's ETag.
  std::string upload_part_copy(const std::string& bucket, const std::string& key,
                               const std::string& upload_id, std::uint32_t part_number,
                               const std::string& source_bucket, const std::string& source_key,
                               std::uint64_t offset, std::uint64_t size);
  /// CompleteMultipartUpload with the parts in order; returns the response headers.
  oss::Headers complete_multipart_upload(const std::string& bucket, const std::string& key,
                                         const std::string& upload_id,
                                         const std::vector<CompletedPart>& parts);
  void abort_multipart_upload(const std::string& bucket, const std::string& key,
                              const std::string& upload_id);

  // Bucket encryption
  /// Sends the XML as is with Content-Type application/xml and Content-MD5.
  void put_bucket_encryption(const std::string& bucket, const std::string& rule_xml);
  /// The server's XML body verbatim.
  std::string get_bucket_encryption(const std::string& bucket);
  void delete_bucket_encryption(const std::string& bucket);

private:
  struct Call {
    std::string operation;
    std::string method;
    std::string bucket, key;
    oss::QueryParams query;
    oss::Headers headers;
    BodySource* body = nullptr;
    const BodySink* sink = nullptr;
    bool skip_in_dry_run = false;
  };
  struct Outcome {
    HttpResponse response;
    bool dry_run = false;
  };
  Outcome execute(const Call& call);
  /// execute() with an XML request body, its Content-Type and the Content-MD5 OSS asks for.
  Outcome execute_xml(Call call, const std::string& xml);
  oss::SignableRequest sign(const Call& call) const;
  void print_dry_run(const Call& call, const oss::Headers& signed_headers) const;
  void log_request(const Call& call, const std::string& url, const oss::Headers& headers) const;
  void log_response(const std::string& url, const HttpResponse& response) const;

  ClientOptions m_options;
  std::time_t m_clock_offset = 0;
  Endpoint m_endpoint;
  AddressingStyle m_style;
  Transport m_transport;
};

} // namespace client
