// ossmock crash safety with a real `kill -9`: a body becomes visible only after its blob is
// fsynced and renamed and the metadata transaction commits, so killing the server during a PUT or
// a multipart upload leaves the old object (or the new one), never a mix; tmp/ is swept and
// orphan blobs are removed at the next start.
#include "harness.hpp"
#include "raw_http.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <doctest/doctest.h>

namespace fs = std::filesystem;
using e2e::World;

namespace {

std::size_t files_under(const fs::path& dir) {
  std::size_t n = 0;
  if (!fs::exists(dir)) return 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    n += entry.is_regular_file() ? 1 : 0;
  return n;
}

/// Waits until tmp/ holds a temp file of at least `bytes` bytes (the body is being streamed).
bool wait_for_temp_bytes(const fs::path& tmp, std::uintmax_t bytes) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : fs::directory_iterator(tmp)) {
      std::error_code ec;
      if (entry.is_regular_file() && fs::file_size(entry.path(), ec) >= bytes) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

std::string text_of(World& w, const std::string& url) {
  const fs::path out = w.dir() / "check.out";
  fs::remove(out);
  const auto cp = w.ossutil({"cp", url, out.string(), "-f"});
  REQUIRE_MESSAGE(cp.exit_code == 0, cp.err);
  return w.read_file(out);
}

std::string xml_value(const std::string& xml, const std::string& name) {
  const std::regex re("<" + name + ">([^<]*)</" + name + ">");
  std::smatch m;
  return std::regex_search(xml, m, re) ? m[1].str() : std::string();
}

} // namespace

TEST_SUITE("e2e: ossmock crash safety") {

  TEST_CASE("kill -9 during a PUT keeps the old object; restart sweeps tmp/ and orphans") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://crash", "--acl", "public-read-write"}).exit_code == 0);
    const std::string old_content(300 * 1024, 'o');
    REQUIRE(w.ossutil({"cp", w.write_file("old", old_content).string(), "oss://crash/k",
                       "--metadata", "x-oss-server-side-encryption:AES256"})
                .exit_code == 0);
    const fs::path data = w.mock().data_dir();
    REQUIRE(files_under(data / "blobs") == 1);

    {
      // An anonymous streaming PUT of 64 MiB that stops after 4 MiB; the server is killed mid-body.
      e2e::RawConnection put(w.mock().port());
      put.send("PUT /crash/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
               std::to_string(64 << 20) + "\r\nx-oss-server-side-encryption: AES256\r\n\r\n");
      put.send(std::string(4 << 20, 'n'));
      REQUIRE(wait_for_temp_bytes(data / "tmp", 1 << 20));
      w.mock().kill_hard();
    }
    CHECK(files_under(data / "tmp") >= 1); // the half-written body was left behind by the crash
    // Simulate the other crash window too: a blob renamed into blobs/ whose metadata never
    // committed.
    fs::create_directories(data / "blobs" / "ab");
    std::ofstream(data / "blobs" / "ab" / "abababababababababababababababab") << "orphan";

    w.mock().start();
    CHECK(files_under(data / "tmp") == 0);
    CHECK(files_under(data / "blobs") == 1);
    CHECK(text_of(w, "oss://crash/k") == old_content);
    const auto stat = e2e::parse_stat(w.ossutil({"stat", "oss://crash/k"}).out);
    CHECK(stat.at("Content-Length") == std::to_string(old_content.size()));

    // The restarted server works normally: the new body now arrives whole.
    const std::string new_content(200 * 1024, 'n');
    REQUIRE(w.ossutil({"cp", w.write_file("new", new_content).string(), "oss://crash/k", "-f"})
                .exit_code == 0);
    CHECK(text_of(w, "oss://crash/k").size() == new_content.size());
    CHECK(files_under(data / "blobs") == 1);
  }

  TEST_CASE("kill -9 during a multipart upload: old object intact, uploaded parts survive, "
            "Complete works after restart") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://mpcrash", "--acl", "public-read-write"}).exit_code == 0);
    const std::string old_content = "the old object";
    REQUIRE(w.ossutil({"cp", w.write_file("old", old_content).string(), "oss://mpcrash/big"})
                .exit_code == 0);
    const fs::path data = w.mock().data_dir();

    const auto init = e2e::raw_request(w.mock().port(), "POST", "/mpcrash/big?uploads", "",
                                       {{"x-oss-server-side-encryption", "AES256"}});
    REQUIRE(init.status == 200);
    CHECK(init.headers.at("x-oss-server-side-encryption") == "AES256");
    const std::string upload_id = xml_value(init.body, "UploadId");
    REQUIRE(!upload_id.empty());
    const std::string part1(100 * 1024, 'a');
    const std::string part2(50 * 1024, 'b');
    const auto p1 = e2e::raw_request(w.mock().port(), "PUT",
                                     "/mpcrash/big?partNumber=1&uploadId=" + upload_id, part1);
    REQUIRE(p1.status == 200);
    // UploadPart refuses the algorithm header but its response echoes the upload's SSE.
    CHECK(p1.headers.at("x-oss-server-side-encryption") == "AES256");
    const auto refused =
        e2e::raw_request(w.mock().port(), "PUT", "/mpcrash/big?partNumber=2&uploadId=" + upload_id,
                         part2, {{"x-oss-server-side-encryption", "AES256"}});
    CHECK(refused.status == 400);
    CHECK(refused.body.find("<EC>0005-00000002</EC>") != std::string::npos);
    const auto bad_md5 =
        e2e::raw_request(w.mock().port(), "PUT", "/mpcrash/big?partNumber=2&uploadId=" + upload_id,
                         part2, {{"Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="}});
    CHECK(bad_md5.status == 400);
    CHECK(bad_md5.body.find("<Code>InvalidDigest</Code>") != std::string::npos);

    {
      e2e::RawConnection put(w.mock().port());
      put.send("PUT /mpcrash/big?partNumber=2&uploadId=" + upload_id +
               " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Content-Length: " +
               std::to_string(32 << 20) + "\r\n\r\n");
      put.send(std::string(2 << 20, 'x'));
      REQUIRE(wait_for_temp_bytes(data / "tmp", 512 * 1024));
      w.mock().kill_hard();
    }
    w.mock().start();
    CHECK(files_under(data / "tmp") == 0);
    CHECK(files_under(data / "blobs") == 2); // the old object + part 1
    CHECK(text_of(w, "oss://mpcrash/big") == old_content);

    const auto p2 = e2e::raw_request(w.mock().port(), "PUT",
                                     "/mpcrash/big?partNumber=2&uploadId=" + upload_id, part2);
    REQUIRE(p2.status == 200);
    const std::string complete_xml =
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + p1.headers.at("etag") +
        "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + p2.headers.at("etag") +
        "</ETag></Part></CompleteMultipartUpload>";
    const auto done = e2e::raw_request(
        w.mock().port(), "POST", "/mpcrash/big?uploadId=" + upload_id, complete_xml,
        {{"x-oss-server-side-encryption-key-id", "ignored-on-complete"}});
    REQUIRE_MESSAGE(done.status == 200, done.body);
    CHECK(done.headers.at("x-oss-server-side-encryption") == "AES256");
    CHECK(std::regex_match(done.headers.at("etag"), std::regex("\"[0-9A-F]{32}-2\"")));
    CHECK(text_of(w, "oss://mpcrash/big") == part1 + part2);
    CHECK(files_under(data / "blobs") ==
          2); // the two parts, adopted without a copy; old blob removed
    const auto again = e2e::raw_request(w.mock().port(), "POST",
                                        "/mpcrash/big?uploadId=" + upload_id, complete_xml);
    CHECK(again.status == 404);
    CHECK(again.body.find("<Code>NoSuchUpload</Code>") != std::string::npos);

    // And the adopted parts survive another kill -9.
    w.mock().kill_hard();
    w.mock().start();
    CHECK(text_of(w, "oss://mpcrash/big") == part1 + part2);
  }
}
