#include "cli/size_suffix.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

TEST_SUITE("cli::size_suffix") {

  TEST_CASE("bytes by default, binary K M G T P E with optional i and B") {
    CHECK(cli::parse_size_suffix("--part-size", "0") == 0);
    CHECK(cli::parse_size_suffix("--part-size", "102400") == 102400);
    CHECK(cli::parse_size_suffix("--part-size", "512B") == 512);
    CHECK(cli::parse_size_suffix("--part-size", "100K") == 102400);
    CHECK(cli::parse_size_suffix("--part-size", "100Ki") == 102400);
    CHECK(cli::parse_size_suffix("--part-size", "100KiB") == 102400);
    CHECK(cli::parse_size_suffix("--part-size", "100k") == 102400);
    CHECK(cli::parse_size_suffix("--bigfile-threshold", "100Mi") == 104857600);
    CHECK(cli::parse_size_suffix("--bigfile-threshold", "5G") == 5368709120ULL);
    CHECK(cli::parse_size_suffix("--bigfile-threshold", "1T") == (1ULL << 40));
    CHECK(cli::parse_size_suffix("--bigfile-threshold", "2E") == (2ULL << 60));
  }

  TEST_CASE("anything else is a usage error naming the flag and the value") {
    for (const char* bad :
         {"", "K", "-1", "1.5M", "10X", "10 M", "10MiBs", "16E", "99999999999999999999"}) {
      CAPTURE(bad);
      try {
        cli::parse_size_suffix("--part-size", bad);
        FAIL("accepted");
      } catch (const oss::Error& e) {
        CHECK(e.kind() == oss::ErrorKind::usage);
        CHECK(std::string(e.what()).find("--part-size") != std::string::npos);
        CHECK(std::string(e.what()).find("\"" + std::string(bad) + "\"") != std::string::npos);
      }
    }
  }
}
