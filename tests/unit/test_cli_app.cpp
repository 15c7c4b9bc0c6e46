// cli::run end to end without a server: parsing, usage errors, dry-run (nothing is sent: the
// endpoint is a closed port, so a request would fail with exit code 3).
#include "cli/app.hpp"
#include "cli/commands/cp_internal.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
  auto r = run({"stat", "oss://bucket/key"}, {{"OSS_ACCESS_KEY_ID", "a"}, {"OSS_ACCESS_KEY_SECRET", "b"}});
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
  auto r = run({"api", "put-bucket-encryption", "--bucket", "bucket",
                "--server-side-encryption-rule", R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"DES"}})"},
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
  CHECK(r.err.find("Error: operation error DeleteObject: DELETE \"http://127.0.0.1:1/bucket/k\"") == 0);
}

TEST_CASE("dry-run sends nothing and prints the redacted request") {
  auto r = run({"mb", "oss://bucket", "--acl", "private", "-n"}, k_env);
  CHECK(r.code == 0);
  CHECK(r.out.find("[dry-run] PutBucket: PUT http://127.0.0.1:1/bucket/\n") == 0);
  CHECK(r.out.find("  x-oss-acl: private\n") != std::string::npos);
  CHECK(r.out.find("Signature=****") != std::string::npos);
  CHECK(r.out.find("ossmock-sk") == std::string::npos);
  CHECK(r.out.find("(s) elapsed") != std::string::npos);

  r = run({"api", "delete-bucket-encryption", "--bucket", "bucket", "--dry-run", "-t", "TOKEN"}, k_env);
  CHECK(r.code == 0);
  CHECK(r.out.find("[dry-run] DeleteBucketEncryption: DELETE http://127.0.0.1:1/bucket/?encryption\n") == 0);
  CHECK(r.out.find("x-oss-security-token: ****") != std::string::npos);
  CHECK(r.out.find("TOKEN") == std::string::npos);

  r = run({"cp", "oss://bucket/k", "/nonexistent-dir/x", "-n", "--sign-version", "v1"}, k_env);
  CHECK(r.code == 0);
  CHECK(r.out.find("[dry-run] GetObject: GET http://127.0.0.1:1/bucket/k\n") == 0);
  CHECK(r.out.find("Authorization: OSS ossmock-ak:****") != std::string::npos);
}

TEST_CASE("dry-run multipart upload prints initiate, each part and complete; writes no checkpoint") {
  const std::string dir = std::filesystem::temp_directory_path() / "ossutil-unit-dry-run";
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/f.bin", std::ios::binary);
    f << std::string(250 * 1024, 'x');
  }
  const auto r = run({"cp", dir + "/f.bin", "oss://bucket/f.bin", "-f", "-n", "--bigfile-threshold", "100K",
                      "--part-size", "100K", "--checkpoint-dir", dir + "/ckpt"},
                     k_env);
  CHECK(r.code == 0);
  CHECK(r.out.find("[dry-run] InitiateMultipartUpload: POST http://127.0.0.1:1/bucket/f.bin?uploads\n") == 0);
  CHECK(r.out.find("[dry-run] UploadPart: PUT http://127.0.0.1:1/bucket/f.bin?partNumber=3&uploadId=") !=
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
        "Error: invalid value \"open\" for --acl; accepted: private, public-read, public-read-write\n");
  CHECK(run({"cp", "/nonexistent-file", "oss://bucket/k"}, k_env).code == 1);
  CHECK(run({"stat", "oss://bucket", "--output-format", "yaml"}, k_env).code == 1);
  CHECK(run({"stat", "oss://bucket//leading-slash"}, k_env).code == 1);
  CHECK(run({"rm", "oss://bucket/" + std::string(1024, 'k')}, k_env).err ==
        "Error: invalid object name \"" + std::string(1024, 'k') +
            "\": The Length of Object name must be less than 1024.\n");
}

TEST_CASE("cp destination naming (cli.md §4.1)") {
  using cli::cp_detail::destination_key;
  CHECK(destination_key("", "a.txt") == "a.txt");
  CHECK(destination_key("dir/", "a.txt") == "dir/a.txt");
  CHECK(destination_key("dir/b.txt", "a.txt") == "dir/b.txt");
  CHECK(destination_key("dir", "a.txt") == "dir");
}

}
