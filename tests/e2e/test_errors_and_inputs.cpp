// Bad input gets a clear error, an exit code a script can rely on, and loses nothing.
#include "harness.hpp"

#include <filesystem>

#include <doctest/doctest.h>

using e2e::World;
namespace fs = std::filesystem;

TEST_SUITE("e2e: errors and inputs") {

  TEST_CASE("wrong secret: exit 2 with SignatureDoesNotMatch in ossutil's format") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://sig-bucket"}).exit_code == 0);
    const auto r =
        w.ossutil_bare({"stat", "oss://sig-bucket", "-e", w.mock().endpoint(), "--region",
                        "cn-hangzhou", "-i", e2e::k_access_key_id, "-k", "wrong-secret"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("Error returned by Service. \nHttp Status Code: 403. \n"
                     "Error Code: SignatureDoesNotMatch. \n") != std::string::npos);
    CHECK(r.err.find("EC: 0002-00000201.\n") != std::string::npos);
    CHECK(r.err.find("wrong-secret") == std::string::npos);
  }

  TEST_CASE("unknown access key: exit 2 InvalidAccessKeyId") {
    World w;
    const auto r = w.ossutil_bare(
        {"ls", "-e", w.mock().endpoint(), "--region", "cn-hangzhou", "-i", "nobody", "-k", "x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("Error Code: InvalidAccessKeyId. \n") != std::string::npos);
  }

  TEST_CASE("bad encryption rules: exit 1, message names the problem, nothing is sent") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://bad-rule"}).exit_code == 0);
    struct Case {
      const char* rule;
      const char* expect;
    };
    const Case cases[] = {
        {R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"DES"}})", "DES"},
        {R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256","KMSMasterKeyID":"k1"}})",
         "KMSMasterKeyID"},
        {R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"KMS","KMSDataEncryption":"AES"}})",
         "KMSDataEncryption"},
        {R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":)", "JSON"},
        {"<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>", "XML"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.rule);
      const auto r = w.ossutil({"api", "put-bucket-encryption", "--bucket", "bad-rule",
                                "--server-side-encryption-rule", c.rule});
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("Error: ") != std::string::npos);
      CHECK(r.err.find(c.expect) != std::string::npos);
    }
    // Nothing reached the server: no PUT ?encryption in its request log, and no rule exists.
    CHECK(w.mock().log().find("encryption") == std::string::npos);
    const auto get = w.ossutil({"api", "get-bucket-encryption", "--bucket", "bad-rule"});
    CHECK(get.exit_code == 2);
    CHECK(get.err.find("NoSuchServerSideEncryptionRule") != std::string::npos);
  }

  TEST_CASE("rule from file:// and from stdin") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://file-rule"}).exit_code == 0);
    const auto rule = w.write_file(
        "rule.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServerSideEncryptionRule>\n"
                    "  <ApplyServerSideEncryptionByDefault>\n    <SSEAlgorithm>SM4</SSEAlgorithm>\n"
                    "  </ApplyServerSideEncryptionByDefault>\n</ServerSideEncryptionRule>\n");
    REQUIRE(w.ossutil({"api", "put-bucket-encryption", "--bucket", "file-rule",
                       "--server-side-encryption-rule", "file://" + rule.string()})
                .exit_code == 0);
    CHECK(w.ossutil({"api", "get-bucket-encryption", "--bucket", "file-rule"})
              .out.find("<SSEAlgorithm>SM4</SSEAlgorithm>") != std::string::npos);
    REQUIRE(w.ossutil({"api", "put-bucket-encryption", "--bucket", "file-rule",
                       "--server-side-encryption-rule", "-"},
                      R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}})")
                .exit_code == 0);
    CHECK(w.ossutil({"api", "get-bucket-encryption", "--bucket", "file-rule"})
              .out.find("<SSEAlgorithm>AES256</SSEAlgorithm>") != std::string::npos);
  }

  TEST_CASE("invalid SSE value in --metadata: exit 1 before any request, no object") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://meta-bucket"}).exit_code == 0);
    const auto local = w.write_file("a.txt", "data");
    const auto r = w.ossutil({"cp", local.string(), "oss://meta-bucket/a.txt", "--metadata",
                              "x-oss-server-side-encryption=DES"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("DES") != std::string::npos);
    CHECK(r.err.find("AES256") != std::string::npos);
    CHECK(w.mock().log().find("a.txt") == std::string::npos);
    CHECK(w.ossutil({"stat", "oss://meta-bucket/a.txt"}).exit_code == 2);

    const auto r2 = w.ossutil({"cp", local.string(), "oss://meta-bucket/a.txt", "--metadata",
                               "x-oss-server-side-data-encryption:AES"});
    CHECK(r2.exit_code == 1);
    CHECK(r2.err.find("x-oss-server-side-data-encryption") != std::string::npos);
  }

  TEST_CASE("user metadata in both forms reaches the object") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://umeta"}).exit_code == 0);
    const auto local = w.write_file("a.json", "{}");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://umeta/a.json", "--metadata",
                       "user=jack,x-oss-meta-env=prod", "--metadata", "a=b:c"})
                .exit_code == 0);
    const auto fields = e2e::parse_stat(w.ossutil({"stat", "oss://umeta/a.json"}).out);
    CHECK(fields.at("X-Oss-Meta-User") == "jack");
    CHECK(fields.at("X-Oss-Meta-Env") == "prod");
    CHECK(fields.at("X-Oss-Meta-A") == "b:c");
    CHECK(fields.at("Content-Type") == "application/json");
  }

  TEST_CASE("region is required for V4") {
    World w;
    const auto r = w.ossutil_bare({"ls", "-e", w.mock().endpoint(), "-i", e2e::k_access_key_id,
                                   "-k", e2e::k_access_key_secret});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("Error: region must be set in sign version 4.") != std::string::npos);
  }

  TEST_CASE("unknown flag is a usage error") {
    World w;
    const auto r = w.ossutil({"cp", "--no-such-flag", "a", "oss://b/c"});
    CHECK(r.exit_code == 1);
  }

  TEST_CASE("missing object: stat exits 2 with NoSuchKey recovered from the HEAD headers") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://head-bucket"}).exit_code == 0);
    const auto r = w.ossutil({"stat", "oss://head-bucket/nope"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("Http Status Code: 404. \nError Code: NoSuchKey. \n") != std::string::npos);
    CHECK(r.err.find("EC: 0026-00000001.\n") != std::string::npos);
  }

  TEST_CASE("download of a missing object leaves no file behind") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://dl-bucket"}).exit_code == 0);
    const auto target = w.dir() / "out" / "missing.txt";
    fs::create_directories(target.parent_path());
    const auto r = w.ossutil({"cp", "oss://dl-bucket/missing.txt", target.string()});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(target));
    CHECK(fs::is_empty(target.parent_path()));
  }

  TEST_CASE("unreachable endpoint: exit 3") {
    World w;
    const auto r = w.ossutil_bare({"ls", "-e", "http://127.0.0.1:1", "--region", "cn-hangzhou",
                                   "-i", "a", "-k", "b", "--retry-times", "0"});
    CHECK(r.exit_code == 3);
  }

  TEST_CASE("dry-run sends no state-changing request") {
    World w;
    const auto r = w.ossutil({"mb", "oss://dry-bucket", "--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("PUT") != std::string::npos);
    CHECK(r.out.find(e2e::k_access_key_secret) == std::string::npos);
    CHECK(w.ossutil({"stat", "oss://dry-bucket"}).exit_code == 2);
  }

} // TEST_SUITE
