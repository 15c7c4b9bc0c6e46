#include "mock/range.hpp"

#include <doctest/doctest.h>

using mock::parse_range;
using Kind = mock::RangeRequest::Kind;

TEST_SUITE("mock::range") {

  TEST_CASE("satisfiable forms") {
    auto r = parse_range("bytes=0-4", 10);
    CHECK(r.kind == Kind::satisfiable);
    CHECK(r.first == 0);
    CHECK(r.last == 4);
    CHECK(r.length() == 5);
    r = parse_range("bytes=3-", 10);
    CHECK(r.kind == Kind::satisfiable);
    CHECK(r.first == 3);
    CHECK(r.last == 9);
    r = parse_range("bytes=-3", 10);
    CHECK(r.first == 7);
    CHECK(r.last == 9);
    r = parse_range("bytes=-30", 10); // suffix longer than the object: all of it
    CHECK(r.first == 0);
    CHECK(r.last == 9);
    r = parse_range("bytes=5-100", 10); // end clamped
    CHECK(r.last == 9);
    CHECK(mock::content_range(r, 10) == "bytes 5-9/10");
  }

  TEST_CASE("unsatisfiable") {
    CHECK(parse_range("bytes=10-", 10).kind == Kind::unsatisfiable);
    CHECK(parse_range("bytes=10-20", 10).kind == Kind::unsatisfiable);
    CHECK(parse_range("bytes=-0", 10).kind == Kind::unsatisfiable);
    CHECK(parse_range("bytes=0-", 0).kind == Kind::unsatisfiable);
    CHECK(parse_range("bytes=-5", 0).kind == Kind::unsatisfiable);
  }

  TEST_CASE("ignored: whole object") {
    for (const char* h : {"", "bytes=", "bytes=a-b", "bytes=5-2", "bytes=0-1,3-4", "items=0-1",
                          "bytes=1", "bytes=--1"}) {
      CAPTURE(h);
      CHECK(parse_range(h, 10).kind == Kind::none);
    }
  }
}
