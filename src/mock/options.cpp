#include "mock/options.hpp"

#include "oss/signer_v4.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace mock {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& field, const std::string& what) {
  throw ConfigError(field + ": " + what);
}

std::string string_field(const Json& object, const std::string& path, const char* name,
                         bool required) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (required) fail(path + "." + name, "is required");
    return {};
  }
  if (!it->is_string()) fail(path + "." + name, "must be a string");
  std::string value = it->get<std::string>();
  if (required && value.empty()) fail(path + "." + name, "must not be empty");
  return value;
}

void check_object(const Json& value, const std::string& path) {
  if (!value.is_object()) fail(path, "must be a JSON object");
}

void check_region(const std::string& region, const std::string& field) {
  if (region.empty()) fail(field, "must not be empty");
  for (char c : region) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      fail(field, "'" + region + "' is not a region id (lower-case letters, digits and '-')");
  }
}

std::vector<User> parse_users(const Json& users) {
  if (!users.is_array())
    fail("users", "must be an array of {name, access_key_id, access_key_secret}");
  std::vector<User> out;
  for (std::size_t i = 0; i < users.size(); ++i) {
    const std::string path = "users[" + std::to_string(i) + "]";
    check_object(users[i], path);
    User user;
    user.name = string_field(users[i], path, "name", false);
    user.access_key_id = string_field(users[i], path, "access_key_id", true);
    user.access_key_secret = string_field(users[i], path, "access_key_secret", true);
    for (const auto& previous : out) {
      if (previous.access_key_id == user.access_key_id)
        fail(path + ".access_key_id", "'" + user.access_key_id + "' is used twice");
    }
    out.push_back(std::move(user));
  }
  return out;
}

KmsKeyConfig parse_kms_key(const Json& key, const std::string& path) {
  check_object(key, path);
  KmsKeyConfig out;
  out.id = string_field(key, path, "id", true);
  out.alias = string_field(key, path, "alias", false);
  out.region = string_field(key, path, "region", false);
  if (!out.region.empty()) check_region(out.region, path + ".region");
  const std::string state = string_field(key, path, "state", false);
  if (!state.empty()) {
    if (state != "Enabled" && state != "Disabled" && state != "PendingDeletion")
      fail(path + ".state", "'" + state + "' is not one of Enabled, Disabled, PendingDeletion");
    out.state = state;
  }
  const auto grants = key.find("grants");
  if (grants != key.end()) {
    if (!grants->is_array()) fail(path + ".grants", "must be an array of user names");
    for (std::size_t i = 0; i < grants->size(); ++i) {
      const Json& grant = (*grants)[i];
      const std::string field = path + ".grants[" + std::to_string(i) + "]";
      if (!grant.is_string() || grant.get<std::string>().empty())
        fail(field, "must be a user name (a string from users[].name)");
      out.grants.push_back(grant.get<std::string>());
    }
  }
  return out;
}

KmsConfig parse_kms(const Json& kms) {
  check_object(kms, "kms");
  KmsConfig out;
  const auto enabled = kms.find("enabled");
  if (enabled != kms.end()) {
    if (!enabled->is_boolean()) fail("kms.enabled", "must be true or false");
    out.enabled = enabled->get<bool>();
  }
  const auto keys = kms.find("keys");
  if (keys != kms.end()) {
    if (!keys->is_array()) fail("kms.keys", "must be an array");
    for (std::size_t i = 0; i < keys->size(); ++i)
      out.keys.push_back(parse_kms_key((*keys)[i], "kms.keys[" + std::to_string(i) + "]"));
  }
  return out;
}

} // namespace

ConfigFile parse_config_json(std::string_view text) {
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    fail("config", std::string("not valid JSON (") + e.what() + ")");
  }
  check_object(root, "config");
  ConfigFile out;
  for (const auto& [name, value] : root.items()) {
    if (name == "region") {
      if (!value.is_string()) fail("region", "must be a string");
      out.region = oss::v4::standard_region(value.get<std::string>());
      check_region(*out.region, "region");
    } else if (name == "users") {
      out.users = parse_users(value);
    } else if (name == "kms") {
      out.kms = parse_kms(value);
    } else {
      fail(name, "unknown field (accepted: region, users, kms)");
    }
  }
  return out;
}

ListenAddress parse_listen(std::string_view text) {
  ListenAddress out;
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find("]:");
    if (close == std::string_view::npos)
      fail("--listen", "'" + std::string(text) + "' is not [IPV6]:PORT");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
      fail("--listen", "'" + std::string(text) + "' is not HOST:PORT");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() ||
      value > 65535)
    fail("--listen", "'" + std::string(text) + "' is not HOST:PORT with a port 0-65535");
  out.host = std::string(host);
  out.port = static_cast<std::uint16_t>(value);
  return out;
}

ServerOptions merge_options(const CommandLine& flags, const std::optional<ConfigFile>& config) {
  ServerOptions out;
  if (flags.data_dir.empty()) fail("--data-dir", "is required");
  out.data_dir = flags.data_dir;
  out.listen = parse_listen(flags.listen);
  out.port_file = flags.port_file;
  const auto check_timeout = [](double seconds, const char* flag) {
    if (!(seconds > 0 && seconds <= 86400))
      fail(flag, std::to_string(seconds) + " is not a number of seconds in (0, 86400]");
  };
  check_timeout(flags.http.header_timeout_s, "--header-timeout");
  check_timeout(flags.http.idle_timeout_s, "--idle-timeout");
  check_timeout(flags.http.body_timeout_s, "--body-timeout");
  if (flags.http.max_connections < 1 || flags.http.max_connections > 100000)
    fail("--max-connections", std::to_string(flags.http.max_connections) + " is not in 1-100000");
  out.http = flags.http;
  if (!flags.region.empty()) {
    out.region = oss::v4::standard_region(flags.region);
    check_region(out.region, "--region");
  } else if (config && config->region) {
    out.region = *config->region;
  }
  const bool config_users = config && config->users;
  if (config_users) {
    out.users = *config->users;
  } else {
    out.users.push_back({"default", std::string(k_default_access_key_id),
                         std::string(k_default_access_key_secret), true});
  }
  if (flags.access_key_id.empty() != flags.access_key_secret.empty())
    fail(flags.access_key_id.empty() ? "--access-key-id" : "--access-key-secret",
         "is required together with the other of --access-key-id/--access-key-secret");
  if (!flags.access_key_id.empty()) {
    std::erase_if(out.users, [&](const User& u) { return u.access_key_id == flags.access_key_id; });
    out.users.push_back(
        {"command-line", flags.access_key_id, flags.access_key_secret, !config_users});
  }
  if (out.users.empty()) fail("users", "must list at least one user");
  if (config) out.kms = config->kms;
  for (std::size_t k = 0; config_users && k < out.kms.keys.size(); ++k) {
    const auto& grants = out.kms.keys[k].grants;
    for (std::size_t g = 0; g < grants.size(); ++g) {
      const bool known = std::any_of(out.users.begin(), out.users.end(),
                                     [&](const User& u) { return u.name == grants[g]; });
      if (!known)
        fail("kms.keys[" + std::to_string(k) + "].grants[" + std::to_string(g) + "]",
             "'" + grants[g] + "' is not the name of a user in users[]");
    }
  }
  return out;
}

std::optional<int> load_options(int argc, char** argv, ServerOptions& out) {
  CommandLine flags;
  CLI::App app{"ossmock: a local Alibaba Cloud OSS-compatible server for tests and CI.\n"
               "Default credentials: access key id 'ossmock-ak', secret 'ossmock-sk' (replaced\n"
               "by the config file's users; --access-key-id/--access-key-secret add one more).\n"
               "Admin endpoints (loopback only, JSON): GET /-/health, GET /-/kms/keys,\n"
               "POST /-/kms/keys/ID/disable|enable, GET /-/objects/BUCKET/KEY, POST /-/reset.\n"
               "Prints 'ossmock listening on http://HOST:PORT' on stdout once ready; logs one\n"
               "line per request to stderr. Stops cleanly on SIGINT/SIGTERM.",
               "ossmock"};
  app.add_option("--data-dir", flags.data_dir,
                 "Directory for meta.sqlite, blobs/ and tmp/ (created)")
      ->required();
  app.add_option("--listen", flags.listen,
                 "Address to listen on, HOST:PORT; port 0 picks a free port")
      ->default_str(std::string(k_default_listen));
  app.add_option("--region", flags.region, "Region of the server (V4 scope, bucket Location)")
      ->default_str(std::string(k_default_region));
  app.add_option("--access-key-id", flags.access_key_id, "Add a user with this access key id");
  app.add_option("--access-key-secret", flags.access_key_secret, "Secret of --access-key-id");
  app.add_option("--config", flags.config_file,
                 "JSON file: {\"region\":…, \"users\":[{\"name\",\"access_key_id\","
                 "\"access_key_secret\"}], \"kms\":{\"enabled\", \"keys\":[{\"id\",\"alias\","
                 "\"region\",\"state\",\"grants\":[user names]}]}}");
  app.add_option("--port-file", flags.port_file,
                 "Write the listening port number to this file (atomically) once ready");
  const HttpLimits defaults;
  app.add_option("--header-timeout", flags.http.header_timeout_s,
                 "Seconds a client may take to send a request's headers before the connection "
                 "is closed")
      ->default_str(std::to_string(static_cast<int>(defaults.header_timeout_s)));
  app.add_option("--idle-timeout", flags.http.idle_timeout_s,
                 "Seconds an idle keep-alive connection is kept open")
      ->default_str(std::to_string(static_cast<int>(defaults.idle_timeout_s)));
  app.add_option("--body-timeout", flags.http.body_timeout_s,
                 "Seconds without progress while receiving a body or sending a response before "
                 "the connection is closed")
      ->default_str(std::to_string(static_cast<int>(defaults.body_timeout_s)));
  app.add_option("--max-connections", flags.http.max_connections,
                 "Connections served at once; further clients wait (not refused) until one ends")
      ->default_str(std::to_string(defaults.max_connections));
  app.set_version_flag("--version", std::string(OSSUTIL_VERSION));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    std::optional<ConfigFile> config;
    if (!flags.config_file.empty()) {
      std::ifstream in(flags.config_file, std::ios::binary);
      if (!in) fail("--config", "cannot read '" + flags.config_file + "'");
      std::ostringstream text;
      text << in.rdbuf();
      try {
        config = parse_config_json(text.str());
      } catch (const ConfigError& e) {
        throw ConfigError(flags.config_file + ": " + e.what());
      }
    }
    out = merge_options(flags, config);
  } catch (const ConfigError& e) {
    std::cerr << "ossmock: error: " << e.what() << '\n';
    return 2;
  }
  return std::nullopt;
}

} // namespace mock
