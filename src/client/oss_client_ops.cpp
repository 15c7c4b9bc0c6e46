// The typed operations of OssClient (one request each, through execute()).
#include "client/oss_client.hpp"
#include "oss/crc64.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

#include <string_view>

namespace client {
namespace {

/// Forwards a body and computes its CRC-64; a rewind starts the CRC over.
class CrcBodySource : public BodySource {
public:
  explicit CrcBodySource(BodySource& inner) : m_inner(inner) {}
  std::size_t read(char* buf, std::size_t max) override {
    const std::size_t n = m_inner.read(buf, max);
    m_crc = oss::crc64_update(m_crc, buf, n);
    m_bytes += n;
    return n;
  }
  std::optional<std::uint64_t> size() const override { return m_inner.size(); }
  bool rewind() override {
    if (!m_inner.rewind()) return false;
    m_crc = 0;
    m_bytes = 0;
    return true;
  }
  std::uint64_t crc() const { return m_crc; }
  std::uint64_t bytes() const { return m_bytes; }

private:
  BodySource& m_inner;
  std::uint64_t m_crc = 0;
  std::uint64_t m_bytes = 0;
};

/// What crc_mismatch_error writes and is_crc_mismatch looks for.
constexpr std::string_view k_crc_mismatch = "crc is inconsistent";

/// OSS: x-oss-hash-crc64ecma is the decimal CRC-64 of the whole object; absent = not checked.
void check_crc(const std::string& operation, const oss::Headers& headers,
               std::uint64_t client_crc) {
  const auto* server = oss::find_header(headers, "x-oss-hash-crc64ecma");
  if (server == nullptr || server->empty()) return;
  const std::string mine = oss::crc64_to_string(client_crc);
  if (mine != *server) throw crc_mismatch_error(operation, mine, *server);
}

/// As the Go SDK: the key percent-encoded with '/' kept (the mock decodes either form).
oss::Header copy_source_header(const std::string& source_bucket, const std::string& source_key) {
  return {"x-oss-copy-source", "/" + source_bucket + "/" + util::percent_encode(source_key, true)};
}

} // namespace

oss::Error crc_mismatch_error(const std::string& operation, const std::string& client_crc,
                              const std::string& server_crc) {
  return oss::client_error("operation error " + operation + ": " + std::string(k_crc_mismatch) +
                           ", client " + client_crc + ", server " + server_crc);
}

bool is_crc_mismatch(const std::exception& e) {
  return std::string_view(e.what()).find(k_crc_mismatch) != std::string_view::npos;
}

OssClient::Outcome OssClient::execute_xml(Call call, const std::string& xml) {
  StringBodySource body(xml);
  call.headers.push_back({"Content-Type", "application/xml"});
  call.headers.push_back({"Content-MD5", util::base64_encode(util::md5(xml))});
  call.body = &body;
  return execute(call);
}

void OssClient::put_bucket(const std::string& bucket, const std::string& acl,
                           const std::string& storage_class, const std::string& redundancy_type) {
  Call call{"PutBucket", "PUT", bucket, "", {}, {}};
  if (!acl.empty()) call.headers.push_back({"x-oss-acl", acl});
  if (storage_class.empty() && redundancy_type.empty()) {
    execute(call);
    return;
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateBucketConfiguration>";
  if (!storage_class.empty())
    xml += "<StorageClass>" + util::xml_escape(storage_class) + "</StorageClass>";
  if (!redundancy_type.empty())
    xml += "<DataRedundancyType>" + util::xml_escape(redundancy_type) + "</DataRedundancyType>";
  xml += "</CreateBucketConfiguration>";
  execute_xml(std::move(call), xml);
}

void OssClient::delete_bucket(const std::string& bucket) {
  execute(Call{"DeleteBucket", "DELETE", bucket, "", {}, {}});
}

BucketInfo OssClient::get_bucket_info(const std::string& bucket) {
  return parse_bucket_info(
      execute(Call{"GetBucketInfo", "GET", bucket, "", {{"bucketInfo", ""}}, {}}).response.body);
}

ListBucketsPage OssClient::list_buckets(const std::string& marker) {
  Call call{"ListBuckets", "GET", "", "", {}, {}};
  if (!marker.empty()) call.query.emplace_back("marker", marker);
  return parse_list_buckets(execute(call).response.body);
}

ListObjectsPage OssClient::list_objects_v2(const std::string& bucket, const std::string& prefix,
                                           const std::string& continuation_token, int max_keys,
                                           const std::string& delimiter) {
  Call call{"ListObjectsV2", "GET", bucket, "", {{"list-type", "2"}, {"encoding-type", "url"}}, {}};
  if (!prefix.empty()) call.query.emplace_back("prefix", prefix);
  if (!delimiter.empty()) call.query.emplace_back("delimiter", delimiter);
  if (!continuation_token.empty())
    call.query.emplace_back("continuation-token", continuation_token);
  if (max_keys > 0) call.query.emplace_back("max-keys", std::to_string(max_keys));
  return parse_list_objects_v2(execute(call).response.body);
}

TransferResult OssClient::put_object(const std::string& bucket, const std::string& key,
                                     BodySource& body, oss::Headers headers) {
  CrcBodySource crc_body(body);
  Call call{"PutObject", "PUT", bucket, key, {}, std::move(headers)};
  call.body = &crc_body;
  Outcome outcome = execute(call);
  TransferResult result{std::move(outcome.response.headers), crc_body.bytes(), crc_body.crc(),
                        outcome.dry_run};
  if (!outcome.dry_run) check_crc("PutObject", result.headers, result.crc64);
  return result;
}

TransferResult OssClient::get_object(const std::string& bucket, const std::string& key,
                                     const std::string& range, const BodySink& sink) {
  std::uint64_t crc = 0;
  std::uint64_t bytes = 0;
  const BodySink crc_sink = [&](const char* data, std::size_t size) {
    crc = oss::crc64_update(crc, data, size);
    bytes += size;
    sink(data, size);
  };
  Call call{"GetObject", "GET", bucket, key, {}, {}};
  if (!range.empty()) call.headers.push_back({"Range", range});
  call.sink = &crc_sink;
  call.skip_in_dry_run = true;
  Outcome outcome = execute(call);
  TransferResult result{std::move(outcome.response.headers), bytes, crc, outcome.dry_run};
  // A ranged GET still carries the whole object's CRC, so only whole reads are checked.
  if (!outcome.dry_run && range.empty()) check_crc("GetObject", result.headers, crc);
  return result;
}

oss::Headers OssClient::head_object(const std::string& bucket, const std::string& key) {
  return execute(Call{"HeadObject", "HEAD", bucket, key, {}, {}}).response.headers;
}

std::string OssClient::get_object_acl(const std::string& bucket, const std::string& key) {
  return parse_acl(
      execute(Call{"GetObjectAcl", "GET", bucket, key, {{"acl", ""}}, {}}).response.body);
}

void OssClient::delete_object(const std::string& bucket, const std::string& key) {
  execute(Call{"DeleteObject", "DELETE", bucket, key, {}, {}});
}

oss::Headers OssClient::copy_object(const std::string& bucket, const std::string& key,
                                    const std::string& source_bucket, const std::string& source_key,
                                    oss::Headers headers) {
  headers.push_back(copy_source_header(source_bucket, source_key));
  return execute(Call{"CopyObject", "PUT", bucket, key, {}, std::move(headers)}).response.headers;
}

std::string OssClient::initiate_multipart_upload(const std::string& bucket, const std::string& key,
                                                 oss::Headers headers) {
  Call call{"InitiateMultipartUpload", "POST", bucket, key, {{"uploads", ""}}, std::move(headers)};
  Outcome outcome = execute(call);
  if (outcome.dry_run) return "dry-run-upload-id";
  return parse_initiate_multipart_upload(outcome.response.body);
}

PartResult OssClient::upload_part(const std::string& bucket, const std::string& key,
                                  const std::string& upload_id, std::uint32_t part_number,
                                  BodySource& body) {
  CrcBodySource crc_body(body);
  Call call{"UploadPart",
            "PUT",
            bucket,
            key,
            {{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}},
            {}};
  call.body = &crc_body;
  Outcome outcome = execute(call);
  if (!outcome.dry_run) check_crc("UploadPart", outcome.response.headers, crc_body.crc());
  const auto* etag = oss::find_header(outcome.response.headers, "ETag");
  return {etag ? *etag : "", crc_body.crc(), crc_body.bytes()};
}

std::string OssClient::upload_part_copy(const std::string& bucket, const std::string& key,
                                        const std::string& upload_id, std::uint32_t part_number,
                                        const std::string& source_bucket,
                                        const std::string& source_key, std::uint64_t offset,
                                        std::uint64_t size) {
  Call call{"UploadPartCopy",
            "PUT",
            bucket,
            key,
            {{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}},
            {}};
  call.headers.push_back(copy_source_header(source_bucket, source_key));
  if (size > 0)
    call.headers.push_back({"x-oss-copy-source-range", "bytes=" + std::to_string(offset) + "-" +
                                                           std::to_string(offset + size - 1)});
  Outcome outcome = execute(call);
  if (outcome.dry_run) return "";
  return parse_copy_part_etag(outcome.response.body);
}

oss::Headers OssClient::complete_multipart_upload(const std::string& bucket, const std::string& key,
                                                  const std::string& upload_id,
                                                  const std::vector<CompletedPart>& parts) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload>";
  for (const auto& p : parts)
    xml += "<Part><PartNumber>" + std::to_string(p.number) + "</PartNumber><ETag>" +
           util::xml_escape(p.etag) + "</ETag></Part>";
  xml += "</CompleteMultipartUpload>";
  return execute_xml(
             {"CompleteMultipartUpload", "POST", bucket, key, {{"uploadId", upload_id}}, {}}, xml)
      .response.headers;
}

void OssClient::delete_objects(const std::string& bucket, const std::vector<std::string>& keys) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delete><Quiet>true</Quiet>";
  for (const auto& key : keys)
    xml += "<Object><Key>" + util::xml_escape(key) + "</Key></Object>";
  xml += "</Delete>";
  execute_xml({"DeleteMultipleObjects", "POST", bucket, "", {{"delete", ""}}, {}}, xml);
}

void OssClient::abort_multipart_upload(const std::string& bucket, const std::string& key,
                                       const std::string& upload_id) {
  execute(Call{"AbortMultipartUpload", "DELETE", bucket, key, {{"uploadId", upload_id}}, {}});
}

void OssClient::put_bucket_encryption(const std::string& bucket, const std::string& rule_xml) {
  execute_xml({"PutBucketEncryption", "PUT", bucket, "", {{"encryption", ""}}, {}}, rule_xml);
}

std::string OssClient::get_bucket_encryption(const std::string& bucket) {
  return execute(Call{"GetBucketEncryption", "GET", bucket, "", {{"encryption", ""}}, {}})
      .response.body;
}

void OssClient::delete_bucket_encryption(const std::string& bucket) {
  execute(Call{"DeleteBucketEncryption", "DELETE", bucket, "", {{"encryption", ""}}, {}});
}

} // namespace client
