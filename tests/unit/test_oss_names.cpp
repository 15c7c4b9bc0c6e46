#include "oss/names.hpp"

#include <string>

#include <doctest/doctest.h>

TEST_SUITE("oss::names") {

  TEST_CASE("valid bucket names") {
    for (const char* name : {"abc", "a-b", "0bucket", "bucket-123", "examplebucket"}) {
      CAPTURE(name);
      CHECK(oss::is_valid_bucket_name(name));
    }
    CHECK(oss::is_valid_bucket_name(std::string(63, 'a')));
  }

  TEST_CASE("invalid bucket names from the Java SDK's CreateBucketTest") {
    for (const std::string& name :
         {std::string("ab"), std::string(64, 'a'), std::string(65, 'a'), std::string("abC"),
          std::string("abc#"), std::string("-abc"), std::string("#abc"), std::string("-abc-"),
          std::string("Abcdefg"), std::string("abcdefg-"), std::string(""), std::string("a_b"),
          std::string("a.bc")}) {
      CAPTURE(name);
      CHECK_FALSE(oss::is_valid_bucket_name(name));
    }
  }

  TEST_CASE("bucket_name_problem says what is wrong") {
    CHECK(*oss::bucket_name_problem("ab") == "bucket name must be 3-63 characters long, got 2");
    CHECK(*oss::bucket_name_problem("aBc") ==
          "bucket name may contain only lower-case letters, digits and '-'");
    CHECK(*oss::bucket_name_problem("abc-") ==
          "bucket name must start and end with a lower-case letter or digit");
    CHECK_FALSE(oss::bucket_name_problem("abc"));
  }

  TEST_CASE("object keys: 1-1023 bytes, no leading slash or backslash") {
    CHECK(oss::is_valid_object_key("a"));
    CHECK(oss::is_valid_object_key("dir/a b+c.txt"));
    CHECK(oss::is_valid_object_key("\xe6\x9d\xad\xe5\xb7\x9e")); // 杭州
    CHECK(oss::is_valid_object_key("\x01\x0a\x0c\x07Pc"));
    CHECK(oss::is_valid_object_key("a/"));
    CHECK(oss::is_valid_object_key(std::string(1023, 'k')));
    CHECK_FALSE(oss::is_valid_object_key(""));
    CHECK_FALSE(oss::is_valid_object_key(std::string(1024, 'k')));
    CHECK_FALSE(oss::is_valid_object_key("/a"));
    CHECK_FALSE(oss::is_valid_object_key("\\a"));
    CHECK(*oss::object_key_problem(std::string(1024, 'k')) ==
          "The Length of Object name must be less than 1024.");
  }
}

TEST_SUITE("oss::names encoding") {

  TEST_CASE("is_valid_utf8 rejects malformed sequences") {
    CHECK(oss::is_valid_utf8("plain/key.txt"));
    CHECK(oss::is_valid_utf8("\xE6\x9D\xAD\xE5\xB7\x9E")); // 杭州
    CHECK(oss::is_valid_utf8("\xF0\x9F\x98\x80"));         // U+1F600
    for (const std::string& bad :
         {std::string("\xFF\xFE"), std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"),
          std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"), std::string("\xE6\x9D")}) {
      CAPTURE(bad);
      CHECK_FALSE(oss::is_valid_utf8(bad));
    }
  }

  TEST_CASE("is_xml_text accepts what XML 1.0 can carry and nothing else") {
    CHECK(oss::is_xml_text("a\tb\nc\rd"));
    CHECK(oss::is_xml_text("\xE6\x9D\xAD"));
    CHECK_FALSE(oss::is_xml_text(std::string("a\0b", 3)));
    CHECK_FALSE(oss::is_xml_text("a\x01"
                                 "b"));
    CHECK_FALSE(oss::is_xml_text("\xEF\xBF\xBE")); // U+FFFE
    CHECK_FALSE(oss::is_xml_text("\xFF"));
  }

  TEST_CASE("object_key_encoding_problem: invalid UTF-8 and NUL, control characters allowed") {
    CHECK(*oss::object_key_encoding_problem("\xFF\xFE") == "The object name must be valid UTF-8.");
    CHECK(*oss::object_key_encoding_problem(std::string("a\0b", 3)) ==
          "The object name must not contain a NUL character.");
    CHECK_FALSE(oss::object_key_encoding_problem("\x01\x0a\x0c\x07Pc"));
    // ossutil's own check stays byte-agnostic.
    CHECK_FALSE(oss::object_key_problem("\xFF\xFE"));
  }
}
