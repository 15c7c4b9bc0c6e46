#include "mock/kms.hpp"

#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

namespace mock {

std::string new_key_id() {
  const std::string hex = util::to_hex_lower(util::random_bytes(16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

Kms::Kms(MetadataStore& store, const KmsConfig& config, std::string region)
    : m_store(store), m_config(config), m_region(std::move(region)) {
  for (const auto& key : m_config.keys) {
    m_store.ensure_kms_key(KmsKeyRecord{key.id, key.alias, key.region.empty() ? m_region : key.region,
                                        key.state, util::now_utc()});
  }
}

std::string Kms::default_key_id() {
  std::lock_guard lock(m_mutex);
  const std::string alias(k_default_cmk_alias);
  if (auto existing = m_store.kms_key_by_alias(alias, m_region)) return existing->id;
  return m_store.ensure_kms_key(KmsKeyRecord{new_key_id(), alias, m_region, "Enabled", util::now_utc()})
      .id;
}

std::string Kms::resolve_key_id(const std::string& requested) {
  return requested.empty() ? default_key_id() : requested;
}

} // namespace mock
