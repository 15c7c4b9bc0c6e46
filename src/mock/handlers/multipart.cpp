// Multipart uploads (oss-api.md §5.6, §7.3): InitiateMultipartUpload, UploadPart,
// UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts.
//
// Every part is its own encrypted blob (own data key, upload id and part number bound into its
// seal), written as it arrives. Complete adopts the chosen parts into the object in one SQLite
// transaction: nothing is copied, so completing a 5 GiB upload costs no I/O on the data.
#include "mock/handlers/handlers.hpp"
#include "mock/handlers/object_support.hpp"
#include "mock/handlers/support.hpp"
#include "mock/range.hpp"
#include "mock/sse_policy.hpp"
#include "oss/crc64.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include <tinyxml2.h>

namespace mock::handlers {
namespace {

constexpr std::uint32_t k_max_part_number = 10000;
/// OSS: every part but the last must be at least 100 KB (checked at Complete).
constexpr std::uint64_t k_min_part_size = std::uint64_t{100} * 1024;

std::uint32_t part_number_param(const Context& ctx) {
  const std::string* text = ctx.head.param("partNumber");
  std::uint32_t value = 0;
  const bool ok = text != nullptr && !text->empty() &&
                  std::from_chars(text->data(), text->data() + text->size(), value).ptr ==
                      text->data() + text->size() &&
                  value >= 1 && value <= k_max_part_number;
  if (!ok)
    throw errors::invalid_argument("Part number must be an integer between 1 and 10000, inclusive.")
        .extra("ArgumentName", "partNumber")
        .extra("ArgumentValue", text != nullptr ? *text : "");
  return value;
}

/// The upload named by ?uploadId, which must belong to the addressed bucket and key.
UploadRecord require_upload(Context& ctx) {
  const std::string* id = ctx.head.param("uploadId");
  const std::string upload_id = id != nullptr ? *id : "";
  auto upload = ctx.services.meta.upload(upload_id);
  if (!upload || upload->bucket != ctx.target.bucket || upload->key != ctx.target.key)
    throw errors::no_such_upload(upload_id);
  return *upload;
}

/// Streams an UploadPart body into the part's blob.
class PartSink : public UploadSink {
public:
  PartSink(std::unique_ptr<BlobWriter> writer, BucketRecord bucket, UploadRecord upload,
           std::uint32_t number)
      : UploadSink(std::move(writer), std::move(bucket), upload.sse), m_upload(std::move(upload)),
        m_number(number) {}
  const UploadRecord& upload() const { return m_upload; }
  std::uint32_t number() const { return m_number; }

private:
  UploadRecord m_upload;
  std::uint32_t m_number;
};

/// Records a committed part; a part whose upload vanished meanwhile is removed again.
void record_part(Context& ctx, const UploadRecord& upload, const PartRecord& part) {
  std::optional<std::string> replaced;
  try {
    replaced = ctx.services.meta.put_part(upload.upload_id, part);
  } catch (...) {
    ctx.services.blobs.remove(part.blob.id);
    throw;
  }
  if (!replaced) {
    ctx.services.blobs.remove(part.blob.id);
    throw errors::no_such_upload(upload.upload_id);
  }
  if (!replaced->empty()) ctx.services.blobs.remove(*replaced);
}

std::string unquoted(std::string_view etag) {
  etag = util::trim(etag);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')
    etag = etag.substr(1, etag.size() - 2);
  return std::string(etag);
}

struct ChosenPart {
  std::uint32_t number = 0;
  std::string etag;
};

std::vector<ChosenPart> parse_complete_body(const std::string& body) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) throw errors::malformed_xml();
  const auto* root = doc.FirstChildElement("CompleteMultipartUpload");
  if (root == nullptr) throw errors::malformed_xml();
  std::vector<ChosenPart> out;
  for (const auto* part = root->FirstChildElement("Part"); part != nullptr;
       part = part->NextSiblingElement("Part")) {
    const auto* number = part->FirstChildElement("PartNumber");
    const auto* etag = part->FirstChildElement("ETag");
    if (number == nullptr || etag == nullptr || number->GetText() == nullptr ||
        etag->GetText() == nullptr)
      throw errors::malformed_xml();
    const std::string_view text = util::trim(number->GetText());
    ChosenPart chosen;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), chosen.number);
    if (ec != std::errc() || end != text.data() + text.size()) throw errors::malformed_xml();
    chosen.etag = unquoted(etag->GetText());
    out.push_back(std::move(chosen));
  }
  if (out.empty()) throw errors::malformed_xml();
  return out;
}

/// The uploaded parts named by the Complete request, checked against the OSS rules.
std::vector<PartRecord> choose_parts(const std::vector<ChosenPart>& chosen,
                                     std::vector<PartRecord> uploaded) {
  std::vector<PartRecord> out;
  std::uint32_t previous = 0;
  for (const auto& c : chosen) {
    if (c.number <= previous) throw errors::invalid_part_order();
    previous = c.number;
    const auto it = std::find_if(uploaded.begin(), uploaded.end(),
                                 [&](const PartRecord& p) { return p.part_number == c.number; });
    if (it == uploaded.end() || !util::iequals(it->etag, c.etag)) throw errors::invalid_part();
    out.push_back(std::move(*it));
  }
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i].size < k_min_part_size) throw errors::entity_too_small();
  return out;
}

} // namespace

Response initiate_multipart_upload(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  require_valid_key(ctx.target.key);
  UploadRecord upload;
  upload.sse = write_sse(ctx, bucket); // OSS: SSE is chosen here, for every part
  ObjectRecord probe;
  take_request_metadata(ctx.head, probe);
  take_request_acl_and_class(ctx.head, probe);
  upload.upload_id = util::to_hex_upper(util::random_bytes(16));
  upload.bucket = bucket.name;
  upload.key = ctx.target.key;
  upload.initiated = util::now_utc();
  upload.owner = ctx.principal.anonymous ? bucket.owner : ctx.principal.access_key_id;
  upload.content_type = probe.content_type;
  upload.http_headers = probe.http_headers;
  upload.user_meta = probe.user_meta;
  upload.acl = probe.acl;
  upload.storage_class = probe.storage_class;
  if (!ctx.services.meta.create_upload(upload)) throw errors::no_such_bucket(bucket.name);

  const bool url = encoding_type_url(ctx);
  XmlWriter xml;
  xml.open("InitiateMultipartUploadResult")
      .element("Bucket", bucket.name)
      .element("Key", list_value(upload.key, url))
      .element("UploadId", upload.upload_id);
  if (url) xml.element("EncodingType", "url");
  Response response = xml_response(xml.finish());
  add_sse_response_headers(response.headers, upload.sse);
  return response;
}

void prepare_upload_part(Context& ctx) {
  BucketRecord bucket = require_bucket(ctx);
  const std::uint32_t number = part_number_param(ctx);
  UploadRecord upload = require_upload(ctx);
  check_content_md5_format(ctx.head);
  authorize_kms_use(ctx, upload.sse, KmsOperation::generate_data_key);
  auto writer = ctx.services.blobs.create(
      part_blob_context(bucket.name, upload.key, upload.sse, upload.upload_id, number));
  ctx.sink =
      std::make_unique<PartSink>(std::move(writer), std::move(bucket), std::move(upload), number);
}

Response upload_part(Context& ctx) {
  auto& sink = dynamic_cast<PartSink&>(*ctx.sink);
  const std::string md5 = sink.md5();
  check_content_md5(ctx.head, md5);
  PartRecord part;
  part.part_number = sink.number();
  part.size = sink.size();
  part.etag = util::to_hex_upper(md5);
  part.crc64 = sink.crc64();
  part.last_modified = util::now_utc();
  part.blob = sink.writer().commit();
  record_part(ctx, sink.upload(), part);

  Response response = empty_response(200);
  add_write_headers(response.headers, part.etag, part.crc64, sink.upload().sse);
  response.headers.push_back({"Content-MD5", util::base64_encode(md5)});
  return response;
}

Response upload_part_copy(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const std::uint32_t number = part_number_param(ctx);
  const UploadRecord upload = require_upload(ctx);
  const ObjectRecord source = readable_copy_source(ctx);
  authorize_kms_use(ctx, upload.sse, KmsOperation::generate_data_key);

  std::uint64_t first = 0;
  std::uint64_t length = source.size;
  if (const std::string* header = ctx.head.header("x-oss-copy-source-range")) {
    const RangeRequest range = parse_range(*header, source.size);
    if (range.kind == RangeRequest::Kind::unsatisfiable) throw errors::invalid_range(source.size);
    if (range.kind == RangeRequest::Kind::satisfiable) {
      first = range.first;
      length = range.length();
    }
  }
  auto reader = open_object_verified(ctx, source, first);
  UploadSink sink(ctx.services.blobs.create(part_blob_context(bucket.name, upload.key, upload.sse,
                                                              upload.upload_id, number)),
                  bucket, upload.sse);
  copy_range(*reader, first, length,
             [&sink](const char* data, std::size_t size) { sink.write(data, size); });
  PartRecord part;
  part.part_number = number;
  part.size = sink.size();
  part.etag = util::to_hex_upper(sink.md5());
  part.crc64 = sink.crc64();
  part.last_modified = util::now_utc();
  part.blob = sink.writer().commit();
  record_part(ctx, upload, part);

  XmlWriter xml;
  xml.open("CopyPartResult")
      .element("LastModified", util::iso8601_ms(part.last_modified))
      .element("ETag", quoted_etag(part.etag));
  Response response = xml_response(xml.finish());
  add_write_headers(response.headers, part.etag, part.crc64, upload.sse);
  return response;
}

Response complete_multipart_upload(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const UploadRecord upload = require_upload(ctx);
  std::vector<PartRecord> uploaded = ctx.services.meta.parts(upload.upload_id);
  std::vector<PartRecord> parts;
  const std::string* all = ctx.head.header("x-oss-complete-all");
  if (all != nullptr && *all == "yes") {
    if (!ctx.body.empty())
      throw errors::invalid_argument(
          "With x-oss-complete-all: yes the request body must be empty.");
    if (uploaded.empty()) throw errors::invalid_part();
    std::vector<ChosenPart> chosen;
    chosen.reserve(uploaded.size());
    for (const auto& p : uploaded)
      chosen.push_back({p.part_number, p.etag});
    parts = choose_parts(chosen, std::move(uploaded));
  } else {
    parts = choose_parts(parse_complete_body(ctx.body), std::move(uploaded));
  }
  check_forbid_overwrite(ctx, bucket.name, upload.key);

  ObjectRecord object;
  object.bucket = bucket.name;
  object.key = upload.key;
  object.content_type = upload.content_type;
  object.http_headers = upload.http_headers;
  object.user_meta = upload.user_meta;
  object.acl = upload.acl;
  object.storage_class = upload.storage_class;
  object.owner = upload.owner;
  object.sse = upload.sse;
  object.last_modified = util::now_utc();
  std::string md5s;
  for (const auto& p : parts) {
    object.crc64 = object.size == 0 ? p.crc64 : oss::crc64_combine(object.crc64, p.crc64, p.size);
    object.size += p.size;
    md5s += util::from_hex(p.etag).value(); // part ETags are our own hex MD5s
    object.parts.push_back(ObjectPart{p.part_number, upload.upload_id, p.blob});
  }
  // OSS: the ETag of a multipart object is the MD5 of the parts' binary MD5s, plus "-<count>".
  object.etag = util::to_hex_upper(util::md5(md5s)) + "-" + std::to_string(parts.size());
  const auto removed = ctx.services.meta.complete_upload(upload.upload_id, object);
  if (!removed) throw errors::no_such_upload(upload.upload_id);
  remove_blobs(ctx.services.blobs, *removed);

  const bool url = encoding_type_url(ctx);
  XmlWriter xml;
  xml.open("CompleteMultipartUploadResult");
  if (url) xml.element("EncodingType", "url");
  xml.element("Location", "http://" + ctx.head.host + "/" + bucket.name + "/" +
                              util::percent_encode(object.key, true))
      .element("Bucket", bucket.name)
      .element("Key", list_value(object.key, url))
      .element("ETag", quoted_etag(object.etag));
  Response response = xml_response(xml.finish());
  add_write_headers(response.headers, object.etag, object.crc64, object.sse);
  return response;
}

Response abort_multipart_upload(Context& ctx) {
  require_bucket(ctx);
  const UploadRecord upload = require_upload(ctx);
  const auto removed = ctx.services.meta.abort_upload(upload.upload_id);
  if (!removed) throw errors::no_such_upload(upload.upload_id);
  remove_blobs(ctx.services.blobs, *removed);
  return empty_response(204);
}

Response list_parts(Context& ctx) {
  const BucketRecord bucket = require_bucket(ctx);
  const UploadRecord upload = require_upload(ctx);
  const std::size_t limit = max_keys(ctx, "max-parts", 1000, 1000);
  std::uint32_t marker = 0;
  if (const std::string* text = ctx.head.param("part-number-marker");
      text != nullptr && !text->empty())
    std::from_chars(text->data(), text->data() + text->size(), marker);
  const bool url = encoding_type_url(ctx);
  std::vector<PartRecord> parts;
  for (auto& p : ctx.services.meta.parts(upload.upload_id))
    if (p.part_number > marker) parts.push_back(std::move(p));
  const bool truncated = parts.size() > limit;
  if (truncated) parts.resize(limit);

  XmlWriter xml;
  xml.open("ListPartsResult");
  if (url) xml.element("EncodingType", "url");
  xml.element("Bucket", bucket.name)
      .element("Key", list_value(upload.key, url))
      .element("UploadId", upload.upload_id)
      .element("StorageClass", upload.storage_class)
      .element("PartNumberMarker", std::to_string(marker))
      .element("NextPartNumberMarker",
               parts.empty() ? "0" : std::to_string(parts.back().part_number))
      .element("MaxParts", std::to_string(limit))
      .element("IsTruncated", truncated ? "true" : "false");
  for (const auto& p : parts) {
    xml.open("Part")
        .element("PartNumber", std::to_string(p.part_number))
        .element("LastModified", util::iso8601_ms(p.last_modified))
        .element("ETag", quoted_etag(p.etag))
        .element("HashCrc64ecma", oss::crc64_to_string(p.crc64))
        .element("Size", std::to_string(p.size))
        .close();
  }
  return xml_response(xml.finish());
}

} // namespace mock::handlers
