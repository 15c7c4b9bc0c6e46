#include "mock/kms.hpp"

#include "mock/errors.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

#include <algorithm>

namespace mock {

std::string new_key_id() {
  const std::string hex = util::to_hex_lower(util::random_bytes(16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

Kms::Kms(MetadataStore& store, KmsConfig config, std::string region, std::vector<User> users)
    : m_store(store), m_config(std::move(config)), m_region(std::move(region)),
      m_users(std::move(users)) {
  register_configured_keys();
}

void Kms::register_configured_keys() {
  for (const auto& key : m_config.keys) {
    m_store.put_kms_key(KmsKeyRecord{key.id, key.alias, key.region.empty() ? m_region : key.region,
                                     key.state, util::now_utc()});
  }
}

std::string Kms::default_key_id() {
  std::lock_guard lock(m_mutex);
  const std::string alias(k_default_cmk_alias);
  if (auto existing = m_store.kms_key_by_alias(alias, m_region)) return existing->id;
  return m_store
      .ensure_kms_key(KmsKeyRecord{new_key_id(), alias, m_region, "Enabled", util::now_utc()})
      .id;
}

const KmsKeyConfig* Kms::configured(const std::string& id) const {
  for (const auto& key : m_config.keys)
    if (key.id == id) return &key;
  return nullptr;
}

bool Kms::has_all_grants(const Principal& principal) const {
  return std::any_of(m_users.begin(), m_users.end(), [&](const User& u) {
    return u.all_kms_grants && u.access_key_id == principal.access_key_id;
  });
}

std::string Kms::authorize(const std::string& requested, const Principal& principal, KmsOperation) {
  if (!m_config.enabled) throw errors::kms_not_enabled();
  // OSS: anonymous requests never use KMS (oss-api.md §5.7).
  if (principal.anonymous) throw errors::forbidden_by_kms();
  if (requested.empty()) return default_key_id();

  std::optional<KmsKeyRecord> key = m_store.kms_key(requested);
  if (!key && requested.starts_with("alias/")) key = m_store.kms_key_by_alias(requested, m_region);
  // KMS is regional: a key of another region is not found from this one.
  if (!key || key->region != m_region) throw errors::kms_key_not_found(requested);
  if (key->state != "Enabled") throw errors::kms_key_not_enabled(key->id, key->state);
  if (key->alias == k_default_cmk_alias) return key->id; // usable by every authenticated user
  const KmsKeyConfig* config = configured(key->id);
  const bool granted =
      has_all_grants(principal) ||
      (config != nullptr && std::find(config->grants.begin(), config->grants.end(),
                                      principal.user_name) != config->grants.end());
  if (!granted) throw errors::forbidden_by_kms();
  return key->id;
}

std::vector<KmsKeyInfo> Kms::keys() {
  std::vector<KmsKeyInfo> out;
  for (auto& record : m_store.kms_keys()) {
    KmsKeyInfo info;
    info.is_default = record.alias == k_default_cmk_alias;
    if (const KmsKeyConfig* config = configured(record.id)) info.grants = config->grants;
    info.record = std::move(record);
    out.push_back(std::move(info));
  }
  return out;
}

bool Kms::set_state(const std::string& id, const std::string& state) {
  return m_store.set_kms_key_state(id, state);
}

} // namespace mock
