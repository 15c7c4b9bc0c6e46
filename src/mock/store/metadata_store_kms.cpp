// MetadataStore: the KMS emulator's keys (id, alias, region, state; never material).
#include "mock/store/metadata_store.hpp"
#include "mock/store/sqlite.hpp"

namespace mock {
namespace {

constexpr const char* k_kms_columns = "id, alias, region, state, created";

KmsKeyRecord read_kms_key(const sql::Statement& s) {
  return KmsKeyRecord{s.text(0), s.text(1), s.text(2), s.text(3),
                      static_cast<std::time_t>(s.integer(4))};
}

} // namespace

std::optional<KmsKeyRecord> MetadataStore::kms_key_by_alias(const std::string& alias,
                                                            const std::string& region) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("SELECT ") + k_kms_columns +
                         " FROM kms_keys WHERE alias = ? AND region = ? ORDER BY created LIMIT 1");
  s.bind(1, alias).bind(2, region);
  if (!s.step()) return std::nullopt;
  return read_kms_key(s);
}

std::optional<KmsKeyRecord> MetadataStore::kms_key(const std::string& id) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("SELECT ") + k_kms_columns + " FROM kms_keys WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_kms_key(s);
}

std::vector<KmsKeyRecord> MetadataStore::kms_keys() {
  std::lock_guard lock(m_mutex);
  auto s =
      m_db->prepare(std::string("SELECT ") + k_kms_columns + " FROM kms_keys ORDER BY created, id");
  std::vector<KmsKeyRecord> out;
  while (s.step())
    out.push_back(read_kms_key(s));
  return out;
}

void MetadataStore::put_kms_key(const KmsKeyRecord& key) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare(std::string("INSERT INTO kms_keys (") + k_kms_columns +
                         ") VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET alias = "
                         "excluded.alias, region = excluded.region, state = excluded.state");
  s.bind(1, key.id).bind(2, key.alias).bind(3, key.region).bind(4, key.state);
  s.bind(5, static_cast<std::int64_t>(key.created));
  s.run();
}

bool MetadataStore::set_kms_key_state(const std::string& id, const std::string& state) {
  std::lock_guard lock(m_mutex);
  auto s = m_db->prepare("UPDATE kms_keys SET state = ? WHERE id = ?");
  s.bind(1, state).bind(2, id);
  s.run();
  return m_db->changes() == 1;
}

KmsKeyRecord MetadataStore::ensure_kms_key(const KmsKeyRecord& key) {
  std::lock_guard lock(m_mutex);
  auto ins = m_db->prepare(std::string("INSERT OR IGNORE INTO kms_keys (") + k_kms_columns +
                           ") VALUES (?,?,?,?,?)");
  ins.bind(1, key.id).bind(2, key.alias).bind(3, key.region).bind(4, key.state);
  ins.bind(5, static_cast<std::int64_t>(key.created));
  ins.run();
  auto s = m_db->prepare(std::string("SELECT ") + k_kms_columns + " FROM kms_keys WHERE id = ?");
  s.bind(1, key.id);
  s.step();
  return read_kms_key(s);
}

} // namespace mock
