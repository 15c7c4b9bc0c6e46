#include "cli/metadata.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

namespace {

std::string headers_text(const oss::Headers& headers) {
  std::string out;
  for (const auto& h : headers)
    out += h.name + ": " + h.value + "\n";
  return out;
}

} // namespace

TEST_SUITE("cli::metadata") {

  TEST_CASE("Decision 1 examples") {
    SUBCASE("repeatable and comma-split") {
      CHECK(headers_text(
                cli::parse_metadata_items({"user=jack,email=ja**@test.com", "address=china"})) ==
            "x-oss-meta-user: jack\nx-oss-meta-email: ja**@test.com\nx-oss-meta-address: china\n");
    }
    SUBCASE("x-oss-meta- prefix is stripped, never doubled") {
      CHECK(headers_text(cli::parse_metadata_items({"x-oss-meta-env=prod"})) ==
            "x-oss-meta-env: prod\n");
      CHECK(headers_text(cli::parse_metadata_items({"X-Oss-Meta-Env=prod"})) ==
            "x-oss-meta-Env: prod\n");
    }
    SUBCASE("system header with the colon form") {
      CHECK(headers_text(cli::parse_metadata_items({"x-oss-server-side-encryption:AES256"})) ==
            "x-oss-server-side-encryption: AES256\n");
    }
    SUBCASE("the first '=' wins") {
      CHECK(headers_text(cli::parse_metadata_items({"a=b:c"})) == "x-oss-meta-a: b:c\n");
      // The first '=' makes "a:b" the key, and ':' cannot be part of a header name.
      CHECK_THROWS_WITH_AS(cli::parse_metadata_items({"a:b=c"}),
                           doctest::Contains("the key \"a:b\" may contain only"), oss::Error);
      CHECK(headers_text(cli::parse_metadata_items({"a:b:c"})) == "x-oss-meta-a: b:c\n");
    }
    SUBCASE("invalid SSE value is rejected") {
      CHECK_THROWS_WITH(cli::parse_metadata_items({"x-oss-server-side-encryption=DES"}),
                        "invalid value \"DES\" for x-oss-server-side-encryption in --metadata; "
                        "accepted: AES256, KMS, SM4");
      try {
        cli::parse_metadata_items({"x-oss-server-side-encryption=DES"});
        FAIL("expected a usage error");
      } catch (const oss::Error& e) {
        CHECK(e.kind() == oss::ErrorKind::usage);
      }
    }
  }

  TEST_CASE("system headers are recognised case-insensitively") {
    CHECK(headers_text(cli::parse_metadata_items(
              {"content-type=text/html,CACHE-CONTROL:no-cache,content-disposition=inline",
               "Content-Encoding=gzip,expires=Wed, x-oss-object-acl=private",
               "x-oss-storage-class=IA"})) ==
          "Content-Type: text/html\nCache-Control: no-cache\nContent-Disposition: inline\n"
          "Content-Encoding: gzip\nExpires: Wed\nx-oss-object-acl: private\n"
          "x-oss-storage-class: IA\n");
  }

  TEST_CASE("KMS with key id and SM4 data encryption") {
    CHECK(headers_text(cli::parse_metadata_items(
              {"x-oss-server-side-encryption:KMS,x-oss-server-side-encryption-key-id:k1,"
               "x-oss-server-side-data-encryption:SM4"})) ==
          "x-oss-server-side-encryption: KMS\nx-oss-server-side-encryption-key-id: k1\n"
          "x-oss-server-side-data-encryption: SM4\n");
  }

  TEST_CASE("errors") {
    CHECK_THROWS_WITH(cli::parse_metadata_items({"novalue"}),
                      "invalid --metadata item \"novalue\": expected key=value or key:value");
    CHECK_THROWS_WITH(cli::parse_metadata_items({"=v"}),
                      "invalid --metadata item \"=v\": the key is empty");
    CHECK_THROWS_WITH(cli::parse_metadata_items({"x-oss-meta-=v"}),
                      "invalid --metadata item \"x-oss-meta-=v\": no name after x-oss-meta-");
    CHECK_THROWS_WITH(
        cli::parse_metadata_items(
            {"x-oss-server-side-encryption=KMS,x-oss-server-side-data-encryption=AES"}),
        "invalid value \"AES\" for x-oss-server-side-data-encryption in --metadata; accepted: SM4");
    CHECK_THROWS_WITH(cli::parse_metadata_items({"x-oss-server-side-encryption-key-id=k1"}),
                      "x-oss-server-side-encryption-key-id in --metadata requires "
                      "x-oss-server-side-encryption:KMS");
    CHECK_THROWS_WITH(
        cli::parse_metadata_items(
            {"x-oss-server-side-encryption=AES256,x-oss-server-side-data-encryption=SM4"}),
        "x-oss-server-side-data-encryption in --metadata requires "
        "x-oss-server-side-encryption:KMS");
    CHECK_THROWS_WITH(cli::parse_metadata_items({"x-oss-server-side-encryption=aes256"}),
                      doctest::Contains("accepted: AES256, KMS, SM4"));
  }

  TEST_CASE("empty items are ignored and a later item replaces an earlier one") {
    CHECK(headers_text(cli::parse_metadata_items({"a=1,,a=2", ""})) == "x-oss-meta-a: 2\n");
    CHECK(headers_text(cli::parse_metadata_items({"a="})) == "x-oss-meta-a: \n");
  }
}

TEST_CASE("line breaks and control characters cannot inject headers") {
  CHECK_THROWS_WITH_AS(cli::parse_metadata_items({"k=v\r\nx-oss-object-acl: public-read"}),
                       doctest::Contains("line break"), oss::Error);
  CHECK_THROWS_WITH_AS(cli::parse_metadata_items({"Cache-Control=no-cache\nX-Evil: 1"}),
                       doctest::Contains("line break"), oss::Error);
  CHECK_THROWS_AS(cli::parse_metadata_items({std::string("k=a\0b", 5)}), oss::Error);
  CHECK_NOTHROW(cli::parse_metadata_items({"k=tab\tseparated value"}));
  CHECK_THROWS_AS(cli::check_header_value("--cache-control", "no-cache\r\nX: y"), oss::Error);
}

TEST_CASE("keys must be HTTP token characters") {
  CHECK_THROWS_WITH_AS(cli::parse_metadata_items({"k v=1"}),
                       doctest::Contains("may contain only letters, digits"), oss::Error);
  CHECK_THROWS_AS(cli::parse_metadata_items({"\xd0\xba\xd0\xbb=1"}), oss::Error);
  CHECK(cli::parse_metadata_items({"my_key.v2=1"}).at(0).name == "x-oss-meta-my_key.v2");
}
