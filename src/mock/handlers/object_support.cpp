#include "mock/handlers/object_support.hpp"

#include "mock/dispatcher.hpp"
#include "mock/errors.hpp"
#include "mock/handlers/support.hpp"
#include "mock/sse_policy.hpp"
#include "oss/crc64.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace mock::handlers {
namespace {

constexpr std::array<std::string_view, 5> k_content_headers = {
    "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"};

constexpr std::string_view k_meta_prefix = "x-oss-meta-";

bool etag_matches(const std::string& condition, const std::string& etag) {
  for (const auto& item : util::split(condition, ',')) {
    std::string_view value = util::trim(item);
    if (value == "*") return true;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (util::iequals(value, etag)) return true;
  }
  return false;
}

} // namespace

void take_request_metadata(const RequestHead& head, ObjectRecord& object) {
  const std::string* type = head.header("Content-Type");
  object.content_type = (type != nullptr && !type->empty()) ? *type : "application/octet-stream";
  object.http_headers.clear();
  for (const auto& name : k_content_headers) {
    if (const std::string* value = head.header(name))
      object.http_headers.emplace_back(name, *value);
  }
  object.user_meta.clear();
  for (const auto& header : head.headers) {
    if (util::istarts_with(header.name, k_meta_prefix))
      object.user_meta.emplace_back(util::to_lower(header.name.substr(k_meta_prefix.size())),
                                    header.value);
  }
}

void take_request_acl_and_class(const RequestHead& head, ObjectRecord& object) {
  if (const std::string* acl = head.header("x-oss-object-acl")) {
    if (!is_object_acl(*acl))
      throw errors::invalid_argument_header("The ACL you provided is not valid. Supported values: "
                                            "default, private, public-read, public-read-write.",
                                            "x-oss-object-acl", *acl);
    object.acl = *acl;
  }
  if (const std::string* value = head.header("x-oss-storage-class")) {
    auto canonical = storage_class(*value);
    if (!canonical)
      throw errors::invalid_argument_header("Invalid storage class.", "x-oss-storage-class",
                                            *value);
    object.storage_class = *canonical;
  }
}

void add_object_headers(Response& response, const ObjectRecord& object) {
  auto& h = response.headers;
  h.push_back({"Content-Type", object.content_type});
  for (const auto& [name, value] : object.http_headers)
    h.push_back({name, value});
  h.push_back({"ETag", quoted_etag(object.etag)});
  h.push_back({"Last-Modified", util::rfc1123(object.last_modified)});
  h.push_back({"Accept-Ranges", "bytes"});
  h.push_back({"x-oss-object-type", object.is_multipart() ? "Multipart" : "Normal"});
  h.push_back({"x-oss-storage-class", object.storage_class});
  h.push_back({"x-oss-hash-crc64ecma", oss::crc64_to_string(object.crc64)});
  for (const auto& [name, value] : object.user_meta)
    h.push_back({std::string(k_meta_prefix) + name, value});
  add_sse_response_headers(h, object.sse);
}

oss::SseSpec write_sse(Context& ctx, const BucketRecord& bucket) {
  const auto requested = requested_sse(ctx.head.headers, SseHeaders::accept);
  oss::SseSpec sse = effective_sse(requested, bucket.sse);
  // OSS: anonymous writes of KMS data are refused (oss-api.md §5.7); a bucket rule's
  // KMSMasterKeyID is not checked at PutBucketEncryption, but every upload under it is.
  if (sse.algorithm == "KMS")
    sse.kms_key_id =
        ctx.services.kms.authorize(sse.kms_key_id, ctx.principal, KmsOperation::generate_data_key);
  else {
    sse.kms_key_id.clear();
    sse.data_encryption.clear();
  }
  return sse;
}

bool not_modified(const RequestHead& head, const ObjectRecord& object) {
  const auto failed = [] {
    return ApiError(412, "PreconditionFailed",
                    "At least one of the pre-conditions you specified did not hold.");
  };
  if (const std::string* v = head.header("If-Match"); v && !etag_matches(*v, object.etag))
    throw failed();
  if (const std::string* v = head.header("If-Unmodified-Since")) {
    if (auto t = util::parse_rfc1123(*v); t && object.last_modified > *t) throw failed();
  }
  if (const std::string* v = head.header("If-None-Match"); v && etag_matches(*v, object.etag))
    return true;
  if (const std::string* v = head.header("If-Modified-Since")) {
    if (auto t = util::parse_rfc1123(*v); t && object.last_modified <= *t) return true;
  }
  return false;
}

namespace {

struct CopySource {
  std::string bucket;
  std::string key;
};

/// x-oss-copy-source "/bucket/key[?versionId=…]" with the key percent-decoded: ali-oss sends `/`
/// as %2F, GO2 a literal `/`; both name the same object. Throws InvalidArgument.
CopySource parse_copy_source(const std::string& header) {
  std::string_view value = header;
  if (const auto q = value.find('?'); q != std::string_view::npos) value = value.substr(0, q);
  const std::string decoded = util::percent_decode(value, false);
  const std::string_view path = !decoded.empty() && decoded.front() == '/'
                                    ? std::string_view(decoded).substr(1)
                                    : std::string_view(decoded);
  const auto slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size())
    throw errors::invalid_argument_header("Copy Source must mention the source bucket and key: "
                                          "/sourcebucket/sourcekey.",
                                          "x-oss-copy-source", header);
  return CopySource{std::string(path.substr(0, slash)), std::string(path.substr(slash + 1))};
}

} // namespace

void add_write_headers(oss::Headers& headers, const std::string& etag, std::uint64_t crc64,
                       const oss::SseSpec& sse) {
  headers.push_back({"ETag", quoted_etag(etag)});
  headers.push_back({"x-oss-hash-crc64ecma", oss::crc64_to_string(crc64)});
  add_sse_response_headers(headers, sse);
}

ObjectRecord readable_copy_source(Context& ctx) {
  const CopySource name = parse_copy_source(*ctx.head.header("x-oss-copy-source"));
  const BucketRecord bucket = require_bucket(ctx, name.bucket);
  require_valid_key(name.key);
  ObjectRecord source = require_object(ctx, name.bucket, name.key);
  if (ctx.principal.anonymous) check_anonymous_object_read(bucket, &source);
  authorize_kms_use(ctx, source.sse, KmsOperation::decrypt);
  return source;
}

void check_content_md5_format(const RequestHead& head) {
  const std::string* md5 = head.header("Content-MD5");
  if (md5 == nullptr) return;
  const auto raw = util::base64_decode(*md5);
  if (!raw || raw->size() != 16) throw errors::invalid_digest(*md5);
}

void check_content_md5(const RequestHead& head, const std::string& md5) {
  const std::string* expected = head.header("Content-MD5");
  if (expected != nullptr && !expected->empty() && util::base64_encode(md5) != *expected)
    throw errors::invalid_digest(*expected);
}

void check_forbid_overwrite(Context& ctx, const std::string& bucket, const std::string& key) {
  if (const std::string* forbid = ctx.head.header("x-oss-forbid-overwrite");
      forbid != nullptr && *forbid == "true" && ctx.services.meta.object(bucket, key))
    throw ApiError(409, "FileAlreadyExists",
                   "The object you specified already exists and can not be overwritten.");
}

void copy_range(BlobReader& reader, std::uint64_t first, std::uint64_t length,
                const std::function<void(const char*, std::size_t)>& write) {
  std::vector<char> buffer(std::size_t{1} << 20);
  for (std::uint64_t done = 0; done < length;) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), length - done));
    const std::size_t n = reader.read(first + done, buffer.data(), want);
    if (n == 0) throw errors::internal_error("source object data is shorter than its metadata");
    write(buffer.data(), n);
    done += n;
  }
}

void authorize_kms_use(Context& ctx, const oss::SseSpec& sse, KmsOperation operation) {
  if (sse.algorithm == "KMS") ctx.services.kms.authorize(sse.kms_key_id, ctx.principal, operation);
}

namespace {

/// The plaintext of a multipart object: its parts back to back, each opened when first touched.
class PartsReader : public BlobReader {
public:
  PartsReader(BlobStore& blobs, ObjectRecord object) : m_blobs(blobs), m_object(std::move(object)) {
    std::uint64_t at = 0;
    for (const auto& part : m_object.parts) {
      m_starts.push_back(at);
      at += part.blob.size;
    }
  }

  std::uint64_t size() const override { return m_object.size; }

  std::size_t read(std::uint64_t offset, void* out, std::size_t size) override {
    std::size_t done = 0;
    char* dst = static_cast<char*>(out);
    while (done < size && offset < m_object.size) {
      const std::size_t index = static_cast<std::size_t>(
          std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin() - 1);
      BlobReader& reader = part_reader(index);
      const std::uint64_t within = offset - m_starts[index];
      const std::size_t want = static_cast<std::size_t>(
          std::min<std::uint64_t>(size - done, m_object.parts[index].blob.size - within));
      const std::size_t n = reader.read(within, dst + done, want);
      if (n == 0) throw std::runtime_error("part blob shorter than recorded");
      done += n;
      offset += n;
    }
    return done;
  }

private:
  BlobReader& part_reader(std::size_t index) {
    if (m_index != index || !m_reader) {
      const ObjectPart& part = m_object.parts[index];
      m_reader.reset();
      m_reader =
          m_blobs.open(part.blob, part_blob_context(m_object.bucket, m_object.key, m_object.sse,
                                                    part.upload_id, part.part_number));
      m_index = index;
    }
    return *m_reader;
  }

  BlobStore& m_blobs;
  ObjectRecord m_object;
  std::vector<std::uint64_t> m_starts;
  std::unique_ptr<BlobReader> m_reader;
  std::size_t m_index = 0;
};

} // namespace

std::unique_ptr<BlobReader> open_object(BlobStore& blobs, const ObjectRecord& object) {
  if (object.is_multipart()) return std::make_unique<PartsReader>(blobs, object);
  return blobs.open(object.blob, BlobContext{object.bucket, object.key, object.sse, {}});
}

std::unique_ptr<BlobReader> open_object_verified(Context& ctx, const ObjectRecord& object,
                                                 std::uint64_t offset) {
  try {
    auto reader = open_object(ctx.services.blobs, object);
    // Authenticates the first touched segment now (the reader caches it for the stream).
    char probe = 0;
    if (offset < object.size && reader->read(offset, &probe, 1) != 1)
      throw std::runtime_error("stored data ends before its recorded length");
    return reader;
  } catch (const std::exception& e) {
    const auto now = ctx.services.meta.object(object.bucket, object.key);
    if (!now || now->blob_ids() != object.blob_ids())
      throw errors::no_such_key(object.key); // replaced or deleted after the lookup
    std::fprintf(stderr,
                 "ossmock: error: object data of %s/%s failed to open or authenticate (%s); "
                 "request %s answered 500\n",
                 object.bucket.c_str(), object.key.c_str(), e.what(), ctx.request_id.c_str());
    throw errors::internal_error(
        "The stored object data failed its integrity check; see the server "
        "log (request " +
        ctx.request_id + ").");
  }
}

void remove_blobs(BlobStore& blobs, const std::vector<std::string>& ids) noexcept {
  for (const auto& id : ids)
    blobs.remove(id);
}

void UploadSink::write(const void* data, std::size_t size) {
  m_md5.update(data, size);
  store(data, size);
}

void UploadSink::store(const void* data, std::size_t size) {
  m_crc = oss::crc64_update(m_crc, data, size);
  m_size += size;
  m_writer->write(data, size);
}

std::vector<BodySink::Lane> UploadSink::lanes() {
  return {[this](const char* data, std::size_t size) { m_md5.update(data, size); },
          [this](const char* data, std::size_t size) { store(data, size); }};
}

void publish_object(Context& ctx, const ObjectRecord& object, bool blob_is_new) {
  std::optional<BlobIds> replaced;
  try {
    replaced = ctx.services.meta.put_object(object);
  } catch (...) {
    if (blob_is_new) ctx.services.blobs.remove(object.blob.id);
    throw;
  }
  if (!replaced) {
    if (blob_is_new) ctx.services.blobs.remove(object.blob.id);
    throw errors::no_such_bucket(object.bucket);
  }
  remove_blobs(ctx.services.blobs, *replaced);
}

} // namespace mock::handlers
