#pragma once
// The KMS emulator: customer master keys from the config file plus the default CMK
// `alias/acs/oss` (created on first use), their states, and who may use them.
//
// Rules (README "ossmock"): KMS disabled -> 403 KmsServiceNotEnabled; anonymous -> 403
// AccessDenied "This request is forbidden by kms."; unknown CMK or a CMK of another region ->
// 400 InvalidArgument EC 0005-00000208; Disabled/PendingDeletion -> 409 EC 0005-00000214; a user
// without a grant on a configured CMK -> 403 AccessDenied "forbidden by kms". The default CMK is
// usable by every authenticated user. Key material is never held here (it is derived from the
// master key by the encrypting blob store).
#include "mock/options.hpp"
#include "mock/request.hpp"
#include "mock/store/metadata_store.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace mock {

inline constexpr std::string_view k_default_cmk_alias = "alias/acs/oss";

enum class KmsOperation { generate_data_key, decrypt };

/// What the admin API shows about a key (no material).
struct KmsKeyInfo {
  KmsKeyRecord record;
  std::vector<std::string> grants; ///< user names; empty for the default CMK
  bool is_default = false;
};

class Kms {
public:
  /// Registers the configured keys in the store (their configured alias, region and state
  /// overwrite what was stored). Thread-safe. Throws std::runtime_error on storage errors.
  Kms(MetadataStore& store, KmsConfig config, std::string region, std::vector<User> users);

  bool enabled() const { return m_config.enabled; }
  /// The id of the default CMK for the server region, creating and persisting it on first use.
  std::string default_key_id();

  /// Checks that `principal` may run `operation` with the CMK `requested` (an id or alias; empty =
  /// the default CMK) and returns the key id to record. Throws ApiError (see the rules above).
  std::string authorize(const std::string& requested, const Principal& principal,
                        KmsOperation operation);

  std::vector<KmsKeyInfo> keys();
  /// Enabled/Disabled. Returns false when there is no such key.
  bool set_state(const std::string& id, const std::string& state);
  /// Re-registers the configured keys (after an admin reset of the store).
  void register_configured_keys();

private:
  const KmsKeyConfig* configured(const std::string& id) const;
  bool has_all_grants(const Principal& principal) const;

  MetadataStore& m_store;
  KmsConfig m_config;
  std::string m_region;
  std::vector<User> m_users;
  std::mutex m_mutex;
};

/// A random UUID-like id: 8-4-4-4-12 lower-case hex.
std::string new_key_id();

} // namespace mock
