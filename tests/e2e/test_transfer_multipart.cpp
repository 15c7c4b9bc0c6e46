// Multipart transfers against ossmock: uploads, downloads and copies around the threshold with
// SSE, resume after kill -9, stale checkpoints, Ctrl-C aborting the upload, bounded memory.
#include "harness.hpp"

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

using e2e::checkpoint_records;
using e2e::count;
using e2e::files_under;
using e2e::k_small_parts;
using e2e::kill_after_parts;
using e2e::with;
using e2e::World;
namespace fs = std::filesystem;

namespace {

/// Peak RSS of one ossutil run, measured by GNU time (a small intermediate process, so the
/// test process's own size does not leak into the child's ru_maxrss through fork).
long peak_rss_kib(World& w, std::vector<std::string> args) {
  args.insert(args.begin(), {"-f", "%M", OSSUTIL_BIN});
  const auto r = e2e::run_program("/usr/bin/time", with(args, w.connection_args()), "", w.dir());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto nl = r.err.find_last_of('\n', r.err.size() - 2);
  return std::stol(r.err.substr(nl == std::string::npos ? 0 : nl + 1));
}

} // namespace

TEST_SUITE("e2e: transfer multipart") {

  TEST_CASE("multipart upload, download and copy around the threshold keep bytes, SSE and CRC") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://mp-bucket"}).exit_code == 0);
    const std::uint64_t k = 1024;
    for (const std::uint64_t size :
         std::vector<std::uint64_t>{0, 1, 200 * k - 1, 200 * k, 200 * k + 1, 7 * 100 * k + 12345}) {
      CAPTURE(size);
      const std::string name = "o-" + std::to_string(size);
      const std::string content = e2e::random_bytes(size, static_cast<unsigned>(size) + 11);
      const auto local = w.write_file(name, content);
      const std::string before = w.mock().log();
      const auto up =
          w.ossutil(with({"cp", local.string(), "oss://mp-bucket/" + name, "--parallel", "3",
                          "--metadata", "x-oss-server-side-encryption:KMS,x-oss-meta-color=blue"},
                         k_small_parts));
      REQUIRE_MESSAGE(up.exit_code == 0, up.err);
      const bool multipart = size > 200 * k;
      const std::string log = w.mock().log().substr(before.size());
      CHECK(count(log, "POST /mp-bucket/" + name + "?uploads") == (multipart ? 1u : 0u));
      CHECK(count(log, "PUT /mp-bucket/" + name + "?partNumber=") ==
            (multipart ? (size + 100 * k - 1) / (100 * k) : 0u));

      auto stat = e2e::parse_stat(w.ossutil({"stat", "oss://mp-bucket/" + name}).out);
      CHECK(stat["Content-Length"] == std::to_string(size));
      CHECK(stat["X-Oss-Server-Side-Encryption"] == "KMS");
      CHECK(stat["X-Oss-Meta-Color"] == "blue");
      CHECK(stat["X-Oss-Object-Type"] == (multipart ? "Multipart" : "Normal"));

      const fs::path out = w.dir() / ("dl-" + name);
      const auto down =
          w.ossutil(with({"cp", "oss://mp-bucket/" + name, out.string()}, k_small_parts));
      REQUIRE_MESSAGE(down.exit_code == 0, down.err);
      CHECK(w.read_file(out) == content);

      const auto copy =
          w.ossutil(with({"cp", "oss://mp-bucket/" + name, "oss://mp-bucket/copy-" + name,
                          "--metadata", "x-oss-server-side-encryption:AES256"},
                         k_small_parts));
      REQUIRE_MESSAGE(copy.exit_code == 0, copy.err);
      stat = e2e::parse_stat(w.ossutil({"stat", "oss://mp-bucket/copy-" + name}).out);
      CHECK(stat["X-Oss-Server-Side-Encryption"] == "AES256");
      CHECK(stat["X-Oss-Meta-Color"] == "blue"); // properties copied by default
      CHECK(w.ossutil({"cp", "oss://mp-bucket/copy-" + name, "-"}).out == content);
    }
  }

  TEST_CASE(
      "an upload killed with SIGKILL resumes: finished parts are skipped, the object verified") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://up-resume"}).exit_code == 0);
    const std::size_t size = 40 * 1024 * 1024 + 5;
    const std::string content = e2e::random_bytes(size, 5);
    const auto local = w.write_file("big.bin", content);
    const fs::path ckpt = w.dir() / "ckpt";
    const std::vector<std::string> args = {"cp",
                                           local.string(),
                                           "oss://up-resume/big.bin",
                                           "--bigfile-threshold",
                                           "1M",
                                           "--part-size",
                                           "100K",
                                           "--parallel",
                                           "1",
                                           "--checkpoint-dir",
                                           ckpt.string()};
    REQUIRE_MESSAGE(kill_after_parts(w, args, ckpt, 20),
                    "ossutil finished before it could be killed");
    const std::string middle = w.mock().log();
    const auto r = w.ossutil(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string log = w.mock().log().substr(middle.size());
    CHECK(count(log, "?uploads") == 0); // the recorded upload was continued
    CHECK(count(log, "PUT /up-resume/big.bin?partNumber=") < (size + 102399) / 102400);
    CHECK(files_under(ckpt).empty());
    CHECK(w.ossutil({"cp", "oss://up-resume/big.bin", "-"}).out == content);
  }

  TEST_CASE("a checkpoint whose file changed, or whose upload is gone, starts over cleanly") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://stale-up"}).exit_code == 0);
    const std::size_t size = 24 * 1024 * 1024;
    const auto local = w.write_file("big.bin", e2e::random_bytes(size, 8));
    const fs::path ckpt = w.dir() / "ckpt";
    const std::vector<std::string> args = {"cp",
                                           local.string(),
                                           "oss://stale-up/big.bin",
                                           "--bigfile-threshold",
                                           "1M",
                                           "--part-size",
                                           "100K",
                                           "--parallel",
                                           "1",
                                           "-f",
                                           "--checkpoint-dir",
                                           ckpt.string()};
    SUBCASE("file changed") {
      REQUIRE(kill_after_parts(w, args, ckpt, 10));
      const std::string changed = e2e::random_bytes(size, 9);
      std::ofstream(local, std::ios::binary | std::ios::trunc) << changed;
      const std::string middle = w.mock().log();
      const auto r = w.ossutil(args);
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK(count(w.mock().log().substr(middle.size()), "?uploads") == 1);
      CHECK(w.ossutil({"cp", "oss://stale-up/big.bin", "-"}).out == changed);
    }
    SUBCASE("upload id gone (NoSuchUpload)") {
      REQUIRE(kill_after_parts(w, args, ckpt, 10));
      const auto records = checkpoint_records(ckpt);
      REQUIRE(records.size() == 1);
      std::string text = w.read_file(records.front());
      const auto at = text.find("\"upload_id\": \"");
      REQUIRE(at != std::string::npos);
      text.insert(at + 14, "gone-");
      std::ofstream(records.front(), std::ios::binary | std::ios::trunc) << text;
      const auto r = w.ossutil(args);
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK(w.ossutil({"cp", "oss://stale-up/big.bin", "-"}).out == e2e::random_bytes(size, 8));
      CHECK(files_under(ckpt).empty());
    }
  }

  TEST_CASE("Ctrl-C during a multipart upload exits 5 and aborts the upload") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://int-bucket"}).exit_code == 0);
    const auto local = w.write_file("big.bin", e2e::random_bytes(40 * 1024 * 1024, 10));
    const pid_t pid =
        w.start_ossutil({"cp", local.string(), "oss://int-bucket/big.bin", "--bigfile-threshold",
                         "1M", "--part-size", "100K", "--parallel", "1"});
    w.mock().wait_for_log("PUT /int-bucket/big.bin?partNumber=", 5);
    ::kill(pid, SIGINT);
    CHECK(e2e::wait_program(pid) == 5);
    CHECK(count(w.mock().log(), "DELETE /int-bucket/big.bin?uploadId=") == 1);
    CHECK(w.ossutil({"stat", "oss://int-bucket/big.bin"}).exit_code == 2);
  }

  TEST_CASE("peak memory stays bounded and does not grow with the object size") {
#ifdef __SANITIZE_ADDRESS__
    MESSAGE("skipped: peak RSS is not meaningful under AddressSanitizer");
    return;
#endif
    if (!fs::exists("/usr/bin/time")) {
      MESSAGE("skipped: /usr/bin/time (Debian package time) is not installed");
      return;
    }
    World w;
    REQUIRE(w.ossutil({"mb", "oss://mem-bucket"}).exit_code == 0);
    long rss[2][2] = {};
    const std::size_t sizes[2] = {32u << 20, 128u << 20};
    for (int i = 0; i < 2; ++i) {
      const fs::path path = w.dir() / ("m" + std::to_string(i));
      {
        std::ofstream out(path, std::ios::binary);
        const std::string block = e2e::random_bytes(1 << 20, static_cast<unsigned>(i));
        for (std::size_t m = 0; m < sizes[i] >> 20; ++m)
          out << block;
      }
      const std::string url = "oss://mem-bucket/m" + std::to_string(i);
      rss[i][0] = peak_rss_kib(
          w, {"cp", path.string(), url, "--bigfile-threshold", "8M", "--part-size", "8M"});
      rss[i][1] = peak_rss_kib(w, {"cp", url, (w.dir() / ("d" + std::to_string(i))).string(),
                                   "--bigfile-threshold", "8M"});
      CHECK(fs::file_size(w.dir() / ("d" + std::to_string(i))) == sizes[i]);
      fs::remove(path);
      fs::remove(w.dir() / ("d" + std::to_string(i)));
    }
    for (int dir = 0; dir < 2; ++dir) {
      CAPTURE(dir);
      CHECK(rss[1][dir] < 64 * 1024);
      CHECK(rss[1][dir] < rss[0][dir] + rss[0][dir] / 5 + 2048); // no growth with 4x the size
    }
  }
}
