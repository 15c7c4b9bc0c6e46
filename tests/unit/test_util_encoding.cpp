#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

#include <doctest/doctest.h>

TEST_SUITE("util") {

  TEST_CASE("base64 round trip and known values") {
    CHECK(util::base64_encode(util::md5("")) == "1B2M2Y8AsgTpgAmY7PhCfg==");
    CHECK(util::base64_encode(util::md5("0123456789")) == "eB5eJF1ptWaXm4bijSPyxw==");
    CHECK(util::to_hex_upper(util::md5("0123456789")) == "781E5E245D69B566979B86E28D23F2C7");
    CHECK(util::base64_encode("f") == "Zg==");
    CHECK(util::base64_encode("fo") == "Zm8=");
    CHECK(util::base64_encode("foo") == "Zm9v");
    CHECK(util::base64_decode("Zm8=").value() == "fo");
    CHECK(util::base64_decode("Zg==").value() == "f");
    CHECK_FALSE(util::base64_decode("Zg=").has_value());
    CHECK_FALSE(util::base64_decode("Z!==").has_value());
    CHECK_FALSE(util::base64_decode("Zg==Zg==").has_value());
  }

  TEST_CASE("hex decoding accepts either case and rejects odd lengths and non-hex") {
    CHECK(util::from_hex("0A1bFf").value() == std::string("\x0a\x1b\xff"));
    CHECK(util::from_hex("781E5E245D69B566979B86E28D23F2C7").value() == util::md5("0123456789"));
    CHECK(util::from_hex(util::to_hex_lower(std::string_view("a\0b", 3))).value() ==
          std::string("a\0b", 3));
    CHECK(util::from_hex("").value().empty());
    CHECK_FALSE(util::from_hex("abc").has_value());
    CHECK_FALSE(util::from_hex("0g").has_value());
    CHECK_FALSE(util::from_hex("0 ").has_value());
  }

  TEST_CASE("percent encoding") {
    CHECK(util::percent_encode("a b+c/d~e") == "a%20b%2Bc%2Fd~e");
    CHECK(util::percent_encode("a b+c/d~e", true) == "a%20b%2Bc/d~e");
    CHECK(util::percent_decode("a%20b%2Bc+d") == "a b+c+d");
    CHECK(util::percent_decode("a%20b%2Bc+d", true) == "a b+c d");
    CHECK(util::percent_decode("100%") == "100%");
    CHECK(util::percent_decode("%zz%4") == "%zz%4");
  }

  TEST_CASE("XML escaping keeps CR, which XML end-of-line handling would turn into LF") {
    CHECK(util::xml_escape("a&b<c>\"d\"") == "a&amp;b&lt;c&gt;&quot;d&quot;");
    CHECK(util::xml_escape("line\r\nnext\ttab") == "line&#xD;\nnext\ttab");
    CHECK(util::xml_escape("\xE4\xB8\xAD/plain") == "\xE4\xB8\xAD/plain");
  }

  TEST_CASE("time formats") {
    CHECK(util::iso8601_basic(1702743657) == "20231216T162057Z");
    CHECK(util::rfc1123(1702743657) == "Sat, 16 Dec 2023 16:20:57 GMT");
    CHECK(util::iso8601_ms(1702743657) == "2023-12-16T16:20:57.000Z");
    CHECK(util::parse_iso8601_basic("20231216T162057Z").value() == 1702743657);
    CHECK(util::parse_rfc1123("Sat, 16 Dec 2023 16:20:57 GMT").value() == 1702743657);
    CHECK(util::parse_iso8601("2023-12-16T16:20:57.000Z").value() == 1702743657);
    CHECK_FALSE(util::parse_iso8601_basic("20231216 162057Z").has_value());
    CHECK_FALSE(util::parse_rfc1123("Sat, 16 Foo 2023 16:20:57 GMT").has_value());
  }

  TEST_CASE("constant-time comparison") {
    CHECK(util::constant_time_equal("abc", "abc"));
    CHECK_FALSE(util::constant_time_equal("abc", "abd"));
    CHECK_FALSE(util::constant_time_equal("abc", "abcd"));
    CHECK(util::constant_time_equal("", ""));
  }

  TEST_CASE("header name casing") {
    CHECK(util::canonical_header_name("x-oss-server-side-encryption-key-id") ==
          "X-Oss-Server-Side-Encryption-Key-Id");
    CHECK(util::canonical_header_name("ETAG") == "Etag");
  }

} // TEST_SUITE
