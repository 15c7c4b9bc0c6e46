#include "client/transfer/part_plan.hpp"
#include "client/transfer/path_filter.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

using namespace client::transfer;

TEST_SUITE("client::transfer::part_plan") {

  TEST_CASE("automatic part size stays within 10,000 parts") {
    CHECK(plan_parts(0, {}).part_count == 1);
    CHECK(plan_parts(1, {}).part_count == 1);
    const auto gib = plan_parts(1ULL << 30, {});
    CHECK(gib.part_size == 8ULL << 20);
    CHECK(gib.part_count == 128);
    const auto huge = plan_parts(100ULL << 30, {}); // 100 GiB needs 16 MiB parts
    CHECK(huge.part_size == 16ULL << 20);
    CHECK(huge.part_count == 6400);
    const auto max = plan_parts(48ULL << 40, {}); // 48.8 TiB: the 5 GiB part cap
    CHECK(max.part_size <= k_max_part_size);
    CHECK(max.part_count <= k_max_parts);
  }

  TEST_CASE("requested part size is checked and named in the error") {
    CHECK(plan_parts(1000000, 102400).part_count == 10);
    CHECK_THROWS_WITH_AS(plan_parts(1000000, 1000), doctest::Contains("--part-size 1000"),
                         oss::Error);
    CHECK_THROWS_AS(plan_parts(1000000, k_max_part_size + 1), oss::Error);
    CHECK_THROWS_WITH_AS(plan_parts(10001ULL * 102400, 102400),
                         doctest::Contains("more than 10000 parts"), oss::Error);
  }

  TEST_CASE("part ranges: parts x size + remainder") {
    const PartPlan plan = plan_parts(3 * 102400 + 5, 102400);
    REQUIRE(plan.part_count == 4);
    CHECK(part_range(plan, 3 * 102400 + 5, 1).offset == 0);
    CHECK(part_range(plan, 3 * 102400 + 5, 1).size == 102400);
    CHECK(part_range(plan, 3 * 102400 + 5, 4).offset == 3 * 102400);
    CHECK(part_range(plan, 3 * 102400 + 5, 4).size == 5);
    CHECK(part_range(plan, 3 * 102400 + 5, 4).number == 4);
  }

} // TEST_SUITE

TEST_SUITE("client::transfer::path_filter") {

  TEST_CASE("globs") {
    CHECK(glob_match("*.txt", "a.txt"));
    CHECK_FALSE(glob_match("*.txt", "dir/a.txt"));
    CHECK(glob_match("**.txt", "dir/a.txt"));
    CHECK(glob_match("dir/**", "dir/x/y/z"));
    CHECK(glob_match("?.jpg", "a.jpg"));
    CHECK_FALSE(glob_match("?.jpg", "ab.jpg"));
    CHECK(glob_match("[a-c]x", "bx"));
    CHECK_FALSE(glob_match("[!a-c]x", "bx"));
    CHECK(glob_match("*.{jpg,png}", "a.png"));
    CHECK_FALSE(glob_match("*.{jpg,png}", "a.gif"));
    CHECK(glob_match("a\\*b", "a*b"));
    CHECK(glob_match("[unclosed", "[unclosed"));
  }

  TEST_CASE("first matching rule wins; includes make everything else excluded") {
    const PathFilter f({{true, "*.jpg"}, {false, "secret/**"}, {true, "secret/*.txt"}});
    CHECK(f.allows("a.jpg"));
    CHECK(f.allows("secret/b.jpg"));       // the include came first
    CHECK_FALSE(f.allows("secret/c.txt")); // the exclude came first
    CHECK_FALSE(f.allows("d.txt"));        // no rule matched, and there are includes

    const PathFilter only_exclude({{false, "*.tmp"}});
    CHECK(only_exclude.allows("keep.txt"));
    CHECK_FALSE(only_exclude.allows("deep/dir/x.tmp"));
    CHECK(PathFilter().allows("anything"));
  }

  TEST_CASE("a leading slash anchors at the root") {
    const PathFilter f({{false, "/logs/*"}});
    CHECK_FALSE(f.allows("logs/a"));
    CHECK(f.allows("app/logs/a"));
  }

  TEST_CASE("malformed patterns are refused by name") {
    CHECK_THROWS_WITH_AS(PathFilter({{true, "*.[jpg"}}), doctest::Contains("\"*.[jpg\""),
                         oss::Error);
    CHECK_THROWS_WITH_AS(PathFilter({{true, "*.{a,b"}}), doctest::Contains("unclosed '{'"),
                         oss::Error);
  }

} // TEST_SUITE
