// The main job, as a user would do it: bucket default encryption, uploads with and without
// encryption headers, stat shows each object's encryption, data comes back intact.
#include "harness.hpp"

#include <cstdio>
#include <regex>

#include <doctest/doctest.h>

using e2e::World;

namespace {

const std::regex k_elapsed_tail(R"(\n\d+\.\d{6}\(s\) elapsed\n$)");

std::string license_like_text() {
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "Line " + std::to_string(i) + " of a real file, with words.\n";
  return text;
}

// ossutil's size format: bytes below 1 KiB, else binary units with three decimals.
std::string human_size(std::size_t n) {
  if (n < 1024) return std::to_string(n) + " B";
  const char* units[] = {"KiB", "MiB", "GiB"};
  double v = static_cast<double>(n) / 1024;
  int u = 0;
  while (v >= 1024 && u < 2) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f %s", v, units[u]);
  return buf;
}

} // namespace

TEST_SUITE("e2e: encryption story") {

  TEST_CASE("bucket default KMS, AES256 by header, stat shows both, download is intact") {
    World w;
    const auto mb = w.ossutil({"mb", "oss://demo-bucket"});
    REQUIRE_MESSAGE(mb.exit_code == 0, mb.err);

    const auto put_rule = w.ossutil(
        {"api", "put-bucket-encryption", "--bucket", "demo-bucket", "--server-side-encryption-rule",
         R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"KMS"}})"});
    REQUIRE_MESSAGE(put_rule.exit_code == 0, put_rule.err);
    CHECK(std::regex_search(put_rule.out, k_elapsed_tail));

    const std::string text = license_like_text();
    const auto local = w.write_file("notes.txt", text);
    const auto up_aes = w.ossutil({"cp", local.string(), "oss://demo-bucket/aes.txt", "--metadata",
                                   "x-oss-server-side-encryption:AES256"});
    REQUIRE_MESSAGE(up_aes.exit_code == 0, up_aes.err);
    const std::string size = human_size(text.size());
    CHECK(size.ends_with(" KiB"));
    CHECK(up_aes.out.find("Success: Total 1 file, size " + size + ", Upload done:(1 objects, " +
                          size + "), avg ") != std::string::npos);
    CHECK(std::regex_search(up_aes.out, k_elapsed_tail));

    const auto up_default = w.ossutil({"cp", local.string(), "oss://demo-bucket/default.txt"});
    REQUIRE_MESSAGE(up_default.exit_code == 0, up_default.err);

    const auto stat_aes = w.ossutil({"stat", "oss://demo-bucket/aes.txt"});
    REQUIRE_MESSAGE(stat_aes.exit_code == 0, stat_aes.err);
    auto fields = e2e::parse_stat(stat_aes.out);
    CHECK(fields["X-Oss-Server-Side-Encryption"] == "AES256");
    CHECK(fields.count("X-Oss-Server-Side-Encryption-Key-Id") == 0);
    CHECK(fields["Content-Length"] == std::to_string(text.size()));
    CHECK(fields["Content-Type"] == "text/plain");
    CHECK(fields["ACL"] == "default");

    const auto stat_default = w.ossutil({"stat", "oss://demo-bucket/default.txt"});
    REQUIRE_MESSAGE(stat_default.exit_code == 0, stat_default.err);
    fields = e2e::parse_stat(stat_default.out);
    CHECK(fields["X-Oss-Server-Side-Encryption"] == "KMS");
    CHECK_FALSE(fields["X-Oss-Server-Side-Encryption-Key-Id"].empty());
    CHECK(fields.count("X-Oss-Server-Side-Data-Encryption") == 0);

    const auto get_rule = w.ossutil({"api", "get-bucket-encryption", "--bucket", "demo-bucket"});
    REQUIRE_MESSAGE(get_rule.exit_code == 0, get_rule.err);
    CHECK(get_rule.out.find("<SSEAlgorithm>KMS</SSEAlgorithm>") != std::string::npos);
    CHECK(get_rule.out.find("KMSMasterKeyID") == std::string::npos);

    const auto down_path = w.dir() / "back.txt";
    const auto down = w.ossutil({"cp", "oss://demo-bucket/default.txt", down_path.string()});
    REQUIRE_MESSAGE(down.exit_code == 0, down.err);
    CHECK(down.out.find("Success: Total 1 object, size " + size + ", Download done:(1 files, " +
                        size + "), avg ") != std::string::npos);
    CHECK(w.read_file(down_path) == text);
  }

  TEST_CASE("get-bucket-encryption as JSON drops the root and renders strings") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://json-bucket"}).exit_code == 0);
    REQUIRE(
        w.ossutil({"api", "put-bucket-encryption", "--bucket", "json-bucket",
                   "--server-side-encryption-rule",
                   "<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>KMS"
                   "</SSEAlgorithm><KMSMasterKeyID>key-app-0001</KMSMasterKeyID><KMSDataEncryption>"
                   "SM4</KMSDataEncryption></ApplyServerSideEncryptionByDefault>"
                   "</ServerSideEncryptionRule>"})
            .exit_code == 0);
    const auto got = w.ossutil(
        {"api", "get-bucket-encryption", "--bucket", "json-bucket", "--output-format", "json"});
    REQUIRE_MESSAGE(got.exit_code == 0, got.err);
    CHECK(got.out.starts_with("{\n"
                              "  \"ApplyServerSideEncryptionByDefault\": {\n"
                              "    \"KMSDataEncryption\": \"SM4\",\n"
                              "    \"KMSMasterKeyID\": \"key-app-0001\",\n"
                              "    \"SSEAlgorithm\": \"KMS\"\n"
                              "  }\n"
                              "}\n"));
  }

  TEST_CASE("explicit object headers: SM4, KMS with SM4 data encryption, named CMK") {
    World w(e2e::k_config_with_cmks); // named CMKs must exist in the KMS emulator
    REQUIRE(w.ossutil({"mb", "oss://sse-bucket"}).exit_code == 0);
    const auto local = w.write_file("a.bin", std::string(1000, 'x'));

    SUBCASE("SM4") {
      REQUIRE(w.ossutil({"cp", local.string(), "oss://sse-bucket/sm4", "--metadata",
                         "x-oss-server-side-encryption:SM4"})
                  .exit_code == 0);
      const auto fields = e2e::parse_stat(w.ossutil({"stat", "oss://sse-bucket/sm4"}).out);
      CHECK(fields.at("X-Oss-Server-Side-Encryption") == "SM4");
      CHECK(fields.count("X-Oss-Server-Side-Encryption-Key-Id") == 0);
    }
    SUBCASE("KMS + SM4 data encryption, key=value form") {
      REQUIRE(w.ossutil({"cp", local.string(), "oss://sse-bucket/kms-sm4", "--metadata",
                         "x-oss-server-side-encryption=KMS,x-oss-server-side-data-encryption=SM4"})
                  .exit_code == 0);
      const auto fields = e2e::parse_stat(w.ossutil({"stat", "oss://sse-bucket/kms-sm4"}).out);
      CHECK(fields.at("X-Oss-Server-Side-Encryption") == "KMS");
      CHECK(fields.at("X-Oss-Server-Side-Data-Encryption") == "SM4");
      CHECK_FALSE(fields.at("X-Oss-Server-Side-Encryption-Key-Id").empty());
    }
    SUBCASE("KMS with a named CMK, repeated --metadata") {
      REQUIRE(w.ossutil({"cp", local.string(), "oss://sse-bucket/kms-named", "--metadata",
                         "x-oss-server-side-encryption:KMS", "--metadata",
                         "x-oss-server-side-encryption-key-id:key-app-0001"})
                  .exit_code == 0);
      const auto fields = e2e::parse_stat(w.ossutil({"stat", "oss://sse-bucket/kms-named"}).out);
      CHECK(fields.at("X-Oss-Server-Side-Encryption") == "KMS");
      CHECK(fields.at("X-Oss-Server-Side-Encryption-Key-Id") == "key-app-0001");
    }
    SUBCASE("no header and no bucket default: unencrypted") {
      REQUIRE(w.ossutil({"cp", local.string(), "oss://sse-bucket/plain"}).exit_code == 0);
      const auto fields = e2e::parse_stat(w.ossutil({"stat", "oss://sse-bucket/plain"}).out);
      CHECK(fields.count("X-Oss-Server-Side-Encryption") == 0);
      CHECK(fields.at("Content-Length") == "1000");
    }
  }

  TEST_CASE("the default CMK id is stable across objects") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://cmk-bucket"}).exit_code == 0);
    const auto local = w.write_file("a.txt", "hello");
    for (const char* key : {"one", "two"})
      REQUIRE(w.ossutil({"cp", local.string(), std::string("oss://cmk-bucket/") + key, "--metadata",
                         "x-oss-server-side-encryption:KMS"})
                  .exit_code == 0);
    const auto one = e2e::parse_stat(w.ossutil({"stat", "oss://cmk-bucket/one"}).out);
    const auto two = e2e::parse_stat(w.ossutil({"stat", "oss://cmk-bucket/two"}).out);
    CHECK_FALSE(one.at("X-Oss-Server-Side-Encryption-Key-Id").empty());
    CHECK(one.at("X-Oss-Server-Side-Encryption-Key-Id") ==
          two.at("X-Oss-Server-Side-Encryption-Key-Id"));
    CHECK(one.at("X-Oss-Hash-Crc64ecma") == "11177612005948864433");
  }

  TEST_CASE("rule deleted: existing objects keep their encryption, new ones are plain") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://rule-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"api", "put-bucket-encryption", "--bucket", "rule-bucket",
                       "--server-side-encryption-rule",
                       R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}})"})
                .exit_code == 0);
    const auto local = w.write_file("a.txt", "before the rule was deleted");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://rule-bucket/old.txt"}).exit_code == 0);

    const auto del = w.ossutil({"api", "delete-bucket-encryption", "--bucket", "rule-bucket"});
    REQUIRE_MESSAGE(del.exit_code == 0, del.err);
    REQUIRE(w.ossutil({"cp", local.string(), "oss://rule-bucket/new.txt"}).exit_code == 0);

    CHECK(e2e::parse_stat(w.ossutil({"stat", "oss://rule-bucket/old.txt"}).out)
              .at("X-Oss-Server-Side-Encryption") == "AES256");
    CHECK(e2e::parse_stat(w.ossutil({"stat", "oss://rule-bucket/new.txt"}).out)
              .count("X-Oss-Server-Side-Encryption") == 0);

    const auto get = w.ossutil({"api", "get-bucket-encryption", "--bucket", "rule-bucket"});
    CHECK(get.exit_code == 2);
    CHECK(get.err.find("Error: operation error GetBucketEncryption: Error returned by Service. \n"
                       "Http Status Code: 404. \n"
                       "Error Code: NoSuchServerSideEncryptionRule. \n") != std::string::npos);
    CHECK(get.err.find("EC: 0005-00000004.\n") != std::string::npos);
  }

  TEST_CASE("changing the bucket rule leaves existing objects as they were") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://change-bucket"}).exit_code == 0);
    const auto local = w.write_file("a.txt", "data");
    REQUIRE(w.ossutil({"api", "put-bucket-encryption", "--bucket", "change-bucket",
                       "--server-side-encryption-rule",
                       R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"SM4"}})"})
                .exit_code == 0);
    REQUIRE(w.ossutil({"cp", local.string(), "oss://change-bucket/first"}).exit_code == 0);
    REQUIRE(w.ossutil({"api", "put-bucket-encryption", "--bucket", "change-bucket",
                       "--server-side-encryption-rule",
                       R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"KMS"}})"})
                .exit_code == 0);
    REQUIRE(w.ossutil({"cp", local.string(), "oss://change-bucket/second"}).exit_code == 0);
    CHECK(e2e::parse_stat(w.ossutil({"stat", "oss://change-bucket/first"}).out)
              .at("X-Oss-Server-Side-Encryption") == "SM4");
    CHECK(e2e::parse_stat(w.ossutil({"stat", "oss://change-bucket/second"}).out)
              .at("X-Oss-Server-Side-Encryption") == "KMS");
  }

  TEST_CASE("copy re-encrypts in place and never inherits the source's encryption") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://copy-bucket"}).exit_code == 0);
    const auto local = w.write_file("a.txt", "copy me");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://copy-bucket/src", "--metadata",
                       "x-oss-server-side-encryption:AES256"})
                .exit_code == 0);
    const auto copy = w.ossutil({"cp", "oss://copy-bucket/src", "oss://copy-bucket/dst"});
    REQUIRE_MESSAGE(copy.exit_code == 0, copy.err);
    CHECK(e2e::parse_stat(w.ossutil({"stat", "oss://copy-bucket/dst"}).out)
              .count("X-Oss-Server-Side-Encryption") == 0);

    const auto in_place = w.ossutil({"cp", "oss://copy-bucket/src", "oss://copy-bucket/src", "-f",
                                     "--metadata", "x-oss-server-side-encryption:KMS"});
    REQUIRE_MESSAGE(in_place.exit_code == 0, in_place.err);
    const auto fields = e2e::parse_stat(w.ossutil({"stat", "oss://copy-bucket/src"}).out);
    CHECK(fields.at("X-Oss-Server-Side-Encryption") == "KMS");
    CHECK(fields.at("Content-Length") == "7");
  }

  TEST_CASE("bucket stat shows the encryption rule; object stat as JSON") {
    World w(e2e::k_config_with_cmks); // uploads under the rule need the CMK to exist
    REQUIRE(w.ossutil({"mb", "oss://info-bucket"}).exit_code == 0);
    auto info = e2e::parse_stat(w.ossutil({"stat", "oss://info-bucket"}).out);
    CHECK(info["Name"] == "info-bucket");
    // GetBucketInfo says None; like the Go SDK, ossutil treats that as "no rule" and omits it.
    CHECK(info.count("SSEAlgorithm") == 0);
    REQUIRE(
        w.ossutil(
             {"api", "put-bucket-encryption", "--bucket", "info-bucket",
              "--server-side-encryption-rule",
              R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"KMS","KMSMasterKeyID":"key-9"}})"})
            .exit_code == 0);
    info = e2e::parse_stat(w.ossutil({"stat", "oss://info-bucket"}).out);
    CHECK(info["SSEAlgorithm"] == "KMS");
    CHECK(info["KMSMasterKeyID"] == "key-9");

    const auto local = w.write_file("a.txt", "hello");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://info-bucket/a.txt"}).exit_code == 0);
    const auto js = w.ossutil({"stat", "oss://info-bucket/a.txt", "--output-format", "json"});
    REQUIRE_MESSAGE(js.exit_code == 0, js.err);
    CHECK(js.out.starts_with("{\n  \"ACL\": \"default\",\n"));
    CHECK(js.out.find("\"X-Oss-Server-Side-Encryption\": \"KMS\"") != std::string::npos);
    CHECK(js.out.find("\"X-Oss-Server-Side-Encryption-Key-Id\": \"key-9\"") != std::string::npos);
    CHECK(js.out.find("\"X-Oss-Hash-Crc64ecma\": \"11177612005948864433\"") != std::string::npos);
  }

} // TEST_SUITE
