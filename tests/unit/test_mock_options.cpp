#include "mock/options.hpp"

#include <doctest/doctest.h>

using namespace mock;

namespace {

std::string config_error(std::string_view text) {
  try {
    parse_config_json(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_SUITE("mock::options") {

  TEST_CASE("full config") {
    const auto config = parse_config_json(R"({
    "region": "oss-cn-beijing",
    "users": [{"name": "admin", "access_key_id": "AK1", "access_key_secret": "SK1"},
              {"access_key_id": "AK2", "access_key_secret": "SK2"}],
    "kms": {"enabled": false, "keys": [{"id": "k1", "alias": "alias/app", "state": "Disabled",
             "grants": ["admin"]}]}
  })");
    CHECK(*config.region == "cn-beijing");
    REQUIRE(config.users->size() == 2);
    CHECK((*config.users)[0].name == "admin");
    CHECK((*config.users)[1].access_key_secret == "SK2");
    CHECK_FALSE(config.kms.enabled);
    REQUIRE(config.kms.keys.size() == 1);
    CHECK(config.kms.keys[0].state == "Disabled");
    CHECK(config.kms.keys[0].grants == std::vector<std::string>{"admin"});
  }

  TEST_CASE("errors name the field") {
    CHECK(config_error("{").starts_with("config: not valid JSON"));
    CHECK(config_error("[]") == "config: must be a JSON object");
    CHECK(config_error(R"({"region": 5})") == "region: must be a string");
    CHECK(config_error(R"({"region": "CN"})") ==
          "region: 'CN' is not a region id (lower-case letters, digits and '-')");
    CHECK(config_error(R"({"users": {}})").starts_with("users: must be an array"));
    CHECK(config_error(R"({"users": [{"access_key_id": "a"}]})") ==
          "users[0].access_key_secret: is required");
    CHECK(config_error(R"({"users": [{"access_key_id": "", "access_key_secret": "s"}]})") ==
          "users[0].access_key_id: must not be empty");
    CHECK(config_error(R"({"users": [{"access_key_id": "a", "access_key_secret": "s"},
                                   {"access_key_id": "a", "access_key_secret": "t"}]})") ==
          "users[1].access_key_id: 'a' is used twice");
    CHECK(config_error(R"({"kms": {"enabled": "yes"}})") == "kms.enabled: must be true or false");
    CHECK(config_error(R"({"kms": {"keys": [{"id": "k", "state": "On"}]}})") ==
          "kms.keys[0].state: 'On' is not one of Enabled, Disabled, PendingDeletion");
    CHECK(config_error(R"({"kms": {"keys": [{"id": "k", "grants": [{"user": "a"}]}]}})") ==
          "kms.keys[0].grants[0]: must be a user name (a string from users[].name)");
    CHECK(config_error(R"({"regoin": "x"})") ==
          "regoin: unknown field (accepted: region, users, kms)");
  }

  TEST_CASE("merge: defaults, config users replace, flags add") {
    CommandLine flags;
    flags.data_dir = "/d";
    auto options = merge_options(flags, std::nullopt);
    CHECK(options.region == "cn-hangzhou");
    CHECK(options.listen.host == "127.0.0.1");
    CHECK(options.listen.port == 9000);
    REQUIRE(options.users.size() == 1);
    CHECK(options.users[0].access_key_id == "ossmock-ak");
    CHECK(options.users[0].access_key_secret == "ossmock-sk");

    ConfigFile config;
    config.region = "cn-shanghai";
    config.users = std::vector<User>{{"admin", "AK1", "SK1"}};
    flags.access_key_id = "AK9";
    flags.access_key_secret = "SK9";
    flags.listen = "0.0.0.0:0";
    options = merge_options(flags, config);
    CHECK(options.region == "cn-shanghai");
    CHECK(options.listen.port == 0);
    REQUIRE(options.users.size() == 2);
    CHECK(options.users[0].access_key_id == "AK1");
    CHECK(options.users[1].access_key_id == "AK9");

    flags.region = "cn-beijing";
    CHECK(merge_options(flags, config).region == "cn-beijing");
    flags.access_key_secret.clear();
    CHECK_THROWS_AS(merge_options(flags, config), ConfigError);
  }

  TEST_CASE("merge: KMS grants name users; the default user holds every grant") {
    CommandLine flags;
    flags.data_dir = "/d";
    ConfigFile config;
    config.kms.keys.push_back(KmsKeyConfig{"k1", "", "", "Enabled", {"admin"}});
    // No users in the config: the default credentials (and a flag user) may use every CMK.
    flags.access_key_id = "AK9";
    flags.access_key_secret = "SK9";
    auto options = merge_options(flags, config);
    REQUIRE(options.users.size() == 2);
    CHECK(options.users[0].all_kms_grants);
    CHECK(options.users[1].all_kms_grants);

    config.users = std::vector<User>{{"admin", "AK1", "SK1"}};
    options = merge_options(flags, config);
    CHECK_FALSE(options.users[0].all_kms_grants);
    CHECK_FALSE(options.users[1].all_kms_grants);

    config.kms.keys[0].grants = {"admin", "nobody"};
    try {
      merge_options(flags, config);
      FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()) ==
            "kms.keys[0].grants[1]: 'nobody' is not the name of a user in users[]");
    }
  }

  TEST_CASE("listen addresses") {
    CHECK(parse_listen("127.0.0.1:0").port == 0);
    CHECK(parse_listen("localhost:9000").host == "localhost");
    const auto v6 = parse_listen("[::1]:8080");
    CHECK(v6.host == "::1");
    CHECK(v6.port == 8080);
    for (const char* bad : {"9000", "host:", ":80", "h:70000", "h:x", "[::1]"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_listen(bad), ConfigError);
    }
  }
}
