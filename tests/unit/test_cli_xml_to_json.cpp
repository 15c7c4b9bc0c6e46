#include "cli/xml_to_json.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

TEST_SUITE("cli::xml_to_json") {

  TEST_CASE("encryption rule: root dropped, leaves as strings, keys sorted") {
    CHECK(cli::xml_to_json(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<ServerSideEncryptionRule>\n  <ApplyServerSideEncryptionByDefault>\n"
              "    <SSEAlgorithm>AES256</SSEAlgorithm>\n    <KMSMasterKeyID></KMSMasterKeyID>\n"
              "  </ApplyServerSideEncryptionByDefault>\n</ServerSideEncryptionRule>\n") ==
          "{\n"
          "  \"ApplyServerSideEncryptionByDefault\": {\n"
          "    \"KMSMasterKeyID\": \"\",\n"
          "    \"SSEAlgorithm\": \"AES256\"\n"
          "  }\n"
          "}\n");
  }

  TEST_CASE("repeated elements become arrays, single ones stay scalars") {
    CHECK(cli::xml_to_json(
              "<CORSConfiguration><CORSRule><AllowedOrigin>www.aliyun.com</AllowedOrigin>"
              "<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>"
              "<MaxAgeSeconds>10000</MaxAgeSeconds></CORSRule>"
              "<ResponseVary>false</ResponseVary></CORSConfiguration>") ==
          "{\n"
          "  \"CORSRule\": {\n"
          "    \"AllowedMethod\": [\n      \"PUT\",\n      \"GET\"\n    ],\n"
          "    \"AllowedOrigin\": \"www.aliyun.com\",\n"
          "    \"MaxAgeSeconds\": \"10000\"\n"
          "  },\n"
          "  \"ResponseVary\": \"false\"\n"
          "}\n");
    CHECK(cli::xml_to_json("<R><A><x>1</x></A><A><x>2</x></A><A><x>3</x></A></R>") ==
          "{\n  \"A\": [\n    {\n      \"x\": \"1\"\n    },\n    {\n      \"x\": \"2\"\n    },\n"
          "    {\n      \"x\": \"3\"\n    }\n  ]\n}\n");
  }

  TEST_CASE("entities are decoded and text kept as is") {
    CHECK(cli::xml_to_json("<R><A>a &amp; b</A></R>") == "{\n  \"A\": \"a & b\"\n}\n");
    CHECK(cli::xml_to_json("<R></R>") == "\"\"\n");
  }

  TEST_CASE("malformed XML is a client error") {
    CHECK_THROWS_AS(cli::xml_to_json("<R><A></R>"), oss::Error);
  }
}
