#include "oss/error.hpp"
#include "oss/sse.hpp"

#include <doctest/doctest.h>

TEST_SUITE("oss::sse") {

  TEST_CASE("JSON rule without root, as ossutil 2 takes it") {
    const auto rule = oss::parse_rule(
        R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"KMS","KMSMasterKeyID":"key-1","KMSDataEncryption":"SM4"}})");
    CHECK(rule.algorithm == "KMS");
    CHECK(rule.kms_key_id == "key-1");
    CHECK(rule.data_encryption == "SM4");
    CHECK_FALSE(oss::validate_rule(rule).has_value());
  }

  TEST_CASE("JSON rule with the ServerSideEncryptionRule root is accepted too") {
    const auto rule = oss::parse_rule(
        R"({"ServerSideEncryptionRule":{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}})");
    CHECK(rule == oss::SseSpec{"AES256", "", ""});
  }

  TEST_CASE("XML rule with declaration, any order, empty elements as absent") {
    const auto rule = oss::parse_rule(
        "  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServerSideEncryptionRule>"
        "<ApplyServerSideEncryptionByDefault><KMSDataEncryption>SM4</KMSDataEncryption>"
        "<KMSMasterKeyID></KMSMasterKeyID><SSEAlgorithm>KMS</SSEAlgorithm>"
        "</ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>");
    CHECK(rule == oss::SseSpec{"KMS", "", "SM4"});
  }

  TEST_CASE("malformed rules name the problem") {
    SUBCASE("bad JSON") {
      CHECK_THROWS_WITH_AS(oss::parse_rule(R"({"ApplyServerSideEncryptionByDefault":)"),
                           doctest::Contains("not valid JSON"), oss::Error);
    }
    SUBCASE("missing default block") {
      CHECK_THROWS_WITH_AS(oss::parse_rule(R"({"SSEAlgorithm":"AES256"})"),
                           doctest::Contains("ApplyServerSideEncryptionByDefault"), oss::Error);
    }
    SUBCASE("unknown field") {
      CHECK_THROWS_WITH_AS(
          oss::parse_rule(R"({"ApplyServerSideEncryptionByDefault":{"Algorithm":"AES256"}})"),
          doctest::Contains("unknown key \"Algorithm\""), oss::Error);
    }
    SUBCASE("bad XML") {
      CHECK_THROWS_WITH_AS(oss::parse_rule("<ServerSideEncryptionRule><Apply"),
                           doctest::Contains("not well-formed XML"), oss::Error);
    }
    SUBCASE("wrong XML root") {
      CHECK_THROWS_WITH_AS(oss::parse_rule("<Rule/>"),
                           doctest::Contains("<ServerSideEncryptionRule>"), oss::Error);
    }
    SUBCASE("neither") {
      CHECK_THROWS_WITH_AS(oss::parse_rule("AES256"), doctest::Contains("XML"), oss::Error);
    }
    SUBCASE("non-string value") {
      CHECK_THROWS_WITH_AS(
          oss::parse_rule(R"({"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":256}})"),
          doctest::Contains("\"SSEAlgorithm\" must be a JSON string"), oss::Error);
    }
  }

  TEST_CASE("validation follows OSS's rules and codes") {
    SUBCASE("unknown algorithm") {
      const auto p = oss::validate_rule({"DES", "", ""});
      REQUIRE(p.has_value());
      CHECK(p->field == "SSEAlgorithm");
      CHECK(p->value == "DES");
      CHECK(p->code == "InvalidEncryptionAlgorithmError");
      CHECK(p->ec == "0005-00000003");
    }
    SUBCASE("algorithm is case-sensitive") {
      CHECK(oss::validate_rule({"aes256", "", ""}).has_value());
    }
    SUBCASE("key id only with KMS") {
      const auto p = oss::validate_rule({"AES256", "key-1", ""});
      REQUIRE(p.has_value());
      CHECK(p->code == "InvalidArgument");
      CHECK(p->ec == "0005-00000204");
      CHECK(p->message ==
            "KMSMasterKeyID is not applicable if the default sse algorithm is not KMS");
    }
    SUBCASE("data encryption only SM4") {
      const auto p = oss::validate_rule({"KMS", "", "AES128"});
      REQUIRE(p.has_value());
      CHECK(p->field == "KMSDataEncryption");
      CHECK(p->ec == "0005-00000203");
    }
    SUBCASE("data encryption only with KMS") {
      CHECK(oss::validate_rule({"SM4", "", "SM4"}).has_value());
    }
    SUBCASE("valid ones") {
      CHECK_FALSE(oss::validate_rule({"AES256", "", ""}).has_value());
      CHECK_FALSE(oss::validate_rule({"SM4", "", ""}).has_value());
      CHECK_FALSE(oss::validate_rule({"KMS", "", ""}).has_value());
      CHECK_FALSE(oss::validate_rule({"KMS", "any-id", "SM4"}).has_value());
    }
  }

  TEST_CASE("rule XML as the Go SDK writes it") {
    CHECK(oss::to_rule_xml({"AES256", "", ""}) ==
          "<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256"
          "</SSEAlgorithm></ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>");
    CHECK(oss::to_rule_xml({"KMS", "9468da86-3509-4f8d-a61e-6eab1eac****", "SM4"}) ==
          "<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>KMS"
          "</SSEAlgorithm><KMSMasterKeyID>9468da86-3509-4f8d-a61e-6eab1eac****</KMSMasterKeyID>"
          "<KMSDataEncryption>SM4</KMSDataEncryption></ApplyServerSideEncryptionByDefault>"
          "</ServerSideEncryptionRule>");
    CHECK(oss::parse_rule(oss::to_rule_xml({"KMS", "a<b", ""})).kms_key_id == "a<b");
  }

} // TEST_SUITE
