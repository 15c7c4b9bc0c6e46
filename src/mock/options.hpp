#pragma once
// ossmock's settings: the command line, the JSON config file (--config) and their merge.
// Parsing is pure (no I/O besides reading the config file in load_options).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mock {

inline constexpr std::string_view k_default_access_key_id = "ossmock-ak";
inline constexpr std::string_view k_default_access_key_secret = "ossmock-sk";
inline constexpr std::string_view k_default_region = "cn-hangzhou";
inline constexpr std::string_view k_default_listen = "127.0.0.1:9000";

/// A bad command line or config file. what() names the flag or field, the value and what is
/// accepted.
class ConfigError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct User {
  std::string name;
  std::string access_key_id;
  std::string access_key_secret;
  /// The built-in default user (and a --access-key-id user when the config lists no users) may
  /// use every CMK, so a config with only `kms.keys` keeps working with the default credentials.
  bool all_kms_grants = false;
};

struct KmsKeyConfig {
  std::string id;
  std::string alias;             ///< "alias/…", may be empty
  std::string region;            ///< empty = the server region
  std::string state = "Enabled"; ///< Enabled | Disabled | PendingDeletion
  /// User names allowed to use the key (GenerateDataKey and Decrypt).
  std::vector<std::string> grants;
};

struct KmsConfig {
  bool enabled = true;
  std::vector<KmsKeyConfig> keys;
};

/// The contents of a --config file; absent members are nullopt/defaults.
struct ConfigFile {
  std::optional<std::string> region;
  std::optional<std::vector<User>> users;
  KmsConfig kms;
};

/// Parses the JSON config. Throws ConfigError naming the field ("users[1].access_key_id: …").
ConfigFile parse_config_json(std::string_view text);

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};
/// "HOST:PORT" or "[v6]:PORT". Throws ConfigError.
ListenAddress parse_listen(std::string_view text);

/// Connection limits against clients that hold connections open without progressing
/// (slowloris): each timeout closes the connection.
struct HttpLimits {
  /// From the first byte of a request (or from accept, for the first request) until its
  /// header is complete.
  double header_timeout_s = 20;
  /// A keep-alive connection waiting for its next request.
  double idle_timeout_s = 60;
  /// No byte of the body arrives (or no byte of the response can be sent) for this long.
  double body_timeout_s = 60;
  /// Connections served at once; more wait in the listen backlog until one ends.
  std::size_t max_connections = 1024;
};

/// Everything the server needs, after merging flags, config file and defaults.
struct ServerOptions {
  std::string data_dir;
  ListenAddress listen{"127.0.0.1", 9000};
  std::string region{k_default_region};
  std::vector<User> users;
  KmsConfig kms;
  std::string port_file; ///< empty = none
  HttpLimits http;
};

/// Raw flag values before merging (what CLI11 fills).
struct CommandLine {
  std::string data_dir;
  std::string listen{k_default_listen};
  std::string region; ///< empty = not given
  std::string access_key_id;
  std::string access_key_secret;
  std::string config_file;
  std::string port_file;
  HttpLimits http;
};

/// Merges flags over the config file over defaults: region flag > config > cn-hangzhou;
/// config `users` replace the default pair, and an --access-key-id/--access-key-secret pair
/// is added to whatever set results. Without config users, the default user and the flag user
/// hold grants on every CMK. With config users, every grant must name one of them. Throws
/// ConfigError.
ServerOptions merge_options(const CommandLine& flags, const std::optional<ConfigFile>& config);

/// Parses argv with CLI11, reads the config file, merges. Returns the exit code to stop with
/// (0 after --help, 2 on any error, message already printed to stderr), or nullopt to run.
std::optional<int> load_options(int argc, char** argv, ServerOptions& out);

} // namespace mock
