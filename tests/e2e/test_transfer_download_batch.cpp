// Transfer engine stories that need no multipart API on the server: ranged parallel downloads
// around the threshold, CRC-64 checks, resume after kill -9, recursive transfers with filters,
// skip rules, the path-escape guard, error reports and rm -r.
#include "harness.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

using e2e::count;
using e2e::files_under;
using e2e::k_small_parts;
using e2e::with;
using e2e::World;
namespace fs = std::filesystem;

namespace {

/// Flips one byte in the middle of every stored blob of exactly `size` bytes (unencrypted
/// objects are stored as is), so the server sends bytes that no longer match its CRC.
int corrupt_blobs_of_size(const fs::path& data_dir, std::uintmax_t size) {
  int n = 0;
  for (const auto& f : files_under(data_dir / "blobs")) {
    if (fs::file_size(f) != size) continue;
    std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
    io.seekg(static_cast<std::streamoff>(size / 2));
    char c = 0;
    io.read(&c, 1);
    c = static_cast<char>(c ^ 0x5A);
    io.seekp(static_cast<std::streamoff>(size / 2));
    io.write(&c, 1);
    ++n;
  }
  return n;
}

} // namespace

TEST_SUITE("e2e: transfer downloads and batches") {

  TEST_CASE("ranged parallel download around the threshold returns the exact bytes") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://dl-bucket"}).exit_code == 0);
    const std::uint64_t k = 1024;
    for (const std::uint64_t size :
         std::vector<std::uint64_t>{0, 1, 200 * k - 1, 200 * k, 200 * k + 1, 7 * 100 * k + 12345}) {
      CAPTURE(size);
      const std::string content = e2e::random_bytes(size, static_cast<unsigned>(size));
      const auto local = w.write_file("src-" + std::to_string(size), content);
      const std::string url = "oss://dl-bucket/obj-" + std::to_string(size);
      REQUIRE(w.ossutil({"cp", local.string(), url}).exit_code == 0);
      const fs::path out = w.dir() / ("out-" + std::to_string(size));
      const std::string before = w.mock().log();
      const auto r = w.ossutil(with({"cp", url, out.string(), "--parallel", "4"}, k_small_parts));
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK(w.read_file(out) == content);
      CHECK(r.out.starts_with("Success: Total 1 object"));
      const std::string log = w.mock().log().substr(before.size());
      const std::size_t ranged = count(log, "GET /dl-bucket/obj-" + std::to_string(size) + " 206");
      CHECK(ranged == (size > 200 * k ? (size + 100 * k - 1) / (100 * k) : 0));
      // No temp or work file is left next to the destination.
      for (const auto& f : files_under(w.dir()))
        CHECK(f.filename().string().find(".ossutil") == std::string::npos);
    }
  }

  TEST_CASE("a corrupted object fails the download with a CRC error and leaves no file") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://crc-bucket"}).exit_code == 0);
    for (const std::size_t size : {std::size_t{5000}, std::size_t{450 * 1024}}) {
      CAPTURE(size);
      const auto local = w.write_file("c" + std::to_string(size), e2e::random_bytes(size, 7));
      const std::string url = "oss://crc-bucket/c" + std::to_string(size);
      REQUIRE(w.ossutil({"cp", local.string(), url}).exit_code == 0);
      REQUIRE(corrupt_blobs_of_size(w.mock().data_dir(), size) == 1);
      const fs::path out = w.dir() / "dl" / ("c" + std::to_string(size));
      fs::create_directories(out.parent_path());
      const auto r =
          w.ossutil(with({"cp", url, out.string(), "--checkpoint-dir", (w.dir() / "ckpt").string()},
                         k_small_parts));
      CHECK(r.exit_code == 3);
      CHECK(r.err.find("crc is inconsistent") != std::string::npos);
      CHECK(files_under(out.parent_path()).empty());
      CHECK(files_under(w.dir() / "ckpt").empty()); // a record of bad data is useless
    }
  }

  TEST_CASE("a download killed with SIGKILL resumes from its checkpoint") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://resume-bucket"}).exit_code == 0);
    const std::size_t size = 48 * 1024 * 1024 + 777;
    const std::string content = e2e::random_bytes(size, 42);
    const auto local = w.write_file("big.bin", content);
    REQUIRE(w.ossutil({"cp", local.string(), "oss://resume-bucket/big.bin"}).exit_code == 0);
    const fs::path ckpt = w.dir() / "ckpt";
    const fs::path out = w.dir() / "big.out";
    const std::vector<std::string> args = {"cp",         "oss://resume-bucket/big.bin",
                                           out.string(), "--bigfile-threshold",
                                           "1M",         "--part-size",
                                           "100K",       "--parallel",
                                           "1",          "--checkpoint-dir",
                                           ckpt.string()};
    const std::string before = w.mock().log();
    REQUIRE_MESSAGE(e2e::kill_after_parts(w, args, ckpt, 20),
                    "ossutil finished before it could be killed");
    CHECK(!fs::exists(out));
    const std::size_t first_run =
        count(w.mock().log().substr(before.size()), "GET /resume-bucket/big.bin 206");

    const std::string middle = w.mock().log();
    const auto r = w.ossutil(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(w.read_file(out) == content);
    const std::size_t second_run =
        count(w.mock().log().substr(middle.size()), "GET /resume-bucket/big.bin 206");
    const std::size_t parts = (size + 102399) / 102400;
    CHECK(second_run < parts);
    CHECK(second_run + first_run >= parts);
    CHECK(files_under(ckpt).empty());
    for (const auto& f : files_under(w.dir()))
      CHECK(f.filename().string().find(".ossutil") == std::string::npos);
  }

  TEST_CASE("a checkpoint for an object that changed starts over") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://stale-bucket"}).exit_code == 0);
    const fs::path ckpt = w.dir() / "ckpt";
    const auto v1 = w.write_file("v1", e2e::random_bytes(900 * 1024, 1));
    REQUIRE(w.ossutil({"cp", v1.string(), "oss://stale-bucket/o"}).exit_code == 0);
    // A record from an interrupted run of the old version (fake: only part 1 done, wrong CRC).
    const fs::path out = w.dir() / "o.out";
    const auto first = w.ossutil(
        with({"cp", "oss://stale-bucket/o", out.string(), "--checkpoint-dir", ckpt.string()},
             k_small_parts));
    REQUIRE(first.exit_code == 0);
    const std::string v2content = e2e::random_bytes(900 * 1024, 2);
    const auto v2 = w.write_file("v2", v2content);
    REQUIRE(w.ossutil({"cp", v2.string(), "oss://stale-bucket/o", "-f"}).exit_code == 0);
    const auto again = w.ossutil(
        with({"cp", "oss://stale-bucket/o", out.string(), "-f", "--checkpoint-dir", ckpt.string()},
             k_small_parts));
    REQUIRE_MESSAGE(again.exit_code == 0, again.err);
    CHECK(w.read_file(out) == v2content);
  }

  TEST_CASE("recursive upload, download and copy with include/exclude") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://tree-bucket"}).exit_code == 0);
    w.write_file("tree/a.txt", "A");
    w.write_file("tree/b.log", "B");
    w.write_file("tree/sub/c.txt", "C");
    w.write_file("tree/sub/deep/d.jpg", "D");
    w.write_file("tree/sub/deep/e.txt", e2e::random_bytes(300 * 1024, 3));
    const std::string tree = (w.dir() / "files" / "tree").string();

    const auto up = w.ossutil(with({"cp", "-r", tree, "oss://tree-bucket/up", "-f", "--exclude",
                                    "*.log", "--exclude", "/sub/deep/*.jpg", "-j", "4"},
                                   k_small_parts));
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(up.out.starts_with("Success: Total 3 files"));
    auto ls = w.ossutil({"ls", "-s", "oss://tree-bucket/up/"}).out;
    CHECK(ls.find("oss://tree-bucket/up/a.txt\n") != std::string::npos);
    CHECK(ls.find("oss://tree-bucket/up/sub/c.txt\n") != std::string::npos);
    CHECK(ls.find("oss://tree-bucket/up/sub/deep/e.txt\n") != std::string::npos);
    CHECK(ls.find("b.log") == std::string::npos);
    CHECK(ls.find("d.jpg") == std::string::npos);

    // First matching rule wins: include *.txt before exclude sub/*.
    const fs::path down = w.dir() / "down";
    const auto dl = w.ossutil(with({"cp", "-r", "oss://tree-bucket/up/", down.string(), "-f",
                                    "--include", "sub/deep/*.txt", "--exclude", "sub/*"},
                                   k_small_parts));
    REQUIRE_MESSAGE(dl.exit_code == 0, dl.err);
    CHECK(!fs::exists(down / "a.txt")); // with an include rule, what matches no rule is left out
    CHECK(!fs::exists(down / "sub" / "c.txt"));
    CHECK(w.read_file(down / "sub" / "deep" / "e.txt") == e2e::random_bytes(300 * 1024, 3));

    const auto cp = w.ossutil(with(
        {"cp", "-r", "oss://tree-bucket/up/", "oss://tree-bucket/copy/", "-f"}, k_small_parts));
    REQUIRE_MESSAGE(cp.exit_code == 0, cp.err);
    CHECK(cp.out.starts_with("Success: Total 3 objects"));
    CHECK(w.ossutil({"cp", "oss://tree-bucket/copy/sub/c.txt", "-"}).out == "C");

    const auto rm = w.ossutil({"rm", "-r", "-f", "oss://tree-bucket/copy/"});
    REQUIRE_MESSAGE(rm.exit_code == 0, rm.err);
    CHECK(w.ossutil({"ls", "-s", "oss://tree-bucket/copy/"}).out.find("Object Number is: 0") !=
          std::string::npos);
  }

  TEST_CASE("rm -r removes each listing page with one DeleteMultipleObjects request") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://rm-bucket"}).exit_code == 0);
    for (int i = 0; i < 1203; ++i)
      w.write_file("many/f" + std::to_string(i) + ".txt", std::to_string(i));
    const auto up =
        w.ossutil({"cp", "-r", (w.dir() / "files" / "many").string(), "oss://rm-bucket/p/", "-f"});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    // Keys XML must escape, a CR XML would turn into LF, and one XML cannot carry at all.
    const std::vector<std::string> odd = {"p/a&b<c>\"d\"'.txt", "p/cr\rkey", "p/ctl\x01key",
                                          "p/keep.log"};
    for (const auto& key : odd)
      REQUIRE(w.ossutil({"cp", "-", "oss://rm-bucket/" + key}, "x").exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://rm-bucket/other.txt"}, "x").exit_code == 0);

    const std::string before = w.mock().log();
    const auto rm = w.ossutil({"rm", "-r", "-f", "oss://rm-bucket/p/", "--exclude", "*.log"});
    REQUIRE_MESSAGE(rm.exit_code == 0, rm.err);
    CHECK(rm.out.starts_with("Success: Total 1206 objects, removed 1206 objects\n"));
    const std::string log = w.mock().log().substr(before.size());
    CHECK(count(log, "POST /rm-bucket/?delete") == 2); // 1000 + 206 keys: one request per page
    CHECK(count(log, "DELETE /rm-bucket/") == 1);      // only the key XML cannot carry
    const auto left = w.ossutil({"ls", "-s", "oss://rm-bucket"});
    CHECK(left.out.starts_with(
        "oss://rm-bucket/other.txt\noss://rm-bucket/p/keep.log\nObject Number is: 2\n"));
    for (const auto& key : {odd[0], odd[1], odd[2]})
      CHECK(w.ossutil({"stat", "oss://rm-bucket/" + key}).exit_code == 2);
  }

  TEST_CASE("skip rules: --ignore-existing, --size-only, --update, and no -f without a terminal") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://skip-bucket"}).exit_code == 0);
    w.write_file("s/one.txt", "1");
    w.write_file("s/two.txt", "22");
    const std::string dir = (w.dir() / "files" / "s").string();
    REQUIRE(w.ossutil({"cp", "-r", dir, "oss://skip-bucket/", "-f"}).exit_code == 0);
    w.write_file("s/two.txt", "33"); // same size, newer
    w.write_file("s/three.txt", "333");

    auto r = w.ossutil({"cp", "-r", dir, "oss://skip-bucket/", "--ignore-existing"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Upload done:(1 objects") != std::string::npos);
    CHECK(r.out.find("Skip done:(2 files") != std::string::npos);
    CHECK(w.ossutil({"cp", "oss://skip-bucket/two.txt", "-"}).out == "22");

    r = w.ossutil({"cp", "-r", dir, "oss://skip-bucket/", "--size-only"});
    CHECK(r.out.find("Skip done:(3 files") != std::string::npos);

    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(w.dir() / "files" / "s" / "one.txt", now - std::chrono::hours(1));
    fs::last_write_time(w.dir() / "files" / "s" / "three.txt", now - std::chrono::hours(1));
    fs::last_write_time(w.dir() / "files" / "s" / "two.txt", now + std::chrono::hours(1));
    r = w.ossutil({"cp", "-r", dir, "oss://skip-bucket/", "-u"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Upload done:(1 objects, 2 B)") !=
          std::string::npos); // only the newer two.txt
    CHECK(w.ossutil({"cp", "oss://skip-bucket/two.txt", "-"}).out == "33");

    r = w.ossutil({"cp", "-r", dir, "oss://skip-bucket/"}); // no -f, no terminal: answered no
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Skip done:(3 files") != std::string::npos);
  }

  TEST_CASE("single-item cp honours --ignore-existing, --size-only and -u too") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://one-bucket"}).exit_code == 0);
    const auto f = w.write_file("one.txt", "first");
    REQUIRE(w.ossutil({"cp", f.string(), "oss://one-bucket/one.txt"}).exit_code == 0);
    std::ofstream(f, std::ios::trunc) << "again";
    auto r = w.ossutil({"cp", f.string(), "oss://one-bucket/one.txt", "--ignore-existing"});
    CHECK(r.out.find("Skip done:(1 files") != std::string::npos);
    r = w.ossutil({"cp", f.string(), "oss://one-bucket/one.txt", "--size-only"});
    CHECK(r.out.find("Skip done:(1 files") != std::string::npos);
    fs::last_write_time(f, fs::file_time_type::clock::now() + std::chrono::hours(1));
    r = w.ossutil({"cp", f.string(), "oss://one-bucket/one.txt", "-u"});
    CHECK(r.out.find("Upload done:(1 objects, 5 B)") != std::string::npos);
    CHECK(w.ossutil({"cp", "oss://one-bucket/one.txt", "-"}).out == "again");

    const fs::path local = w.dir() / "local.txt";
    std::ofstream(local) << "older";
    fs::last_write_time(local, fs::file_time_type::clock::now() + std::chrono::hours(2));
    r = w.ossutil({"cp", "oss://one-bucket/one.txt", local.string(), "-u"});
    CHECK(r.out.find("Skip done:(1 objects") != std::string::npos);
    CHECK(w.read_file(local) == "older");
    r = w.ossutil({"cp", "oss://one-bucket/one.txt", local.string(), "-f"});
    CHECK(w.read_file(local) == "again");
    r = w.ossutil({"cp", "oss://one-bucket/one.txt", "oss://one-bucket/two.txt"});
    REQUIRE(r.exit_code == 0);
    r = w.ossutil(
        {"cp", "oss://one-bucket/one.txt", "oss://one-bucket/two.txt", "--ignore-existing"});
    CHECK(r.out.find("Skip done:(1 objects") != std::string::npos);
  }

  TEST_CASE("downloads never write outside the target directory") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://escape-bucket"}).exit_code == 0);
    const auto f = w.write_file("x", "evil");
    std::vector<std::string> created;
    for (const std::string key : {"p/../x", "p/a/../../y", "p/..\\z", "p/\\abs", "p/a\\b", "p//abs",
                                  "p/a//b", "p/./c", "p/ok.txt"}) {
      if (w.ossutil({"cp", f.string(), "oss://escape-bucket/" + key}).exit_code == 0)
        created.push_back(key);
    }
    REQUIRE(created.size() >= 5); // whatever the server accepts of these
    const fs::path target = w.dir() / "target" / "inner";
    const fs::path report_dir = w.dir() / "reports";
    const auto r = w.ossutil({"cp", "-r", "oss://escape-bucket/p/", target.string(), "-f",
                              "--output-dir", report_dir.string()});
    CHECK(r.exit_code == 4);
    CHECK(
        r.out.starts_with("FinishWithError: Total " + std::to_string(created.size()) + " objects"));
    CHECK(r.err.find("error report: ") != std::string::npos);
    const auto all = files_under(w.dir() / "target");
    REQUIRE(all.size() == 1);
    CHECK(all.front() == target / "ok.txt");
    const auto reports = files_under(report_dir);
    REQUIRE(reports.size() == 1);
    const std::string report = w.read_file(reports.front());
    CHECK(count(report, "refusing to write object") == created.size() - 1);
    CHECK(!fs::exists(w.dir() / "x"));
    CHECK(!fs::exists(w.dir() / "y"));
    CHECK(!fs::exists(w.dir() / "target" / "x"));
  }

  TEST_CASE("a batch with a failing item goes on and exits 4; -r needs a directory") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://fail-bucket"}).exit_code == 0);
    w.write_file("f/good.txt", "ok");
    const auto bad = w.write_file("f/unreadable.txt", "secret");
    fs::permissions(bad, fs::perms::none);
    const bool can_still_read = std::ifstream(bad).good(); // root ignores permissions
    const auto r = w.ossutil({"cp", "-r", (w.dir() / "files" / "f").string(), "oss://fail-bucket/",
                              "-f", "--output-dir", (w.dir() / "out").string()});
    if (!can_still_read) {
      CHECK(r.exit_code == 4);
      CHECK(w.ossutil({"cp", "oss://fail-bucket/good.txt", "-"}).out == "ok");
      CHECK(files_under(w.dir() / "out").size() == 1);
    }
    const auto file = w.write_file("single.txt", "x");
    const auto e = w.ossutil({"cp", "-r", file.string(), "oss://fail-bucket/"});
    CHECK(e.exit_code == 1);
    CHECK(e.err.find("is a not directory") != std::string::npos);
    const auto nr = w.ossutil({"cp", "oss://fail-bucket/", (w.dir() / "d").string()});
    CHECK(nr.exit_code == 1);
  }

  TEST_CASE("Ctrl-C stops a batch cleanly with exit code 5") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://int-batch"}).exit_code == 0);
    for (int i = 0; i < 600; ++i)
      w.write_file("many/f" + std::to_string(i), e2e::random_bytes(64 * 1024, i));
    const pid_t pid = w.start_ossutil(
        {"cp", "-r", (w.dir() / "files" / "many").string(), "oss://int-batch/", "-f", "-j", "2"});
    w.mock().wait_for_log("PUT /int-batch/", 20);
    ::kill(pid, SIGINT);
    CHECK(e2e::wait_program(pid) == 5);
    CHECK(w.read_file(w.dir() / "async.stderr").find("Error: interrupted") != std::string::npos);
    CHECK(count(w.mock().log(), "PUT /int-batch/") < 600);
  }

  TEST_CASE("invalid transfer flags are refused before anything is sent") {
    World w;
    const auto f = w.write_file("a", "a");
    for (const auto& args : std::vector<std::vector<std::string>>{{"--part-size", "10K"},
                                                                  {"--part-size", "6Gi"},
                                                                  {"--bigfile-threshold", "12X"},
                                                                  {"--parallel", "0"},
                                                                  {"-j", "0"},
                                                                  {"--include", "[abc"}}) {
      CAPTURE(args[0]);
      const auto r = w.ossutil(with({"cp", f.string(), "oss://no-such-bucket/a"}, args));
      CHECK(r.exit_code == 1);
      CHECK(r.err.find(args[0] == "-j"          ? "--job"
                       : args[0] == "--include" ? "[abc"
                                                : args[0]) != std::string::npos);
    }
  }
}
