#include "client/config.hpp"

#include "oss/error.hpp"
#include "util/strings.hpp"

#include <set>

namespace client {

std::string normalize_config_key(std::string_view key) {
  std::string out;
  for (char c : util::trim(key))
    if (c != '-' && c != '_') out.push_back(c);
  return util::to_lower(out);
}

namespace {

std::string normalize_section(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : util::trim(name)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return util::to_lower(out);
}

std::string strip_quotes(std::string_view value) {
  value = util::trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return std::string(value);
}

} // namespace

IniSections parse_ini(std::string_view text) {
  // Editors on some systems start UTF-8 files with a byte-order mark; it is not part of the text.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  IniSections out;
  std::string section;
  for (const auto& raw_line : util::split(text, '\n')) {
    const std::string_view line = util::trim(raw_line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      const auto close = line.find(']');
      section = normalize_section(
          line.substr(1, close == std::string_view::npos ? line.size() - 1 : close - 1));
      out[section];
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string key = normalize_config_key(line.substr(0, eq));
    if (key.empty()) continue;
    out[section][key] = strip_quotes(line.substr(eq + 1));
  }
  return out;
}

std::string config_file_path(const ConfigFlags& flags, const EnvMap& env, bool* explicit_path) {
  if (explicit_path) *explicit_path = true;
  if (flags.config_file && !flags.config_file->empty()) return *flags.config_file;
  if (const auto it = env.find("OSSUTIL_CONFIG_FILE"); it != env.end() && !it->second.empty())
    return it->second;
  if (explicit_path) *explicit_path = false;
  const auto home = env.find("HOME");
  return (home != env.end() ? home->second : std::string()) + "/.ossutilconfig";
}

std::string profile_name(const ConfigFlags& flags, const EnvMap& env) {
  if (flags.profile && !flags.profile->empty()) return *flags.profile;
  if (const auto it = env.find("OSSUTIL_PROFILE"); it != env.end() && !it->second.empty())
    return it->second;
  return "default";
}

namespace {

/// Looks keys up in a profile, following source-profile, then the legacy [Credentials].
class ProfileView {
public:
  ProfileView(const IniSections& ini, const std::string& profile) : m_ini(ini) {
    std::set<std::string> seen;
    std::string name = util::to_lower(profile);
    while (!name.empty() && seen.insert(name).second) {
      const auto* section = find_profile(name);
      if (section == nullptr) break;
      m_chain.push_back(section);
      const auto src = section->find("sourceprofile");
      name = src == section->end() ? std::string() : util::to_lower(src->second);
    }
    if (util::iequals(profile, "default")) {
      if (const auto it = ini.find("credentials"); it != ini.end()) m_chain.push_back(&it->second);
    }
  }

  bool found() const { return !m_chain.empty(); }

  std::optional<std::string> get(std::string_view key) const {
    for (const auto* section : m_chain)
      if (const auto it = section->find(std::string(key)); it != section->end()) return it->second;
    return std::nullopt;
  }

private:
  const std::map<std::string, std::string>* find_profile(const std::string& name) const {
    if (const auto it = m_ini.find("profile " + name); it != m_ini.end()) return &it->second;
    if (name == "default")
      if (const auto it = m_ini.find("default"); it != m_ini.end()) return &it->second;
    return nullptr;
  }

  const IniSections& m_ini;
  std::vector<const std::map<std::string, std::string>*> m_chain;
};

struct Sources {
  const ConfigFlags& flags;
  const EnvMap& env;
  const ProfileView& file;

  std::optional<std::string> pick(const std::optional<std::string>& flag, const char* env_name,
                                  std::string_view file_key) const {
    if (flag) return flag;
    if (env_name != nullptr && !flags.ignore_env_var)
      if (const auto it = env.find(env_name); it != env.end() && !it->second.empty())
        return it->second;
    return file.get(file_key);
  }
};

std::string choose(std::string_view flag, const std::string& value,
                   std::initializer_list<std::string_view> accepted) {
  std::string lower = util::to_lower(util::trim(value));
  std::string list;
  for (const auto a : accepted) {
    if (lower == a) return lower;
    if (!list.empty()) list += ", ";
    list += a;
  }
  throw oss::usage_error("invalid value \"" + value + "\" for " + std::string(flag) +
                         "; accepted: " + list);
}

int to_int(std::string_view flag, const std::string& value) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(value, &used);
    if (used == value.size() && v >= 0) return v;
  } catch (const std::exception&) {
  }
  throw oss::usage_error("invalid value \"" + value + "\" for " + std::string(flag) +
                         "; expected a non-negative integer");
}

int pick_int(const std::optional<int>& flag, const ProfileView& file, std::string_view flag_name,
             std::string_view key, int fallback) {
  if (flag) {
    if (*flag < 0)
      throw oss::usage_error("invalid value \"" + std::to_string(*flag) + "\" for " +
                             std::string(flag_name) + "; expected a non-negative integer");
    return *flag;
  }
  if (const auto v = file.get(key)) return to_int(flag_name, *v);
  return fallback;
}

} // namespace

ResolvedConfig resolve_config(const ConfigFlags& flags, const EnvMap& env,
                              std::string_view file_text) {
  const IniSections ini = parse_ini(file_text);
  const std::string profile = profile_name(flags, env);
  const ProfileView file(ini, profile);
  // A profile the user named must exist; only the implicit "default" may be absent.
  if (!file.found() && !util::iequals(profile, "default"))
    throw oss::usage_error(
        "profile \"" + profile + "\" (from " +
        (flags.profile && !flags.profile->empty() ? "--profile" : "OSSUTIL_PROFILE") +
        ") is not in the config file: add a [profile " + profile + "] section");
  const Sources src{flags, env, file};
  ResolvedConfig out;

  out.region = src.pick(flags.region, "OSS_REGION", "region").value_or("");
  out.endpoint = src.pick(flags.endpoint, "OSS_ENDPOINT", "endpoint").value_or("");
  if (flags.endpoint && util::trim(*flags.endpoint).empty())
    throw oss::usage_error("-e/--endpoint must not be empty: give a host or URL, e.g. "
                           "http://127.0.0.1:9000 or oss-cn-hangzhou.aliyuncs.com");
  if (out.endpoint.empty() && !out.region.empty())
    out.endpoint = "https://oss-" + out.region + ".aliyuncs.com";
  out.credentials.access_key_id =
      src.pick(flags.access_key_id, "OSS_ACCESS_KEY_ID", "accesskeyid").value_or("");
  out.credentials.access_key_secret =
      src.pick(flags.access_key_secret, "OSS_ACCESS_KEY_SECRET", "accesskeysecret").value_or("");
  out.credentials.security_token =
      src.pick(flags.sts_token, "OSS_SESSION_TOKEN", "ststoken").value_or("");

  if (auto v = src.pick(flags.sign_version, nullptr, "signversion"))
    out.sign_version = choose("--sign-version", *v, {"v1", "v4"});
  if (auto v = src.pick(flags.addressing_style, nullptr, "addressingstyle"))
    out.addressing_style = choose("--addressing-style", *v, {"virtual", "path", "cname"});
  if (auto v = src.pick(flags.output_format, nullptr, "outputformat")) {
    out.output_format = choose("--output-format", *v, {"raw", "json", "yaml", "xml"});
    if (out.output_format == "yaml" || out.output_format == "xml")
      throw oss::usage_error("--output-format " + out.output_format + " is not supported yet");
  }
  if (auto v = src.pick(flags.loglevel, nullptr, "loglevel"))
    out.loglevel = choose("--loglevel", *v, {"off", "info", "debug"});
  out.retry_times = pick_int(flags.retry_times, file, "--retry-times", "retrytimes", 10);
  out.connect_timeout =
      pick_int(flags.connect_timeout, file, "--connect-timeout", "connecttimeout", 10);
  out.read_timeout = pick_int(flags.read_timeout, file, "--read-timeout", "readtimeout", 20);
  out.skip_verify_cert = flags.skip_verify_cert;
  if (!out.skip_verify_cert)
    if (auto v = file.get("skipverifycert")) out.skip_verify_cert = util::iequals(*v, "true");
  return out;
}

void require_request_settings(const ResolvedConfig& config) {
  if (config.sign_version == "v4" && config.region.empty())
    throw oss::usage_error("region must be set in sign version 4.");
  if (config.endpoint.empty())
    throw oss::usage_error("endpoint must be set: use -e/--endpoint, --region, the OSS_ENDPOINT "
                           "or OSS_REGION environment variable, or the config file");
  if (config.credentials.access_key_id.empty() || config.credentials.access_key_secret.empty())
    throw oss::usage_error(
        "AccessKey ID and AccessKey secret must be set: use -i/--access-key-id and "
        "-k/--access-key-secret, the OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET environment "
        "variables, or access-key-id/access-key-secret in the config file");
}

} // namespace client
