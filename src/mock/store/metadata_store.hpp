#pragma once
// ossmock's metadata in DATA_DIR/meta.sqlite (WAL): buckets, objects (a single blob, or the
// ordered part blobs of a completed multipart upload), multipart uploads and their parts, KMS keys.
// Thread-safe: one connection, every call serialised by a mutex. Each mutation is one
// transaction, so an object is visible whole or not at all.
#include "mock/store/blob_store.hpp"
#include "oss/sse.hpp"

#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mock {

namespace sql {
class Database;
}

struct BucketRecord {
  std::string name;
  std::string owner;  ///< access key id of the creator
  std::string region; ///< bare region id
  std::string acl = "private";
  std::string storage_class = "Standard";
  std::time_t created = 0;
  oss::SseSpec sse; ///< the bucket default rule; empty = none
};

using NameValues = std::vector<std::pair<std::string, std::string>>;

/// One part of a multipart object: its own blob (own data key), sealed with the upload id and
/// part number bound into the key context (see part_blob_context()).
struct ObjectPart {
  std::uint32_t part_number = 0;
  std::string upload_id;
  StoredBlob blob;
};

struct ObjectRecord {
  std::string bucket;
  std::string key;
  std::uint64_t size = 0;
  std::string etag; ///< unquoted upper-case hex
  std::uint64_t crc64 = 0;
  std::string content_type;
  NameValues http_headers; ///< Cache-Control, Content-Disposition, Content-Encoding, Expires…
  NameValues user_meta;    ///< x-oss-meta-* (lower-cased names, without the prefix)
  std::string acl = "default";
  std::string storage_class = "Standard";
  std::string owner;
  oss::SseSpec sse;
  StoredBlob blob;               ///< a single-blob object; empty id for a multipart object
  std::vector<ObjectPart> parts; ///< a multipart object: parts in order (sizes add up to size)
  std::time_t last_modified = 0;

  bool is_multipart() const { return !parts.empty(); }
  /// Every blob id the object references.
  std::vector<std::string> blob_ids() const;
};

/// An in-progress multipart upload: what InitiateMultipartUpload fixed for the final object.
struct UploadRecord {
  std::string upload_id;
  std::string bucket;
  std::string key;
  std::time_t initiated = 0;
  std::string owner;
  oss::SseSpec sse;
  std::string content_type;
  NameValues http_headers;
  NameValues user_meta;
  std::string acl = "default";
  std::string storage_class = "Standard";
};

struct PartRecord {
  std::uint32_t part_number = 0;
  std::uint64_t size = 0;
  std::string etag; ///< unquoted upper-case hex MD5 of the part
  std::uint64_t crc64 = 0;
  StoredBlob blob;
  std::time_t last_modified = 0;
};

/// One entry of a listing page: an object or a common prefix.
struct ListEntry {
  bool is_prefix = false;
  std::string name; ///< key or common prefix
  ObjectRecord object;
};

struct ListPage {
  std::vector<ListEntry> entries;
  bool truncated = false;
  /// Where the next page starts (exclusive): the last key or common prefix returned.
  std::string next_after;
};

struct KmsKeyRecord {
  std::string id;
  std::string alias;
  std::string region;
  std::string state = "Enabled";
  std::time_t created = 0;
};

/// Blob ids that are no longer referenced and should be removed from disk.
using BlobIds = std::vector<std::string>;

class MetadataStore {
public:
  /// Opens or creates DATA_DIR/meta.sqlite and its schema. Throws std::runtime_error.
  explicit MetadataStore(const std::string& path);
  ~MetadataStore();
  MetadataStore(const MetadataStore&) = delete;
  MetadataStore& operator=(const MetadataStore&) = delete;

  /// False when the name is taken.
  bool create_bucket(const BucketRecord& bucket);
  std::optional<BucketRecord> bucket(const std::string& name);
  /// Sorted by name, names starting with prefix and > marker, at most max_keys (+truncation).
  std::vector<BucketRecord> list_buckets(const std::string& prefix, const std::string& marker,
                                         std::size_t max_keys, bool& truncated);
  enum class DeleteBucket { deleted, not_found, not_empty };
  DeleteBucket delete_bucket(const std::string& name);
  /// False when the bucket does not exist.
  bool set_bucket_acl(const std::string& name, const std::string& acl);
  bool set_bucket_sse(const std::string& name, const oss::SseSpec& sse);

  std::optional<ObjectRecord> object(const std::string& bucket, const std::string& key);
  /// Makes the object visible (insert or replace) in one transaction. Returns the blob ids it
  /// replaced (to remove from disk afterwards; ids the new object still uses are left out).
  /// Returns nullopt when the bucket does not exist (any more).
  std::optional<BlobIds> put_object(const ObjectRecord& object);
  /// Returns the removed object's blob ids, or nullopt when there was no such object.
  std::optional<BlobIds> delete_object(const std::string& bucket, const std::string& key);
  bool set_object_acl(const std::string& bucket, const std::string& key, const std::string& acl);

  /// Keys starting with prefix, strictly after `after`, grouped into common prefixes at the
  /// first delimiter after the prefix; at most max_entries entries (objects + prefixes).
  ListPage list_objects(const std::string& bucket, const std::string& prefix,
                        const std::string& delimiter, const std::string& after,
                        std::size_t max_entries);

  /// Every blob id referenced by an object or an uploaded part (for the orphan sweep at start).
  std::vector<std::string> referenced_blob_ids();

  // Multipart uploads (metadata_store_multipart.cpp).
  /// False when the bucket does not exist.
  bool create_upload(const UploadRecord& upload);
  std::optional<UploadRecord> upload(const std::string& upload_id);
  /// Uploads of a bucket whose key starts with prefix, ordered by key then initiation.
  std::vector<UploadRecord> list_uploads(const std::string& bucket, const std::string& prefix);
  /// Records a part (replacing the same part number). Returns the replaced part's blob id or
  /// "" when none; nullopt when the upload does not exist (any more).
  std::optional<std::string> put_part(const std::string& upload_id, const PartRecord& part);
  /// All parts of an upload by part number.
  std::vector<PartRecord> parts(const std::string& upload_id);
  /// Removes the upload and its parts; returns their blob ids, nullopt when no such upload.
  std::optional<BlobIds> abort_upload(const std::string& upload_id);
  /// In ONE transaction: checks that the upload still exists, makes `object` (whose parts are
  /// the chosen uploaded parts) visible, removes the upload. Returns the blob ids no longer
  /// referenced (the replaced object's, unchosen parts'); nullopt when the upload is gone.
  /// Throws std::runtime_error when the bucket is gone.
  std::optional<BlobIds> complete_upload(const std::string& upload_id, const ObjectRecord& object);

  std::optional<KmsKeyRecord> kms_key_by_alias(const std::string& alias, const std::string& region);
  std::optional<KmsKeyRecord> kms_key(const std::string& id);
  std::vector<KmsKeyRecord> kms_keys();
  /// Inserts the key unless one with the same id exists; returns the stored record.
  KmsKeyRecord ensure_kms_key(const KmsKeyRecord& key);
  /// Inserts or overwrites alias, region and state (configured keys at start).
  void put_kms_key(const KmsKeyRecord& key);
  /// False when there is no such key.
  bool set_kms_key_state(const std::string& id, const std::string& state);

  /// Forgets every bucket, object, upload and KMS key (admin reset). The caller removes blobs.
  void reset();

private:
  /// Loads object_parts for a multipart object (caller holds the mutex).
  void load_parts(ObjectRecord& object);
  /// Replaces the object row and its part rows; returns the old blob ids no longer used.
  /// Caller holds the mutex and a transaction.
  BlobIds write_object(const ObjectRecord& object);

  std::mutex m_mutex;
  std::unique_ptr<sql::Database> m_db;
};

/// The smallest string greater than every string that starts with `prefix`, or "" when there
/// is none (prefix empty or all 0xFF bytes).
std::string prefix_successor(const std::string& prefix);

} // namespace mock
