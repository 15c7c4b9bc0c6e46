#include "client/config.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

using client::ConfigFlags;
using client::EnvMap;

TEST_SUITE("client::config") {

  TEST_CASE("key spellings are equivalent") {
    CHECK(client::normalize_config_key("accessKeyId") == "accesskeyid");
    CHECK(client::normalize_config_key("access-key-id") == "accesskeyid");
    CHECK(client::normalize_config_key("access_key_id") == "accesskeyid");
    CHECK(client::normalize_config_key("AccessKeyID") == "accesskeyid");
    CHECK(client::normalize_config_key("accesskeyid") == "accesskeyid");
  }

  TEST_CASE("parse_ini: sections, quotes, comments, case") {
    const auto ini =
        client::parse_ini("# comment\n; other\n[Default]\naccessKeyID = \"ak\"\n"
                          "access_key_secret='sk'\n[Profile   Dev]\nREGION=cn-beijing\r\n"
                          "garbage line\n");
    REQUIRE(ini.count("default") == 1);
    CHECK(ini.at("default").at("accesskeyid") == "ak");
    CHECK(ini.at("default").at("accesskeysecret") == "sk");
    CHECK(ini.at("profile dev").at("region") == "cn-beijing");
  }

  TEST_CASE("precedence: flags > env > file, per setting") {
    const std::string file =
        "[default]\nregion=file-region\nendpoint=file-endpoint\n"
        "access-key-id=file-ak\naccess-key-secret=file-sk\nsts-token=file-token\n";
    const EnvMap env = {{"OSS_REGION", "env-region"},
                        {"OSS_ACCESS_KEY_ID", "env-ak"},
                        {"OSS_SESSION_TOKEN", "env-token"}};
    ConfigFlags flags;
    flags.access_key_id = "flag-ak";

    const auto cfg = client::resolve_config(flags, env, file);
    CHECK(cfg.credentials.access_key_id == "flag-ak");
    CHECK(cfg.credentials.access_key_secret == "file-sk");
    CHECK(cfg.credentials.security_token == "env-token");
    CHECK(cfg.region == "env-region");
    CHECK(cfg.endpoint == "file-endpoint");

    SUBCASE("--ignore-env-var skips OSS_* variables") {
      flags.ignore_env_var = true;
      const auto c = client::resolve_config(flags, env, file);
      CHECK(c.region == "file-region");
      CHECK(c.credentials.security_token == "file-token");
      CHECK(c.credentials.access_key_id == "flag-ak");
    }
  }

  TEST_CASE("defaults and the derived endpoint") {
    const auto cfg = client::resolve_config({}, {{"OSS_REGION", "cn-hangzhou"}}, "");
    CHECK(cfg.endpoint == "https://oss-cn-hangzhou.aliyuncs.com");
    CHECK(cfg.sign_version == "v4");
    CHECK(cfg.addressing_style == "virtual");
    CHECK(cfg.output_format == "raw");
    CHECK(cfg.loglevel == "off");
    CHECK(cfg.retry_times == 10);
    CHECK(cfg.connect_timeout == 10);
    CHECK(cfg.read_timeout == 20);
    CHECK_FALSE(cfg.skip_verify_cert);
  }

  TEST_CASE("profiles, legacy [Credentials] and source-profile") {
    const std::string file =
        "[Credentials]\naccessKeyID=legacy-ak\naccessKeySecret=legacy-sk\n"
        "endpoint=legacy-endpoint\n"
        "[profile base]\nregion=base-region\naccessKeyId=base-ak\n"
        "accessKeySecret=base-sk\n"
        "[profile dev]\nsource-profile=base\nregion=dev-region\n"
        "signVersion=V1\naddressing_style=Path\noutput-format=json\n"
        "retry-times=3\nconnect_timeout=4\nReadTimeout=5\nskip-verify-cert=true\n";
    SUBCASE("default profile falls back to [Credentials]") {
      const auto cfg = client::resolve_config({}, {}, file);
      CHECK(cfg.credentials.access_key_id == "legacy-ak");
      CHECK(cfg.credentials.access_key_secret == "legacy-sk");
      CHECK(cfg.endpoint == "legacy-endpoint");
    }
    SUBCASE("--profile selects [profile NAME] and follows source-profile") {
      ConfigFlags flags;
      flags.profile = "dev";
      const auto cfg = client::resolve_config(flags, {}, file);
      CHECK(cfg.region == "dev-region");
      CHECK(cfg.credentials.access_key_id == "base-ak");
      CHECK(cfg.sign_version == "v1");
      CHECK(cfg.addressing_style == "path");
      CHECK(cfg.output_format == "json");
      CHECK(cfg.retry_times == 3);
      CHECK(cfg.connect_timeout == 4);
      CHECK(cfg.read_timeout == 5);
      CHECK(cfg.skip_verify_cert);
    }
    SUBCASE("OSSUTIL_PROFILE selects the profile; --profile wins") {
      CHECK(client::profile_name({}, {{"OSSUTIL_PROFILE", "dev"}}) == "dev");
      ConfigFlags flags;
      flags.profile = "base";
      CHECK(client::profile_name(flags, {{"OSSUTIL_PROFILE", "dev"}}) == "base");
      CHECK(client::profile_name({}, {}) == "default");
    }
    SUBCASE("[default] is used for the default profile") {
      const auto cfg = client::resolve_config({}, {}, "[default]\nregion=r1\n");
      CHECK(cfg.region == "r1");
    }
  }

  TEST_CASE("config file path: flag > OSSUTIL_CONFIG_FILE > ~/.ossutilconfig") {
    bool explicit_path = false;
    CHECK(client::config_file_path({}, {{"HOME", "/home/u"}}, &explicit_path) ==
          "/home/u/.ossutilconfig");
    CHECK_FALSE(explicit_path);
    CHECK(client::config_file_path({}, {{"HOME", "/home/u"}, {"OSSUTIL_CONFIG_FILE", "/e"}},
                                   &explicit_path) == "/e");
    CHECK(explicit_path);
    ConfigFlags flags;
    flags.config_file = "/f";
    flags.ignore_env_var = true; // does not affect OSSUTIL_* variables
    CHECK(client::config_file_path(flags, {{"OSSUTIL_CONFIG_FILE", "/e"}}, nullptr) == "/f");
    flags.config_file.reset();
    CHECK(client::config_file_path(flags, {{"OSSUTIL_CONFIG_FILE", "/e"}}, nullptr) == "/e");
  }

  TEST_CASE("invalid enumerated values name the flag and the accepted values") {
    ConfigFlags flags;
    flags.sign_version = "v3";
    CHECK_THROWS_WITH(client::resolve_config(flags, {}, ""),
                      "invalid value \"v3\" for --sign-version; accepted: v1, v4");
    flags = {};
    flags.loglevel = "trace";
    CHECK_THROWS_WITH(client::resolve_config(flags, {}, ""),
                      "invalid value \"trace\" for --loglevel; accepted: off, info, debug");
    flags = {};
    flags.output_format = "yaml";
    CHECK_THROWS_WITH(client::resolve_config(flags, {}, ""),
                      "--output-format yaml is not supported yet");
    flags = {};
    flags.retry_times = -1;
    CHECK_THROWS_AS(client::resolve_config(flags, {}, ""), oss::Error);
  }

  TEST_CASE("require_request_settings") {
    client::ResolvedConfig cfg;
    cfg.endpoint = "http://127.0.0.1:1";
    cfg.credentials = {"ak", "sk", ""};
    CHECK_THROWS_WITH(client::require_request_settings(cfg),
                      "region must be set in sign version 4.");
    try {
      client::require_request_settings(cfg);
    } catch (const oss::Error& e) {
      CHECK(e.kind() == oss::ErrorKind::usage);
    }
    cfg.sign_version = "v1";
    CHECK_NOTHROW(client::require_request_settings(cfg));
    cfg.credentials.access_key_secret.clear();
    CHECK_THROWS_WITH(client::require_request_settings(cfg),
                      doctest::Contains("-k/--access-key-secret"));
    CHECK_THROWS_WITH(client::require_request_settings(cfg),
                      doctest::Contains("OSS_ACCESS_KEY_SECRET"));
  }
}

TEST_CASE("a UTF-8 byte-order mark does not hide the first section") {
  const auto ini = client::parse_ini("\xEF\xBB\xBF[default]\nregion = cn-beijing\n");
  REQUIRE(ini.count("default") == 1);
  CHECK(ini.at("default").at("region") == "cn-beijing");
}

TEST_CASE("a named profile must exist; the implicit default may be absent") {
  client::ConfigFlags flags;
  flags.profile = "nope";
  CHECK_THROWS_WITH_AS(
      client::resolve_config(flags, {}, "[default]\nregion=cn-hangzhou\n"),
      doctest::Contains("profile \"nope\" (from --profile) is not in the config file"), oss::Error);
  CHECK_THROWS_WITH_AS(client::resolve_config({}, {{"OSSUTIL_PROFILE", "ci"}}, ""),
                       doctest::Contains("(from OSSUTIL_PROFILE)"), oss::Error);
  CHECK_NOTHROW(client::resolve_config({}, {}, ""));
  flags.profile = "ci";
  CHECK(client::resolve_config(flags, {}, "[profile ci]\nregion=cn-shanghai\n").region ==
        "cn-shanghai");
}

TEST_CASE("an empty --endpoint is a usage error, not a silent default") {
  client::ConfigFlags flags;
  flags.endpoint = "";
  flags.region = "cn-hangzhou";
  CHECK_THROWS_WITH_AS(client::resolve_config(flags, {}, ""),
                       doctest::Contains("-e/--endpoint must not be empty"), oss::Error);
}
