// Hard keys survive the round trip; state survives an ossmock restart; V1 signing works.
#include "harness.hpp"

#include <doctest/doctest.h>

using e2e::World;

TEST_SUITE("e2e: keys, signing versions, persistence") {

  TEST_CASE("keys with spaces, '+', unicode and '//' round-trip") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://key-bucket"}).exit_code == 0);
    const std::string keys[] = {"dir/a b+c.txt",
                                "\xe6\x9d\xad\xe5\xb7\x9e/\xe4\xb8\xad\xe5\x9b\xbd.txt",
                                "x//y~z*(1).txt", "100%.txt", "q?a#b.txt"};
    int n = 0;
    for (const auto& key : keys) {
      CAPTURE(key);
      const std::string content = "content of " + key;
      const auto local = w.write_file("k" + std::to_string(n++) + ".txt", content);
      const auto up = w.ossutil({"cp", local.string(), "oss://key-bucket/" + key});
      REQUIRE_MESSAGE(up.exit_code == 0, up.err);
      const auto down = w.ossutil({"cp", "oss://key-bucket/" + key, "-"});
      REQUIRE_MESSAGE(down.exit_code == 0, down.err);
      CHECK(down.out == content);
    }
    const auto ls = w.ossutil({"ls", "oss://key-bucket"});
    REQUIRE(ls.exit_code == 0);
    for (const auto& key : keys)
      CHECK(ls.out.find("oss://key-bucket/" + key) != std::string::npos);
    CHECK(ls.out.find("Object Number is: 5") != std::string::npos);
  }

  TEST_CASE("V1 signing works end to end") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://v1-bucket", "--sign-version", "v1"}).exit_code == 0);
    const auto local = w.write_file("a.txt", "signed with v1");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://v1-bucket/a b.txt", "--sign-version", "v1",
                       "--metadata", "x-oss-server-side-encryption:AES256"})
                .exit_code == 0);
    const auto down = w.ossutil({"cp", "oss://v1-bucket/a b.txt", "-", "--sign-version", "v1"});
    CHECK(down.exit_code == 0);
    CHECK(down.out == "signed with v1");
    const auto bad = w.ossutil_bare({"stat", "oss://v1-bucket", "-e", w.mock().endpoint(), "-i",
                                     e2e::k_access_key_id, "-k", "bad", "--sign-version", "v1"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("SignatureDoesNotMatch") != std::string::npos);
    CHECK(bad.err.find("EC: 0002-00000040.\n") != std::string::npos);
  }

  TEST_CASE("stdin upload and stdout download") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://pipe-bucket"}).exit_code == 0);
    std::string data;
    for (int i = 0; i < 50000; ++i)
      data += static_cast<char>(i * 7);
    const auto up = w.ossutil({"cp", "-", "oss://pipe-bucket/stream.bin"}, data);
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    const auto down = w.ossutil({"cp", "oss://pipe-bucket/stream.bin", "-"});
    REQUIRE(down.exit_code == 0);
    CHECK(down.out == data);
  }

  TEST_CASE("restart of ossmock keeps buckets, objects, rules and encryption state") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://keep-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"api", "put-bucket-encryption", "--bucket", "keep-bucket",
                       "--server-side-encryption-rule",
                       R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"KMS"}})"})
                .exit_code == 0);
    const auto local = w.write_file("a.txt", "persist me");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://keep-bucket/a.txt"}).exit_code == 0);
    const auto before = e2e::parse_stat(w.ossutil({"stat", "oss://keep-bucket/a.txt"}).out);

    CHECK(w.mock().stop() == 0);
    w.mock().start();

    const auto after = e2e::parse_stat(w.ossutil({"stat", "oss://keep-bucket/a.txt"}).out);
    CHECK(after.at("X-Oss-Server-Side-Encryption") == "KMS");
    CHECK(after.at("X-Oss-Server-Side-Encryption-Key-Id") ==
          before.at("X-Oss-Server-Side-Encryption-Key-Id"));
    CHECK(after.at("Etag") == before.at("Etag"));
    CHECK(w.ossutil({"cp", "oss://keep-bucket/a.txt", "-"}).out == "persist me");
    CHECK(w.ossutil({"api", "get-bucket-encryption", "--bucket", "keep-bucket"})
              .out.find("<SSEAlgorithm>KMS</SSEAlgorithm>") != std::string::npos);
  }

  TEST_CASE("rm and rb") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://gone-bucket"}).exit_code == 0);
    const auto local = w.write_file("a.txt", "x");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://gone-bucket/a.txt"}).exit_code == 0);
    const auto rb_full = w.ossutil({"rb", "oss://gone-bucket"});
    CHECK(rb_full.exit_code == 2);
    CHECK(rb_full.err.find("BucketNotEmpty") != std::string::npos);
    CHECK(w.ossutil({"rm", "oss://gone-bucket/a.txt"}).exit_code == 0);
    CHECK(w.ossutil({"stat", "oss://gone-bucket/a.txt"}).exit_code == 2);
    CHECK(w.ossutil({"rb", "oss://gone-bucket"}).exit_code == 0);
    CHECK(w.ossutil({"stat", "oss://gone-bucket"}).exit_code == 2);
  }

} // TEST_SUITE
