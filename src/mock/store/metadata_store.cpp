#include "mock/store/metadata_store.hpp"

#include "mock/store/metadata_rows.hpp"
#include "mock/store/sqlite.hpp"
#include "oss/http_types.hpp"

#include <algorithm>

namespace mock {
namespace {

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS buckets (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  region TEXT NOT NULL,
  acl TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  created INTEGER NOT NULL,
  sse_algorithm TEXT NOT NULL DEFAULT '',
  sse_key_id TEXT NOT NULL DEFAULT '',
  sse_data_encryption TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS objects (
  bucket TEXT NOT NULL REFERENCES buckets(name),
  key TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  crc64 INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  http_headers TEXT NOT NULL,
  user_meta TEXT NOT NULL,
  acl TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  owner TEXT NOT NULL,
  sse_algorithm TEXT NOT NULL,
  sse_key_id TEXT NOT NULL,
  sse_data_encryption TEXT NOT NULL,
  blob_id TEXT NOT NULL,
  blob_envelope BLOB NOT NULL,
  last_modified INTEGER NOT NULL,
  PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS object_parts (
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  idx INTEGER NOT NULL,
  part_number INTEGER NOT NULL,
  upload_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  blob_envelope BLOB NOT NULL,
  PRIMARY KEY (bucket, key, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uploads (
  upload_id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES buckets(name),
  key TEXT NOT NULL,
  initiated INTEGER NOT NULL,
  owner TEXT NOT NULL,
  sse_algorithm TEXT NOT NULL,
  sse_key_id TEXT NOT NULL,
  sse_data_encryption TEXT NOT NULL,
  content_type TEXT NOT NULL,
  http_headers TEXT NOT NULL,
  user_meta TEXT NOT NULL,
  acl TEXT NOT NULL,
  storage_class TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS uploads_by_key ON uploads (bucket, key, initiated);
CREATE TABLE IF NOT EXISTS parts (
  upload_id TEXT NOT NULL,
  part_number INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  crc64 INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  blob_envelope BLOB NOT NULL,
  last_modified INTEGER NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kms_keys (
  id TEXT PRIMARY KEY,
  alias TEXT NOT NULL,
  region TEXT NOT NULL,
  state TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO schema_info VALUES ('version', '1');
)sql";

constexpr const char* k_object_columns =
    "bucket, key, size, etag, crc64, content_type, http_headers, user_meta, acl, storage_class, "
    "owner, sse_algorithm, sse_key_id, sse_data_encryption, blob_id, blob_envelope, last_modified";

BucketRecord read_bucket(const sql::Statement& s) {
  BucketRecord b;
  b.name = s.text(0);
  b.owner = s.text(1);
  b.region = s.text(2);
  b.acl = s.text(3);
  b.storage_class = s.text(4);
  b.created = static_cast<std::time_t>(s.integer(5));
  b.sse.algorithm = s.text(6);
  b.sse.kms_key_id = s.text(7);
  b.sse.data_encryption = s.text(8);
  return b;
}

ObjectRecord read_object(const sql::Statement& s) {
  ObjectRecord o;
  o.bucket = s.text(0);
  o.key = s.text(1);
  o.size = static_cast<std::uint64_t>(s.integer(2));
  o.etag = s.text(3);
  o.crc64 = static_cast<std::uint64_t>(s.integer(4));
  o.content_type = s.text(5);
  o.http_headers = decode_pairs(s.text(6));
  o.user_meta = decode_pairs(s.text(7));
  o.acl = s.text(8);
  o.storage_class = s.text(9);
  o.owner = s.text(10);
  o.sse.algorithm = s.text(11);
  o.sse.kms_key_id = s.text(12);
  o.sse.data_encryption = s.text(13);
  o.blob.id = s.text(14);
  o.blob.envelope = s.text(15);
  o.blob.size = o.size;
  o.last_modified = static_cast<std::time_t>(s.integer(16));
  return o;
}

constexpr const char* k_bucket_columns =
    "name, owner, region, acl, storage_class, created, sse_algorithm, sse_key_id, "
    "sse_data_encryption";

} // namespace

// Name/value lists are stored query-encoded ("a=1&b=x%20y"): byte-exact for any value.
std::string encode_pairs(const NameValues& pairs) {
  oss::QueryParams query(pairs.begin(), pairs.end());
  return oss::encode_query(query);
}

NameValues decode_pairs(const std::string& text) {
  const oss::QueryParams query = oss::parse_query(text);
  return NameValues(query.begin(), query.end());
}

bool bucket_exists(sql::Database& db, const std::string& name) {
  auto s = db.prepare("SELECT 1 FROM buckets WHERE name = ?");
  s.bind(1, name);
  return s.step();
}

std::vector<std::string> ObjectRecord::blob_ids() const {
  std::vector<std::string> out;
  if (!blob.id.empty()) out.push_back(blob.id);
  for (const auto& part : parts)
    out.push_back(part.blob.id);
  return out;
}

std::string prefix_successor(const std::string& prefix) {
  std::string out = prefix;
  while (!out.empty() && static_cast<unsigned char>(out.back()) == 0xFF)
    out.pop_back();
  if (out.empty()) return {};
  out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
  return out;
}

MetadataStore::MetadataStore(const std::string& path)
    : m_db(std::make_unique<sql::Database>(path)) {
  m_db->exec(k_schema);
}

MetadataStore::~MetadataStore() = default;

bool MetadataStore::create_bucket(const BucketRecord& b) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("INSERT OR IGNORE INTO buckets (") + k_bucket_columns +
                         ") VALUES (?,?,?,?,?,?,?,?,?)");
  s.bind(1, b.name).bind(2, b.owner).bind(3, b.region).bind(4, b.acl).bind(5, b.storage_class);
  s.bind(6, static_cast<std::int64_t>(b.created)).bind(7, b.sse.algorithm);
  s.bind(8, b.sse.kms_key_id).bind(9, b.sse.data_encryption);
  s.run();
  return m_db->changes() == 1;
}

std::optional<BucketRecord> MetadataStore::bucket(const std::string& name) {
  std::lock_guard lock(m_mutex);
  auto s =
      m_db->prepare(std::string("SELECT ") + k_bucket_columns + " FROM buckets WHERE name = ?");
  s.bind(1, name);
  if (!s.step()) return std::nullopt;
  return read_bucket(s);
}

std::vector<BucketRecord> MetadataStore::list_buckets(const std::string& prefix,
                                                      const std::string& marker,
                                                      std::size_t max_keys, bool& truncated) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("SELECT ") + k_bucket_columns +
                         " FROM buckets WHERE name > ? AND substr(name, 1, ?) = ? ORDER BY name "
                         "LIMIT ?");
  s.bind(1, marker).bind(2, static_cast<std::int64_t>(prefix.size())).bind(3, prefix);
  s.bind(4, static_cast<std::int64_t>(max_keys + 1));
  std::vector<BucketRecord> out;
  while (s.step())
    out.push_back(read_bucket(s));
  truncated = out.size() > max_keys;
  if (truncated) out.pop_back();
  return out;
}

MetadataStore::DeleteBucket MetadataStore::delete_bucket(const std::string& name) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  if (!bucket_exists(*m_db, name)) return DeleteBucket::not_found;
  // OSS: a bucket with objects or unfinished multipart uploads cannot be deleted.
  auto any = m_db->prepare("SELECT 1 FROM objects WHERE bucket = ? UNION ALL SELECT 1 FROM uploads "
                           "WHERE bucket = ? LIMIT 1");
  any.bind(2, name);
  any.bind(1, name);
  if (any.step()) return DeleteBucket::not_empty;
  auto del = m_db->prepare("DELETE FROM buckets WHERE name = ?");
  del.bind(1, name);
  del.run();
  txn.commit();
  return DeleteBucket::deleted;
}

bool MetadataStore::set_bucket_acl(const std::string& name, const std::string& acl) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare("UPDATE buckets SET acl = ? WHERE name = ?");
  s.bind(1, acl).bind(2, name);
  s.run();
  return m_db->changes() == 1;
}

bool MetadataStore::set_bucket_sse(const std::string& name, const oss::SseSpec& sse) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare("UPDATE buckets SET sse_algorithm = ?, sse_key_id = ?, "
                         "sse_data_encryption = ? WHERE name = ?");
  s.bind(1, sse.algorithm).bind(2, sse.kms_key_id).bind(3, sse.data_encryption).bind(4, name);
  s.run();
  return m_db->changes() == 1;
}

std::optional<ObjectRecord> MetadataStore::object(const std::string& bucket,
                                                  const std::string& key) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("SELECT ") + k_object_columns +
                         " FROM objects WHERE bucket = ? AND key = ?");
  s.bind(1, bucket).bind(2, key);
  if (!s.step()) return std::nullopt;
  ObjectRecord object = read_object(s);
  load_parts(object);
  return object;
}

void MetadataStore::load_parts(ObjectRecord& object) {
  if (!object.blob.id.empty()) return;
  auto s = m_db->prepare("SELECT part_number, upload_id, size, blob_id, blob_envelope FROM "
                         "object_parts WHERE bucket = ? AND key = ? ORDER BY idx");
  s.bind(1, object.bucket).bind(2, object.key);
  while (s.step()) {
    ObjectPart part;
    part.part_number = static_cast<std::uint32_t>(s.integer(0));
    part.upload_id = s.text(1);
    part.blob.size = static_cast<std::uint64_t>(s.integer(2));
    part.blob.id = s.text(3);
    part.blob.envelope = s.text(4);
    object.parts.push_back(std::move(part));
  }
}

BlobIds MetadataStore::write_object(const ObjectRecord& o) {
  BlobIds old;
  auto previous =
      m_db->prepare("SELECT blob_id FROM objects WHERE bucket = ? AND key = ? UNION ALL "
                    "SELECT blob_id FROM object_parts WHERE bucket = ? AND key = ?");
  previous.bind(1, o.bucket).bind(2, o.key).bind(3, o.bucket).bind(4, o.key);
  const BlobIds keep = o.blob_ids();
  while (previous.step()) {
    std::string id = previous.text(0);
    // The same blob may be kept when only metadata changed (same-key copy).
    if (!id.empty() && std::find(keep.begin(), keep.end(), id) == keep.end())
      old.push_back(std::move(id));
  }
  auto s = m_db->prepare(std::string("INSERT OR REPLACE INTO objects (") + k_object_columns +
                         ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, o.bucket).bind(2, o.key).bind(3, static_cast<std::int64_t>(o.size)).bind(4, o.etag);
  s.bind(5, static_cast<std::int64_t>(o.crc64)).bind(6, o.content_type);
  s.bind(7, encode_pairs(o.http_headers)).bind(8, encode_pairs(o.user_meta));
  s.bind(9, o.acl).bind(10, o.storage_class).bind(11, o.owner);
  s.bind(12, o.sse.algorithm).bind(13, o.sse.kms_key_id).bind(14, o.sse.data_encryption);
  s.bind(15, o.is_multipart() ? std::string() : o.blob.id);
  s.bind_blob(16, o.is_multipart() ? std::string() : o.blob.envelope);
  s.bind(17, static_cast<std::int64_t>(o.last_modified));
  s.run();
  auto clear = m_db->prepare("DELETE FROM object_parts WHERE bucket = ? AND key = ?");
  clear.bind(1, o.bucket).bind(2, o.key);
  clear.run();
  auto part = m_db->prepare("INSERT INTO object_parts (bucket, key, idx, part_number, upload_id, "
                            "size, blob_id, blob_envelope) VALUES (?,?,?,?,?,?,?,?)");
  for (std::size_t i = 0; i < o.parts.size(); ++i) {
    const ObjectPart& p = o.parts[i];
    part.reset();
    part.bind(1, o.bucket).bind(2, o.key).bind(3, static_cast<std::int64_t>(i));
    part.bind(4, static_cast<std::int64_t>(p.part_number)).bind(5, p.upload_id);
    part.bind(6, static_cast<std::int64_t>(p.blob.size))
        .bind(7, p.blob.id)
        .bind_blob(8, p.blob.envelope);
    part.run();
  }
  return old;
}

std::optional<BlobIds> MetadataStore::put_object(const ObjectRecord& o) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  if (!bucket_exists(*m_db, o.bucket)) return std::nullopt;
  BlobIds replaced = write_object(o);
  txn.commit();
  return replaced;
}

std::optional<BlobIds> MetadataStore::delete_object(const std::string& bucket,
                                                    const std::string& key) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  auto old = m_db->prepare("SELECT blob_id FROM objects WHERE bucket = ? AND key = ?");
  old.bind(1, bucket).bind(2, key);
  if (!old.step()) return std::nullopt;
  BlobIds blobs;
  if (!old.text(0).empty()) blobs.push_back(old.text(0));
  auto parts = m_db->prepare("SELECT blob_id FROM object_parts WHERE bucket = ? AND key = ?");
  parts.bind(1, bucket).bind(2, key);
  while (parts.step())
    blobs.push_back(parts.text(0));
  for (const char* sql : {"DELETE FROM objects WHERE bucket = ? AND key = ?",
                          "DELETE FROM object_parts WHERE bucket = ? AND key = ?"}) {
    auto del = m_db->prepare(sql);
    del.bind(1, bucket).bind(2, key);
    del.run();
  }
  txn.commit();
  return blobs;
}

bool MetadataStore::set_object_acl(const std::string& bucket, const std::string& key,
                                   const std::string& acl) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare("UPDATE objects SET acl = ? WHERE bucket = ? AND key = ?");
  s.bind(1, acl).bind(2, bucket).bind(3, key);
  s.run();
  return m_db->changes() == 1;
}

ListPage MetadataStore::list_objects(const std::string& bucket, const std::string& prefix,
                                     const std::string& delimiter, const std::string& after,
                                     std::size_t max_entries) {
  std::lock_guard lock(m_mutex);
  ListPage page;
  std::string lower = after;
  bool inclusive = false;
  if (lower < prefix) {
    lower = prefix;
    inclusive = true;
  }
  auto gt = m_db->prepare(std::string("SELECT ") + k_object_columns +
                          " FROM objects WHERE bucket = ? AND key > ? ORDER BY key LIMIT ?");
  auto ge = m_db->prepare(std::string("SELECT ") + k_object_columns +
                          " FROM objects WHERE bucket = ? AND key >= ? ORDER BY key LIMIT ?");
  std::size_t count = 0;
  for (;;) {
    auto& s = inclusive ? ge : gt;
    s.reset();
    s.bind(1, bucket).bind(2, lower).bind(3, static_cast<std::int64_t>(max_entries + 1 - count));
    bool jumped = false;
    while (s.step()) {
      ObjectRecord object = read_object(s);
      if (object.key.compare(0, prefix.size(), prefix) != 0) return page;
      if (!delimiter.empty()) {
        const auto pos = object.key.find(delimiter, prefix.size());
        if (pos != std::string::npos) {
          std::string common = object.key.substr(0, pos + delimiter.size());
          lower = prefix_successor(common);
          inclusive = true;
          if (common > after) {
            if (++count > max_entries) {
              page.truncated = true;
              return page;
            }
            page.entries.push_back({true, common, {}});
            page.next_after = common;
          }
          if (lower.empty()) return page;
          jumped = true;
          break;
        }
      }
      if (++count > max_entries) {
        page.truncated = true;
        return page;
      }
      lower = object.key;
      inclusive = false;
      page.next_after = object.key;
      page.entries.push_back({false, object.key, std::move(object)});
    }
    // The batch limit guarantees truncation is detected inside the batch, so a batch that
    // ends without a jump means there are no more keys.
    if (!jumped) return page;
  }
}

std::vector<std::string> MetadataStore::referenced_blob_ids() {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare("SELECT blob_id FROM objects WHERE blob_id != '' UNION ALL SELECT blob_id "
                         "FROM object_parts UNION ALL SELECT blob_id FROM parts");
  std::vector<std::string> out;
  while (s.step())
    out.push_back(s.text(0));
  return out;
}

void MetadataStore::reset() {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  for (const char* table : {"parts", "uploads", "object_parts", "objects", "buckets", "kms_keys"})
    m_db->exec((std::string("DELETE FROM ") + table).c_str());
  txn.commit();
}

} // namespace mock
