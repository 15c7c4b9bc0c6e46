#pragma once
// The KMS emulator's key registry (the crypto and grants arrive with issue #3): customer
// master keys from the config file and the default CMK `alias/acs/oss`, created on first use.
#include "mock/options.hpp"
#include "mock/store/metadata_store.hpp"

#include <mutex>
#include <string>

namespace mock {

inline constexpr std::string_view k_default_cmk_alias = "alias/acs/oss";

class Kms {
public:
  /// Registers the configured keys in the store. Throws std::runtime_error on storage errors.
  Kms(MetadataStore& store, const KmsConfig& config, std::string region);

  bool enabled() const { return m_config.enabled; }
  /// The id of the default CMK for the server region, creating and persisting it on first use.
  std::string default_key_id();
  /// The key id recorded for an object: `requested` when given, else the default CMK.
  std::string resolve_key_id(const std::string& requested);

private:
  MetadataStore& m_store;
  KmsConfig m_config;
  std::string m_region;
  std::mutex m_mutex;
};

/// A random UUID-like id: 8-4-4-4-12 lower-case hex.
std::string new_key_id();

} // namespace mock
