#include "client/content_type.hpp"

#include <doctest/doctest.h>

TEST_SUITE("client::content_type") {

  TEST_CASE("guessed from the extension, case-insensitive, octet-stream fallback") {
    CHECK(client::guess_content_type("a.txt") == "text/plain");
    CHECK(client::guess_content_type("dir/x.JPG") == "image/jpeg");
    CHECK(client::guess_content_type("p.json") == "application/json");
    CHECK(client::guess_content_type("noext") == "application/octet-stream");
    CHECK(client::guess_content_type("dir.d/noext") == "application/octet-stream");
    CHECK(client::guess_content_type("trailing.") == "application/octet-stream");
    CHECK(client::guess_content_type("x.unknownext") == "application/octet-stream");
  }
}
