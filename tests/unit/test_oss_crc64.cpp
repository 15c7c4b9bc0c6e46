#include "oss/crc64.hpp"

#include <string>

#include <doctest/doctest.h>

TEST_SUITE("oss::crc64") {

  TEST_CASE("check values of CRC-64/XZ") {
    CHECK(oss::crc64("123456789") == 11051210869376104954ULL);
    CHECK(oss::crc64("123456789") == 0x995DC9BBDF1939FAULL);
    CHECK(oss::crc64("This is a test of the emergency broadcast system.") == 0x27DB187FC15BBC72ULL);
    CHECK(oss::crc64("") == 0);
    CHECK(oss::crc64("hello") == 11177612005948864433ULL);
    CHECK(oss::crc64_to_string(oss::crc64("hello")) == "11177612005948864433");
  }

  TEST_CASE("updates chain across chunks") {
    const std::string data = "The quick brown fox jumps over the lazy dog";
    std::uint64_t crc = 0;
    for (std::size_t i = 0; i < data.size(); i += 7)
      crc = oss::crc64_update(crc, data.data() + i, std::min<std::size_t>(7, data.size() - i));
    CHECK(crc == oss::crc64(data));
  }

  TEST_CASE("combine equals the CRC of the concatenation") {
    std::string a(100000, '\0');
    for (std::size_t i = 0; i < a.size(); ++i)
      a[i] = static_cast<char>(i * 31 + 7);
    const std::string b = "tail bytes of a second part";
    CHECK(oss::crc64_combine(oss::crc64(a), oss::crc64(b), b.size()) == oss::crc64(a + b));
    CHECK(oss::crc64_combine(oss::crc64(a), 0, 0) == oss::crc64(a));
    CHECK(oss::crc64_combine(0, oss::crc64(b), b.size()) == oss::crc64(b));
  }

} // TEST_SUITE
