#include "mock/http/body_pipeline.hpp"

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <string>

#include <doctest/doctest.h>

using mock::BodyPipeline;

namespace {

// Feeds `body` through the pipeline in chunks of at most `chunk` bytes.
void feed(BodyPipeline& pipeline, const std::string& body, std::size_t chunk) {
  for (std::size_t at = 0; at < body.size(); at += chunk) {
    const std::span<char> buffer = pipeline.acquire();
    const std::size_t n = std::min({chunk, buffer.size(), body.size() - at});
    std::memcpy(buffer.data(), body.data() + at, n);
    pipeline.submit(n);
  }
  pipeline.finish();
}

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>(i * 7 + i / 255);
  return s;
}

} // namespace

TEST_SUITE("mock::body_pipeline") {

  TEST_CASE("every lane sees every chunk, in order, with far more chunks than buffers") {
    const std::string body = pattern(1000 * 1000 + 17);
    std::string lane_a;
    std::string lane_b;
    {
      BodyPipeline pipeline({[&](const char* d, std::size_t n) { lane_a.append(d, n); },
                             [&](const char* d, std::size_t n) { lane_b.append(d, n); }},
                            /*buffers=*/3, /*buffer_size=*/4096);
      feed(pipeline, body, 4096);
    }
    CHECK(lane_a == body);
    CHECK(lane_b == body);
  }

  TEST_CASE("a failing lane stops the upload and its exception reaches the producer") {
    std::atomic<int> seen{0};
    BodyPipeline pipeline(
        {[&](const char*, std::size_t) { ++seen; },
         [&](const char*, std::size_t) { throw std::runtime_error("disk full"); }},
        2, 1024);
    const std::string body = pattern(64 * 1024);
    CHECK_THROWS_WITH_AS(feed(pipeline, body, 1024), "disk full", std::runtime_error);
  }

  TEST_CASE("an empty body finishes at once") {
    int calls = 0;
    BodyPipeline pipeline({[&](const char*, std::size_t) { ++calls; }}, 2, 1024);
    pipeline.finish();
    CHECK(calls == 0);
  }

  TEST_CASE("destroying an unfinished pipeline stops its threads") {
    std::atomic<int> seen{0};
    {
      BodyPipeline pipeline({[&](const char*, std::size_t) { ++seen; }}, 2, 1024);
      const std::span<char> buffer = pipeline.acquire();
      buffer[0] = 'x';
      pipeline.submit(1);
    } // no finish(): the destructor must join without hanging
    CHECK(seen.load() <= 1);
  }

} // TEST_SUITE
