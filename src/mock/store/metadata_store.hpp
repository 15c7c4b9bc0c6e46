#pragma once
// ossmock's metadata in DATA_DIR/meta.sqlite (WAL): buckets, objects, KMS keys.
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
  /// Makes the object visible (insert or replace) in one transaction. Returns the blob id it
  /// replaced (to remove from disk afterwards), or "" when none. Returns nullopt when the
  /// bucket does not exist (any more).
  std::optional<std::string> put_object(const ObjectRecord& object);
  /// Returns the removed object's blob id, or nullopt when there was no such object.
  std::optional<std::string> delete_object(const std::string& bucket, const std::string& key);
  bool set_object_acl(const std::string& bucket, const std::string& key, const std::string& acl);

  /// Keys starting with prefix, strictly after `after`, grouped into common prefixes at the
  /// first delimiter after the prefix; at most max_entries entries (objects + prefixes).
  ListPage list_objects(const std::string& bucket, const std::string& prefix,
                        const std::string& delimiter, const std::string& after,
                        std::size_t max_entries);

  /// Every blob id referenced by an object (for the orphan sweep at start).
  std::vector<std::string> referenced_blob_ids();

  std::optional<KmsKeyRecord> kms_key_by_alias(const std::string& alias, const std::string& region);
  /// Inserts the key unless one with the same id exists; returns the stored record.
  KmsKeyRecord ensure_kms_key(const KmsKeyRecord& key);

private:
  ObjectRecord read_object_row(const void* statement) const;

  std::mutex m_mutex;
  std::unique_ptr<sql::Database> m_db;
};

/// The smallest string greater than every string that starts with `prefix`, or "" when there
/// is none (prefix empty or all 0xFF bytes).
std::string prefix_successor(const std::string& prefix);

} // namespace mock
