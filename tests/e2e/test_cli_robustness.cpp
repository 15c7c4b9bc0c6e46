// Robustness stories from a review of ossutil: downloads never replace what is not a regular file,
// header flags cannot inject headers, keys with dot segments address exactly that key, SIGTERM
// and SIGHUP clean up like Ctrl-C, and malformed flag combinations are usage errors at once.
#include "harness.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using e2e::count;
using e2e::files_under;
using e2e::World;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

std::vector<std::string> hidden_files(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().front() == '.') out.push_back(e.path().filename().string());
  return out;
}

/// Everything buffered in a non-blocking read end.
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  return out;
}

} // namespace

TEST_SUITE("e2e: cli robustness") {

  TEST_CASE("a download onto a symlink writes the link's target and keeps the link") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://link-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://link-bucket/h.txt"}, "hello").exit_code == 0);
    const fs::path dl = w.dir() / "dl";
    fs::create_directories(dl);
    std::ofstream(dl / "target") << "old content";
    fs::create_symlink("target", dl / "link");

    const auto r = w.ossutil({"cp", "oss://link-bucket/h.txt", (dl / "link").string(), "-f"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(fs::is_symlink(dl / "link"));
    CHECK(fs::read_symlink(dl / "link") == "target");
    CHECK(w.read_file(dl / "target") == "hello");
    CHECK(hidden_files(dl).empty());

    SUBCASE("a dangling symlink gets its target created") {
      fs::create_symlink("sub/new.txt", dl / "dangling");
      fs::create_directories(dl / "sub");
      const auto d = w.ossutil({"cp", "oss://link-bucket/h.txt", (dl / "dangling").string(), "-f"});
      REQUIRE_MESSAGE(d.exit_code == 0, d.err);
      CHECK(fs::is_symlink(dl / "dangling"));
      CHECK(w.read_file(dl / "sub" / "new.txt") == "hello");
    }
    SUBCASE("a symlink loop is refused naming the path") {
      fs::create_symlink("loop2", dl / "loop1");
      fs::create_symlink("loop1", dl / "loop2");
      const auto l = w.ossutil({"cp", "oss://link-bucket/h.txt", (dl / "loop1").string(), "-f"});
      CHECK(l.exit_code == 1);
      CHECK(contains(l.err, (dl / "loop1").string()));
      CHECK(fs::is_symlink(dl / "loop1"));
    }
  }

  TEST_CASE("a download onto a FIFO or a character device streams into it and never replaces it") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://dev-bucket"}).exit_code == 0);
    // Fits the pipe buffer, so the test can hold the read end open without a thread (and cannot
    // hang if a regression renamed a file over the FIFO).
    const std::string body = e2e::random_bytes(16 * 1024, 5);
    REQUIRE(w.ossutil({"cp", "-", "oss://dev-bucket/k.bin"}, body).exit_code == 0);
    const fs::path fifo = w.dir() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);

    const auto r = w.ossutil({"cp", "oss://dev-bucket/k.bin", fifo.string(), "-f"});
    const std::string got = drain(reader);
    ::close(reader);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(got == body);
    // The FIFO is still a FIFO (the old code renamed a regular file over it).
    REQUIRE(fs::is_fifo(fs::symlink_status(fifo)));

    // Only after the FIFO case proved the device path safe: /dev/null stays a character device.
    const auto n = w.ossutil({"cp", "oss://dev-bucket/k.bin", "/dev/null", "-f"});
    CHECK_MESSAGE(n.exit_code == 0, n.err);
    struct stat st {};
    REQUIRE(::lstat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
  }

  TEST_CASE("a download to /dev/stdout writes only the object's bytes to stdout") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://stdout-bucket"}).exit_code == 0);
    const std::string body = e2e::random_bytes(200 * 1024, 6);
    REQUIRE(w.ossutil({"cp", "-", "oss://stdout-bucket/k.bin"}, body).exit_code == 0);
    for (const std::string dest : {"/dev/stdout", "/dev/fd/1"}) {
      CAPTURE(dest);
      // No -f: a device holds nothing to protect, so there is no overwrite question either.
      const auto r = w.ossutil({"cp", "oss://stdout-bucket/k.bin", dest});
      CHECK_MESSAGE(r.exit_code == 0, r.err);
      CHECK(r.out == body);
    }
    const auto both =
        w.ossutil({"cp", "oss://stdout-bucket/k.bin", "/dev/stdout", "--log-file", "-"});
    CHECK(both.exit_code == 1);
    CHECK(contains(both.err, "--log-file -"));
  }

  TEST_CASE("a download onto a socket is refused with exit 1 naming the path") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://sock-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://sock-bucket/h.txt"}, "hello").exit_code == 0);
    const fs::path sock = w.dir() / "s.sock";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::string sock_path = sock.string();
    REQUIRE(sock_path.size() < sizeof addr.sun_path);
    std::copy(sock_path.begin(), sock_path.end(), addr.sun_path);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const auto r = w.ossutil({"cp", "oss://sock-bucket/h.txt", sock.string(), "-f"});
    ::close(fd);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, sock.string()));
    CHECK(contains(r.err, "socket"));
    CHECK(fs::is_socket(fs::symlink_status(sock)));
    CHECK(count(w.mock().log(), "GET /sock-bucket/h.txt") == 0);
  }

  TEST_CASE("overwriting an existing file keeps its permissions") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://mode-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://mode-bucket/secret"}, "new secret").exit_code == 0);
    const auto local = w.write_file("secret", "old secret");
    fs::permissions(local, fs::perms::owner_read | fs::perms::owner_write);
    const auto r = w.ossutil({"cp", "oss://mode-bucket/secret", local.string(), "-f"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(w.read_file(local) == "new secret");
    CHECK((fs::status(local).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
  }

  TEST_CASE("header flags with CR/LF are refused before anything is sent") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://inj-bucket"}).exit_code == 0);
    const auto f = w.write_file("h.txt", "hello");
    for (const std::string flag : {"--content-type", "--cache-control", "--content-disposition",
                                   "--content-encoding", "--expires"}) {
      CAPTURE(flag);
      const auto r = w.ossutil({"cp", f.string(), "oss://inj-bucket/h.txt", "-f", flag,
                                "no-cache\r\nContent-Disposition: attachment; filename=evil.exe"});
      CHECK(r.exit_code == 1);
      CHECK(contains(r.err, flag));
    }
    CHECK(count(w.mock().log(), "PUT /inj-bucket/h.txt") == 0);
    // A clean value still goes through.
    const auto ok = w.ossutil(
        {"cp", f.string(), "oss://inj-bucket/h.txt", "-f", "--cache-control", "no-cache"});
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(e2e::parse_stat(w.ossutil({"stat", "oss://inj-bucket/h.txt"}).out)["Cache-Control"] ==
          "no-cache");
  }

  TEST_CASE("keys with dot segments round-trip exactly and never address another key or bucket") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://dots-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"mb", "oss://etc-bucket"}).exit_code == 0);
    const auto f = w.write_file("h.txt", "hello");
    for (const std::string key : {"a/./b", "x/../y", "../etc-bucket/z", "./c", "d/.."}) {
      CAPTURE(key);
      const std::string url = "oss://dots-bucket/" + key;
      const auto up = w.ossutil({"cp", f.string(), url, "-f"});
      REQUIRE_MESSAGE(up.exit_code == 0, up.err);
      CHECK(contains(w.mock().log(), "PUT /dots-bucket/" + key + " 200"));
      CHECK(w.ossutil({"cp", url, "-"}).out == "hello");
      const auto dl = w.ossutil({"cp", url, (w.dir() / "out.txt").string(), "-f"});
      CHECK_MESSAGE(dl.exit_code == 0, dl.err);
      CHECK(w.read_file(w.dir() / "out.txt") == "hello");
      CHECK(w.ossutil({"stat", url}).exit_code == 0);
      CHECK(w.ossutil({"ls", "-s", "oss://dots-bucket/"}).out.find(url + "\n") !=
            std::string::npos);
      CHECK(w.ossutil({"rm", url, "-f"}).exit_code == 0);
      CHECK(w.ossutil({"stat", url}).exit_code == 2);
    }
    // Nothing ever landed in the other bucket or at the normalised keys.
    CHECK(contains(w.ossutil({"ls", "oss://etc-bucket"}).out, "Object Number is: 0"));
    CHECK(count(w.mock().log(), "PUT /etc-bucket/z") == 0);
    CHECK(count(w.mock().log(), "PUT /dots-bucket/b ") == 0);
    CHECK(count(w.mock().log(), "PUT /dots-bucket/y ") == 0);
  }

  TEST_CASE("SIGTERM and SIGHUP stop a download like Ctrl-C: exit 5, no temp file left") {
    for (const int sig : {SIGTERM, SIGHUP}) {
      CAPTURE(sig);
      World w;
      REQUIRE(w.ossutil({"mb", "oss://sig-bucket"}).exit_code == 0);
      const auto local = w.write_file("big.bin", e2e::random_bytes(20 * 1024 * 1024, 3));
      REQUIRE(w.ossutil({"cp", local.string(), "oss://sig-bucket/big.bin", "-f"}).exit_code == 0);
      const fs::path dl = w.dir() / "dl";
      fs::create_directories(dl);
      // Many small ranged GETs into a full-size temp file: slow enough to stop half way.
      const pid_t pid =
          w.start_ossutil({"cp", "oss://sig-bucket/big.bin", (dl / "big.bin").string(), "-f",
                           "--bigfile-threshold", "1M", "--part-size", "100K", "--parallel", "1"});
      w.mock().wait_for_log("GET /sig-bucket/big.bin", 5);
      REQUIRE(hidden_files(dl).size() == 1); // the temp file is there while downloading
      ::kill(pid, sig);
      CHECK(e2e::wait_program(pid) == 5);
      CHECK(contains(w.read_file(w.dir() / "async.stderr"), "Error: interrupted"));
      CHECK(hidden_files(dl).empty());
      CHECK_FALSE(fs::exists(dl / "big.bin"));
      CHECK(count(w.mock().log(), "GET /sig-bucket/big.bin") < 205);
    }
  }

  TEST_CASE("SIGTERM during a multipart upload aborts it and exits 5") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://sig-up"}).exit_code == 0);
    const auto local = w.write_file("big.bin", e2e::random_bytes(20 * 1024 * 1024, 4));
    const pid_t pid =
        w.start_ossutil({"cp", local.string(), "oss://sig-up/big.bin", "--bigfile-threshold", "1M",
                         "--part-size", "100K", "--parallel", "1"});
    w.mock().wait_for_log("PUT /sig-up/big.bin?partNumber=", 5);
    ::kill(pid, SIGTERM);
    CHECK(e2e::wait_program(pid) == 5);
    CHECK(count(w.mock().log(), "DELETE /sig-up/big.bin?uploadId=") == 1);
    CHECK(w.ossutil({"stat", "oss://sig-up/big.bin"}).exit_code == 2);
  }

  TEST_CASE("--log-file - with a download to stdout is a usage error") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://log-bucket"}).exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://log-bucket/k"}, "data").exit_code == 0);
    const auto r =
        w.ossutil({"cp", "oss://log-bucket/k", "-", "--log-file", "-", "--loglevel", "debug"});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "--log-file -"));
    CHECK(contains(r.err, "stdout"));
    CHECK(r.out.find("data") == std::string::npos);
    CHECK(count(w.mock().log(), "GET /log-bucket/k") == 0);
    // Each alone is fine.
    CHECK(w.ossutil({"cp", "oss://log-bucket/k", "-"}).out == "data");
  }

  TEST_CASE("--metadata and header flags on a download are usage errors") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://meta-dl"}).exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://meta-dl/k"}, "data").exit_code == 0);
    const auto dest = (w.dir() / "k").string();
    const auto m = w.ossutil({"cp", "oss://meta-dl/k", dest, "--metadata", "a=b"});
    CHECK(m.exit_code == 1);
    CHECK(contains(m.err, "--metadata applies to uploads and copies"));
    const auto c = w.ossutil({"cp", "oss://meta-dl/k", dest, "--content-type", "text/x"});
    CHECK(c.exit_code == 1);
    CHECK(contains(c.err, "--content-type"));
    const auto rec = w.ossutil({"cp", "-r", "oss://meta-dl/", dest + "d/", "--metadata", "a=b"});
    CHECK(rec.exit_code == 1);
    CHECK_FALSE(fs::exists(dest));
    CHECK(count(w.mock().log(), "GET /meta-dl/k") == 0);
  }

  TEST_CASE("a malformed endpoint is a usage error at once") {
    World w;
    const auto start = std::chrono::steady_clock::now();
    const auto r = w.ossutil_bare({"ls", "oss://some-bucket", "-e", "http://[::1", "--region",
                                   "cn-hangzhou", "-i", "ak", "-k", "sk"});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "-e/--endpoint"));
    CHECK(contains(r.err, "http://[::1"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  }

  TEST_CASE("ls --output-format json prints objects and buckets as JSON") {
    World w;
    REQUIRE(w.ossutil({"mb", "oss://json-ls"}).exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://json-ls/a.txt"}, "hello").exit_code == 0);
    REQUIRE(w.ossutil({"cp", "-", "oss://json-ls/b/c.txt"}, "").exit_code == 0);

    const auto r = w.ossutil({"ls", "oss://json-ls", "--output-format", "json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    // Layout: a 2-space-indented array, string values, keys sorted, then the elapsed line.
    CHECK(r.out.rfind("[\n  {\n    \"ETag\": \"5D41402ABC4B2A76B9719D911017C592\",\n"
                      "    \"Key\": \"a.txt\",\n    \"LastModified\": \"",
                      0) == 0);
    CHECK(contains(r.out,
                   "\",\n    \"Size\": \"5\",\n    \"StorageClass\": \"Standard\"\n  },\n  {\n"
                   "    \"ETag\": \"D41D8CD98F00B204E9800998ECF8427E\",\n"
                   "    \"Key\": \"b/c.txt\",\n"));
    CHECK(contains(r.out, "    \"Size\": \"0\",\n    \"StorageClass\": \"Standard\"\n  }\n]\n\n"));
    CHECK(contains(r.out, "(s) elapsed\n"));
    CHECK_FALSE(contains(r.out, "Object Number"));

    const auto s = w.ossutil({"ls", "-s", "oss://json-ls", "--output-format", "json"});
    CHECK(s.out.rfind("[\n  \"oss://json-ls/a.txt\",\n  \"oss://json-ls/b/c.txt\"\n]\n\n", 0) == 0);
    const auto one =
        w.ossutil({"ls", "oss://json-ls", "--output-format", "json", "--limited-num", "1"});
    CHECK(count(one.out, "\"Key\"") == 1);
    const auto empty = w.ossutil({"ls", "oss://json-ls/none/", "--output-format", "json"});
    CHECK(empty.out.rfind("[]\n\n", 0) == 0);

    const auto b = w.ossutil({"ls", "--output-format", "json"});
    REQUIRE_MESSAGE(b.exit_code == 0, b.err);
    CHECK(b.out.rfind("[\n  {\n    \"CreationDate\": \"", 0) == 0);
    CHECK(contains(b.out, "    \"Name\": \"json-ls\",\n"));
    CHECK(contains(b.out, "    \"StorageClass\": \"Standard\"\n  }\n]\n\n"));
  }

} // TEST_SUITE
