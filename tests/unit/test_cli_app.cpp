// cli::run end to end without a server: parsing, usage errors, dry-run (nothing is sent: the
// endpoint is a closed port, so a request would fail with exit code 3).
#include "cli/app.hpp"
#include "cli/commands/cp_internal.hpp"
#include "client/transfer/naming.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

Run run(std::vector<std::string> args, client::EnvMap env = {}) {
  std::ostringstream out, err;
  cli::Context ctx(out, err, std::move(env));
  ctx.read_file = [](const std::string&) { return std::optional<std::string>(); };
  Run r;
  r.code = cli::run(args, ctx);
  r.out = out.str();
  r.err = err.str();
  return r;
}

const client::EnvMap k_env = {{"OSS_ACCESS_KEY_ID", "ossmock-ak"},
                              {"OSS_ACCESS_KEY_SECRET", "ossmock-sk"},
                              {"OSS_REGION", "cn-hangzhou"},
                              {"OSS_ENDPOINT", "http://127.0.0.1:1"}};

} // namespace

TEST_SUITE("cli::app") {

  TEST_CASE("parse errors exit 1") {
    auto r = run({"cp", "a", "oss://b/k", "--bogus"});
    CHECK(r.code == 1);
    CHECK(r.err.rfind("Error: ", 0) == 0);
    CHECK(run({"cp", "a"}).code == 1);
    CHECK(run({}).code == 1);
    CHECK(run({"api"}).code == 1);
    CHECK(run({"nosuchcommand"}).code == 1);
  }

  TEST_CASE("help and version exit 0") {
    auto r = run({"cp", "--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("--metadata") != std::string::npos);
    CHECK(r.out.find("Global Flags") != std::string::npos);
    CHECK(run({"api", "put-bucket-encryption", "-h"}).out.find("--server-side-encryption-rule") !=
          std::string::npos);
    r = run({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out.find("ossutil version") == 0);
  }

  TEST_CASE("missing region for V4") {
    auto r = run({"stat", "oss://bucket/key"},
                 {{"OSS_ACCESS_KEY_ID", "a"}, {"OSS_ACCESS_KEY_SECRET", "b"}});
    CHECK(r.code == 1);
    CHECK(r.err == "Error: region must be set in sign version 4.\n");
    CHECK(r.out.find("(s) elapsed") != std::string::npos);
  }

  TEST_CASE("missing credentials name the flags and variables") {
    auto r = run({"ls", "--region", "cn-hangzhou", "-e", "http://127.0.0.1:1"});
    CHECK(r.code == 1);
    CHECK(r.err.find("-i/--access-key-id") != std::string::npos);
    CHECK(r.err.find("OSS_ACCESS_KEY_ID") != std::string::npos);
  }

  TEST_CASE("invalid SSE metadata is rejected before any request") {
    auto r = run({"cp", "/nonexistent-source", "oss://bucket/k", "--metadata",
                  "x-oss-server-side-encryption=DES"},
                 k_env);
    CHECK(r.code == 1);
    CHECK(r.err == "Error: invalid value \"DES\" for x-oss-server-side-encryption in --metadata; "
                   "accepted: AES256, KMS, SM4\n");
  }

  TEST_CASE("invalid encryption rule is rejected before any request") {
    auto r =
        run({"api", "put-bucket-encryption", "--bucket", "bucket", "--server-side-encryption-rule",
             R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"DES"}})"},
            k_env);
    CHECK(r.code == 1);
    CHECK(r.err.find("\"DES\" for SSEAlgorithm") != std::string::npos);
    CHECK(r.err.find("accepted: AES256, KMS, SM4") != std::string::npos);
    r = run({"api", "put-bucket-encryption", "--bucket", "bucket", "--server-side-encryption-rule",
             "not a rule"},
            k_env);
    CHECK(r.code == 1);
  }

  TEST_CASE("network failure exits 3") {
    auto r = run({"rm", "oss://bucket/k", "--retry-times", "0"}, k_env);
    CHECK(r.code == 3);
    CHECK(r.err.find(
              "Error: operation error DeleteObject: DELETE \"http://127.0.0.1:1/bucket/k\"") == 0);
  }

  TEST_CASE("dry-run sends nothing and prints the redacted request") {
    auto r = run({"mb", "oss://bucket", "--acl", "private", "-n"}, k_env);
    CHECK(r.code == 0);
    CHECK(r.out.find("[dry-run] PutBucket: PUT http://127.0.0.1:1/bucket/\n") == 0);
    CHECK(r.out.find("  x-oss-acl: private\n") != std::string::npos);
    CHECK(r.out.find("Signature=****") != std::string::npos);
    CHECK(r.out.find("ossmock-sk") == std::string::npos);
    CHECK(r.out.find("(s) elapsed") != std::string::npos);

    r = run({"api", "delete-bucket-encryption", "--bucket", "bucket", "--dry-run", "-t", "TOKEN"},
            k_env);
    CHECK(r.code == 0);
    CHECK(r.out.find(
              "[dry-run] DeleteBucketEncryption: DELETE http://127.0.0.1:1/bucket/?encryption\n") ==
          0);
    CHECK(r.out.find("x-oss-security-token: ****") != std::string::npos);
    CHECK(r.out.find("TOKEN") == std::string::npos);

    r = run({"cp", "oss://bucket/k", "/nonexistent-dir/x", "-n", "--sign-version", "v1"}, k_env);
    CHECK(r.code == 0);
    CHECK(r.out.find("[dry-run] GetObject: GET http://127.0.0.1:1/bucket/k\n") == 0);
    CHECK(r.out.find("Authorization: OSS ossmock-ak:****") != std::string::npos);
  }

  TEST_CASE(
      "dry-run multipart upload prints initiate, each part and complete; writes no checkpoint") {
    const std::string dir = std::filesystem::temp_directory_path() / "ossutil-unit-dry-run";
    std::filesystem::create_directories(dir);
    {
      std::ofstream f(dir + "/f.bin", std::ios::binary);
      f << std::string(250 * 1024, 'x');
    }
    const auto r =
        run({"cp", dir + "/f.bin", "oss://bucket/f.bin", "-f", "-n", "--bigfile-threshold", "100K",
             "--part-size", "100K", "--checkpoint-dir", dir + "/ckpt"},
            k_env);
    CHECK(r.code == 0);
    CHECK(
        r.out.find(
            "[dry-run] InitiateMultipartUpload: POST http://127.0.0.1:1/bucket/f.bin?uploads\n") ==
        0);
    CHECK(r.out.find(
              "[dry-run] UploadPart: PUT http://127.0.0.1:1/bucket/f.bin?partNumber=3&uploadId=") !=
          std::string::npos);
    CHECK(r.out.find("[dry-run] CompleteMultipartUpload: POST") != std::string::npos);
    CHECK(!std::filesystem::exists(dir + "/ckpt"));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("usage errors for unsupported or malformed arguments") {
    CHECK(run({"cp", "-r", "dir", "oss://bucket/"}, k_env).code == 1);
    CHECK(run({"cp", "a", "b"}, k_env).code == 1);
    CHECK(run({"rm", "oss://bucket"}, k_env).code == 1);
    CHECK(run({"mb", "oss://Bad_Name"}, k_env).code == 1);
    CHECK(run({"mb", "oss://bucket", "--acl", "open"}, k_env).err ==
          "Error: invalid value \"open\" for --acl; accepted: private, public-read, "
          "public-read-write\n");
    CHECK(run({"cp", "/nonexistent-file", "oss://bucket/k"}, k_env).code == 1);
    CHECK(run({"stat", "oss://bucket", "--output-format", "yaml"}, k_env).code == 1);
    CHECK(run({"stat", "oss://bucket//leading-slash"}, k_env).code == 1);
    CHECK(run({"rm", "oss://bucket/" + std::string(1024, 'k')}, k_env).err ==
          "Error: invalid object name \"" + std::string(1024, 'k') +
              "\": The Length of Object name must be less than 1024.\n");
  }

  TEST_CASE("cp destination naming (cli.md §4.1)") {
    constexpr auto* destination_key = &client::transfer::single_destination_key;
    CHECK(destination_key("", "a.txt") == "a.txt");
    CHECK(destination_key("dir/", "a.txt") == "dir/a.txt");
    CHECK(destination_key("dir/b.txt", "a.txt") == "dir/b.txt");
    CHECK(destination_key("dir", "a.txt") == "dir");
  }

  TEST_CASE("header flags with CR/LF are usage errors naming the flag, before any request") {
    for (const std::string flag : {"--content-type", "--cache-control", "--content-disposition",
                                   "--content-encoding", "--expires"}) {
      CAPTURE(flag);
      // The endpoint is a closed port: had a request gone out, the exit code would be 3.
      const auto r = run({"cp", "/nonexistent-source", "oss://bucket/k", flag,
                          "no-cache\r\nContent-Disposition: attachment; filename=evil.exe"},
                         k_env);
      CHECK(r.code == 1);
      CHECK(r.err == "Error: invalid " + flag +
                         ": the value contains a line break or another control character\n");
    }
  }

  TEST_CASE("object header flags on a download are usage errors") {
    auto r = run({"cp", "oss://bucket/k", "/tmp/ossutil-unit-never-written", "--metadata", "a=b"},
                 k_env);
    CHECK(r.code == 1);
    CHECK(r.err.find("--metadata applies to uploads and copies") != std::string::npos);
    for (const std::string flag : {"--content-type", "--cache-control", "--content-disposition",
                                   "--content-encoding", "--expires"}) {
      r = run({"cp", "oss://bucket/k", "-", flag, "x"}, k_env);
      CHECK(r.code == 1);
      CHECK(r.err.find(flag + " applies to uploads and copies") != std::string::npos);
    }
    r = run({"cp", "-r", "oss://bucket/p/", "/tmp/ossutil-unit-never-written/", "--acl", "private"},
            k_env);
    CHECK(r.code == 1);
    CHECK(r.err.find("--acl applies to uploads and copies") != std::string::npos);
  }

  TEST_CASE("--log-file - with a download to stdout is a usage error naming both") {
    const auto r = run({"cp", "oss://bucket/k", "-", "--log-file", "-"}, k_env);
    CHECK(r.code == 1);
    CHECK(r.err.find("--log-file -") != std::string::npos);
    CHECK(r.err.find("(cp oss://bucket/k -)") != std::string::npos);
  }

  TEST_CASE("a malformed endpoint is a usage error, not retried network errors") {
    auto env = k_env;
    env["OSS_ENDPOINT"] = "http://[::1";
    const auto r = run({"ls", "oss://bucket"}, env);
    CHECK(r.code == 1);
    CHECK(r.err.find("invalid -e/--endpoint \"http://[::1\"") != std::string::npos);
  }

  TEST_CASE("CLI11 conversion errors name the flag, the value and what is accepted") {
    auto r = run({"ls", "oss://bucket", "--retry-times", "abc"}, k_env);
    CHECK(r.code == 1);
    CHECK(r.err ==
          "Error: invalid value \"abc\" for --retry-times; accepted: an integer, e.g. 3\n");
    r = run({"cp", "a", "oss://bucket/k", "-j", "many"}, k_env);
    CHECK(r.code == 1);
    CHECK(r.err == "Error: invalid value \"many\" for -j/--job; accepted: an integer, e.g. 3\n");
    r = run({"ls", "--limited-num", "1.5"}, k_env);
    CHECK(r.code == 1);
    CHECK(r.err ==
          "Error: invalid value \"1.5\" for --limited-num; accepted: an integer, e.g. 3\n");
    r = run({"--connect-timeout", "99999999999999", "ls"}, k_env);
    CHECK(r.code == 1);
    CHECK(r.err.find("for --connect-timeout; accepted: an integer") != std::string::npos);
  }
}
