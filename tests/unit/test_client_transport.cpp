// client::Transport's own checks: no header with CR, LF or NUL ever leaves the process.
#include "client/transport.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

using client::check_header_fields;

TEST_SUITE("client::transport") {

  TEST_CASE("headers with CR, LF or NUL are refused") {
    CHECK_NOTHROW(check_header_fields({{"Cache-Control", "no-cache"}, {"x-oss-meta-a", "b\tc"}}));
    for (const std::string& bad : {std::string("no-cache\r\nX-Evil: 1"), std::string("a\nb"),
                                   std::string("a\rb"), std::string("a\0b", 3)}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(check_header_fields({{"Cache-Control", bad}}),
                           "refusing to send a request: the value of header Cache-Control contains "
                           "CR, LF or NUL",
                           oss::Error);
      CHECK_THROWS_AS(check_header_fields({{bad, "v"}}), oss::Error);
    }
  }

  TEST_CASE("perform refuses an injected header before connecting: a client error, not a network "
            "error") {
    // Port 1 on loopback is closed: a request that went out would fail with TransportError.
    client::Transport transport(client::TransportOptions{});
    client::HttpRequest request{
        "GET", "http://127.0.0.1:1/b/k", {{"Cache-Control", "a\r\nX: y"}}, {}, std::nullopt};
    try {
      transport.perform(request);
      FAIL("no exception");
    } catch (const oss::Error& e) {
      CHECK(e.kind() == oss::ErrorKind::client);
    } catch (const client::TransportError&) {
      FAIL("the request was sent");
    }
  }

} // TEST_SUITE
