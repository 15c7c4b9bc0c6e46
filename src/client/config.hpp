#pragma once
// Configuration resolution: command-line flags > OSS_* environment > ~/.ossutilconfig
// (cli.md §3). Pure: the caller reads the environment and the file and passes them in.
#include "oss/http_types.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace client {

/// Values given on the command line; nullopt = not given.
struct ConfigFlags {
  std::optional<std::string> endpoint, region, access_key_id, access_key_secret, sts_token;
  std::optional<std::string> config_file, profile;
  std::optional<std::string> sign_version, addressing_style, output_format, loglevel;
  std::optional<int> retry_times, connect_timeout, read_timeout;
  bool skip_verify_cert = false;
  bool ignore_env_var = false;
};

using EnvMap = std::map<std::string, std::string>;

/// Everything a command needs to reach the service. Values are validated spellings:
/// sign_version "v1"/"v4", addressing_style "virtual"/"path"/"cname",
/// output_format "raw"/"json", loglevel "off"/"info"/"debug".
struct ResolvedConfig {
  std::string endpoint; ///< as given, or "https://oss-<region>.aliyuncs.com"
  std::string region;
  oss::Credentials credentials;
  std::string sign_version = "v4";
  std::string addressing_style = "virtual";
  std::string output_format = "raw";
  std::string loglevel = "off";
  int retry_times = 10;
  int connect_timeout = 10;
  int read_timeout = 20;
  bool skip_verify_cert = false;
};

/// A parsed INI file: section -> key -> value. Section names are lower-cased with inner
/// whitespace collapsed ("profile dev"); keys are normalised by normalize_config_key.
using IniSections = std::map<std::string, std::map<std::string, std::string>>;

/// "accessKeyId", "access-key-id", "access_key_id", "AccessKeyID" -> "accesskeyid".
std::string normalize_config_key(std::string_view key);
/// Parses INI text: `[section]`, `key = value` (surrounding double or single quotes stripped),
/// `#`/`;` comment lines. Lines that are neither are ignored.
IniSections parse_ini(std::string_view text);

/// The config file path: --config-file, else OSSUTIL_CONFIG_FILE (not affected by
/// --ignore-env-var), else HOME/.ossutilconfig. `explicit_path` tells whether the user named it.
std::string config_file_path(const ConfigFlags& flags, const EnvMap& env, bool* explicit_path);
/// The profile: --profile, else OSSUTIL_PROFILE, else "default".
std::string profile_name(const ConfigFlags& flags, const EnvMap& env);

/// Merges flags > env (unless ignore_env_var) > file for each setting and validates the
/// spellings of enumerated settings. Throws oss::Error(usage) naming the flag, the value and
/// the accepted values. Does not require region or credentials (see require_request_settings).
ResolvedConfig resolve_config(const ConfigFlags& flags, const EnvMap& env,
                              std::string_view file_text);

/// Checks what sending a request needs: region for V4 ("region must be set in sign version
/// 4."), an endpoint, and an AccessKey pair. Throws oss::Error(usage).
void require_request_settings(const ResolvedConfig& config);

} // namespace client
