// MetadataStore: multipart uploads and their parts. A completed upload's parts are adopted by
// the object in one transaction (no data is copied).
#include "mock/store/metadata_rows.hpp"
#include "mock/store/metadata_store.hpp"
#include "mock/store/sqlite.hpp"

#include <set>

namespace mock {
namespace {

constexpr const char* k_upload_columns =
    "upload_id, bucket, key, initiated, owner, sse_algorithm, sse_key_id, sse_data_encryption, "
    "content_type, http_headers, user_meta, acl, storage_class";

UploadRecord read_upload(const sql::Statement& s) {
  UploadRecord u;
  u.upload_id = s.text(0);
  u.bucket = s.text(1);
  u.key = s.text(2);
  u.initiated = static_cast<std::time_t>(s.integer(3));
  u.owner = s.text(4);
  u.sse.algorithm = s.text(5);
  u.sse.kms_key_id = s.text(6);
  u.sse.data_encryption = s.text(7);
  u.content_type = s.text(8);
  u.http_headers = decode_pairs(s.text(9));
  u.user_meta = decode_pairs(s.text(10));
  u.acl = s.text(11);
  u.storage_class = s.text(12);
  return u;
}

bool upload_exists(sql::Database& db, const std::string& upload_id) {
  auto s = db.prepare("SELECT 1 FROM uploads WHERE upload_id = ?");
  s.bind(1, upload_id);
  return s.step();
}

/// Deletes the upload's rows; returns the blob ids of its parts except those in `keep`.
BlobIds drop_upload(sql::Database& db, const std::string& upload_id,
                    const std::set<std::string>& keep) {
  BlobIds out;
  auto s = db.prepare("SELECT blob_id FROM parts WHERE upload_id = ?");
  s.bind(1, upload_id);
  while (s.step()) {
    std::string id = s.text(0);
    if (!keep.contains(id)) out.push_back(std::move(id));
  }
  for (const char* sql :
       {"DELETE FROM parts WHERE upload_id = ?", "DELETE FROM uploads WHERE upload_id = ?"}) {
    auto del = db.prepare(sql);
    del.bind(1, upload_id);
    del.run();
  }
  return out;
}

} // namespace

bool MetadataStore::create_upload(const UploadRecord& u) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  if (!bucket_exists(*m_db, u.bucket)) return false;
  auto s = m_db->prepare(std::string("INSERT INTO uploads (") + k_upload_columns +
                         ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, u.upload_id)
      .bind(2, u.bucket)
      .bind(3, u.key)
      .bind(4, static_cast<std::int64_t>(u.initiated));
  s.bind(5, u.owner)
      .bind(6, u.sse.algorithm)
      .bind(7, u.sse.kms_key_id)
      .bind(8, u.sse.data_encryption);
  s.bind(9, u.content_type)
      .bind(10, encode_pairs(u.http_headers))
      .bind(11, encode_pairs(u.user_meta));
  s.bind(12, u.acl).bind(13, u.storage_class);
  s.run();
  txn.commit();
  return true;
}

std::optional<UploadRecord> MetadataStore::upload(const std::string& upload_id) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("SELECT ") + k_upload_columns +
                         " FROM uploads WHERE upload_id = ?");
  s.bind(1, upload_id);
  if (!s.step()) return std::nullopt;
  return read_upload(s);
}

std::vector<UploadRecord> MetadataStore::list_uploads(const std::string& bucket,
                                                      const std::string& prefix) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("SELECT ") + k_upload_columns +
                         " FROM uploads WHERE bucket = ? AND substr(key, 1, ?) = ? ORDER BY key, "
                         "initiated, upload_id");
  s.bind(1, bucket).bind(2, static_cast<std::int64_t>(prefix.size())).bind(3, prefix);
  std::vector<UploadRecord> out;
  while (s.step())
    out.push_back(read_upload(s));
  return out;
}

std::optional<std::string> MetadataStore::put_part(const std::string& upload_id,
                                                   const PartRecord& p) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  if (!upload_exists(*m_db, upload_id)) return std::nullopt;
  std::string replaced;
  auto old = m_db->prepare("SELECT blob_id FROM parts WHERE upload_id = ? AND part_number = ?");
  old.bind(1, upload_id).bind(2, static_cast<std::int64_t>(p.part_number));
  if (old.step()) replaced = old.text(0);
  auto s = m_db->prepare("INSERT OR REPLACE INTO parts (upload_id, part_number, size, etag, crc64, "
                         "blob_id, blob_envelope, last_modified) VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, upload_id).bind(2, static_cast<std::int64_t>(p.part_number));
  s.bind(3, static_cast<std::int64_t>(p.size))
      .bind(4, p.etag)
      .bind(5, static_cast<std::int64_t>(p.crc64));
  s.bind(6, p.blob.id)
      .bind_blob(7, p.blob.envelope)
      .bind(8, static_cast<std::int64_t>(p.last_modified));
  s.run();
  txn.commit();
  return replaced;
}

std::vector<PartRecord> MetadataStore::parts(const std::string& upload_id) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare("SELECT part_number, size, etag, crc64, blob_id, blob_envelope, "
                         "last_modified FROM parts WHERE upload_id = ? ORDER BY part_number");
  s.bind(1, upload_id);
  std::vector<PartRecord> out;
  while (s.step()) {
    PartRecord p;
    p.part_number = static_cast<std::uint32_t>(s.integer(0));
    p.size = static_cast<std::uint64_t>(s.integer(1));
    p.etag = s.text(2);
    p.crc64 = static_cast<std::uint64_t>(s.integer(3));
    p.blob = StoredBlob{s.text(4), p.size, s.text(5)};
    p.last_modified = static_cast<std::time_t>(s.integer(6));
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<BlobIds> MetadataStore::abort_upload(const std::string& upload_id) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  if (!upload_exists(*m_db, upload_id)) return std::nullopt;
  BlobIds removed = drop_upload(*m_db, upload_id, {});
  txn.commit();
  return removed;
}

std::optional<BlobIds> MetadataStore::complete_upload(const std::string& upload_id,
                                                      const ObjectRecord& object) {
  std::lock_guard lock(m_mutex);
  sql::Transaction txn(*m_db);
  if (!upload_exists(*m_db, upload_id)) return std::nullopt;
  if (!bucket_exists(*m_db, object.bucket))
    throw std::runtime_error("bucket " + object.bucket + " vanished during Complete");
  BlobIds removed = write_object(object);
  const BlobIds used = object.blob_ids();
  for (auto& id : drop_upload(*m_db, upload_id, std::set<std::string>(used.begin(), used.end())))
    removed.push_back(std::move(id));
  txn.commit();
  return removed;
}

} // namespace mock
