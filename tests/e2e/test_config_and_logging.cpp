// Configuration the way users set it up (config file, profiles, environment), and logs that never
// show secrets.
#include "harness.hpp"

#include <regex>

#include <doctest/doctest.h>

using e2e::World;

TEST_SUITE("e2e: configuration and logging") {

  TEST_CASE("~/.ossutilconfig with a profile; env beats file; flags beat env") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://cfg-bucket"}).exit_code == 0);
    w.write_file(
        "../.ossutilconfig",
        "# written by the test\n[default]\naccessKeyID = \"nobody\"\naccess-key-secret = x\n"
        "region = cn-hangzhou\nendpoint = " +
            w.mock().endpoint() +
            "\n\n"
            "[profile good]\nACCESS_KEY_ID = " +
            std::string(e2e::k_access_key_id) + "\naccesskeysecret = " + e2e::k_access_key_secret +
            "\nRegion=cn-hangzhou\n"
            "Endpoint = " +
            w.mock().endpoint() + "\n");

    const auto with_default = w.ossutil_bare({"stat", "oss://cfg-bucket"});
    CHECK(with_default.exit_code == 2);
    CHECK(with_default.err.find("InvalidAccessKeyId") != std::string::npos);

    const auto with_profile = w.ossutil_bare({"stat", "oss://cfg-bucket", "--profile", "good"});
    CHECK_MESSAGE(with_profile.exit_code == 0, with_profile.err);
    CHECK(e2e::parse_stat(with_profile.out).at("Name") == "cfg-bucket");

    const auto env_profile =
        w.ossutil_bare({"stat", "oss://cfg-bucket"}, "", {{"OSSUTIL_PROFILE", "good"}});
    CHECK(env_profile.exit_code == 0);

    const auto env_wins = w.ossutil_bare({"stat", "oss://cfg-bucket"}, "",
                                         {{"OSS_ACCESS_KEY_ID", e2e::k_access_key_id},
                                          {"OSS_ACCESS_KEY_SECRET", e2e::k_access_key_secret}});
    CHECK_MESSAGE(env_wins.exit_code == 0, env_wins.err);

    const auto flag_wins =
        w.ossutil_bare({"stat", "oss://cfg-bucket", "-i", "nobody-either", "-k", "y"}, "",
                       {{"OSS_ACCESS_KEY_ID", e2e::k_access_key_id},
                        {"OSS_ACCESS_KEY_SECRET", e2e::k_access_key_secret}});
    CHECK(flag_wins.exit_code == 2);
    CHECK(flag_wins.err.find("InvalidAccessKeyId") != std::string::npos);

    const auto ignored_env = w.ossutil_bare({"stat", "oss://cfg-bucket", "--ignore-env-var"}, "",
                                            {{"OSS_ACCESS_KEY_ID", e2e::k_access_key_id},
                                             {"OSS_ACCESS_KEY_SECRET", e2e::k_access_key_secret}});
    CHECK(ignored_env.exit_code == 2);
  }

  TEST_CASE("debug log shows requests but redacts the signature, token and secret") {
    World w;
    const auto r =
        w.ossutil({"mb", "oss://log-bucket", "--loglevel", "debug", "-t", "sts-token-value"});
    // Whatever the server answers, the log must show the request and hide every secret.
    CHECK(r.err.find("PUT") != std::string::npos);
    CHECK(r.err.find("Authorization") != std::string::npos);
    CHECK(r.err.find(e2e::k_access_key_secret) == std::string::npos);
    CHECK(r.err.find("sts-token-value") == std::string::npos);
    // No 64-hex-digit V4 signature anywhere in the log.
    CHECK_FALSE(std::regex_search(r.err, std::regex("Signature=[0-9a-f]{64}")));
  }

  TEST_CASE("missing credentials: a usage error naming the flags and variables") {
    World w;
    const auto r = w.ossutil_bare({"ls", "-e", w.mock().endpoint(), "--region", "cn-hangzhou"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("--access-key-id") != std::string::npos);
    CHECK(r.err.find("OSS_ACCESS_KEY_ID") != std::string::npos);
  }

} // TEST_SUITE
