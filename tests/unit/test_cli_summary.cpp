#include "cli/summary.hpp"

#include <doctest/doctest.h>

using cli::Direction;

TEST_SUITE("cli::summary") {

  TEST_CASE("sizes and rates") {
    CHECK(cli::format_bytes(0) == "0 B");
    CHECK(cli::format_bytes(12) == "12 B");
    CHECK(cli::format_bytes(1023) == "1023 B");
    CHECK(cli::format_bytes(2048) == "2.000 KiB");
    CHECK(cli::format_bytes(9157345) == "8.733 MiB");
    CHECK(cli::format_rate(44.4) == "44 B/s");
    CHECK(cli::format_rate(73.87) == "74 B/s");
    CHECK(cli::format_rate(696434.7) == "680.112 KiB/s");
    CHECK(cli::format_elapsed(0.2717794) == "0.271779(s) elapsed");
  }

  TEST_CASE("cp summaries of cli.md §4.8") {
    CHECK(cli::format_summary({Direction::upload, 1, 12, 1, 12, 0, 0, 0.271779}) ==
          "Success: Total 1 file, size 12 B, Upload done:(1 objects, 12 B), avg 44 B/s");
    CHECK(cli::format_summary({Direction::download, 1, 12, 1, 12, 0, 0, 0.162447}) ==
          "Success: Total 1 object, size 12 B, Download done:(1 files, 12 B), avg 74 B/s");
    CHECK(cli::format_summary({Direction::copy, 1, 12, 1, 12, 0, 0, 0.12}) ==
          "Success: Total 1 object, size 12 B, Copy done:(1 objects, 12 B), avg 100 B/s");
  }

  TEST_CASE("a skipped item is reported (Decision 6)") {
    CHECK(cli::format_summary({Direction::upload, 1, 12, 0, 0, 1, 12, 0.1}) ==
          "Success: Total 1 file, size 12 B, Upload done:(0 objects, 0 B), Skip done:(1 files, 12 "
          "B), "
          "avg 0 B/s");
    CHECK(cli::format_summary({Direction::download, 1, 5, 0, 0, 1, 5, 0.1}) ==
          "Success: Total 1 object, size 5 B, Download done:(0 files, 0 B), Skip done:(1 objects, "
          "5 B), "
          "avg 0 B/s");
  }
}

TEST_SUITE("cli::summary batch") {

  TEST_CASE("a batch with failures says FinishWithError and counts them") {
    cli::TransferTotals t{Direction::upload, 5, 5000, 3, 3000, 1, 1000, 1.0, 1};
    CHECK(cli::format_summary(t) ==
          "FinishWithError: Total 5 files, size 4.883 KiB, Upload done:(3 objects, 2.930 KiB), "
          "Skip done:(1 files, 1000 B), Failed:(1 file), avg 2.930 KiB/s");
    t.direction = Direction::download;
    t.failed_count = 2;
    CHECK(cli::format_summary(t).find("Failed:(2 objects)") != std::string::npos);
  }
}
