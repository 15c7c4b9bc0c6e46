// Where a download writes (client/transfer/local_file.hpp): what is at the destination decides
// between a temp file renamed onto a regular file, writing a device or FIFO in place, and a
// refusal; an overwritten file keeps its permissions.
#include "client/transfer/local_file.hpp"
#include "oss/error.hpp"
#include "scratch_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace client::transfer;

namespace {

oss::ErrorKind error_kind_of(const std::string& path) {
  try {
    resolve_download_target(path);
  } catch (const oss::Error& e) {
    return e.kind();
  }
  FAIL("no error for " << path);
  return oss::ErrorKind::client;
}

std::string error_of(const std::string& path) {
  try {
    resolve_download_target(path);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_SUITE("client::transfer::local_file") {

  TEST_CASE("a missing path or a regular file is downloaded through a temp file") {
    test::ScratchDir dir;
    const std::string missing = (dir.path / "new.txt").string();
    auto t = resolve_download_target(missing);
    CHECK(t.kind == DownloadTarget::Kind::file);
    CHECK(t.path == missing);
    std::ofstream(dir.path / "old.txt") << "x";
    t = resolve_download_target((dir.path / "old.txt").string());
    CHECK(t.kind == DownloadTarget::Kind::file);
    CHECK(t.path == (dir.path / "old.txt").string());
  }

  TEST_CASE("a symlink is resolved to its target; a dangling one to the target to create") {
    test::ScratchDir dir;
    const fs::path real = fs::canonical(dir.path);
    fs::create_directories(real / "sub");
    std::ofstream(real / "sub" / "target") << "x";
    fs::create_symlink("sub/target", real / "link");
    fs::create_symlink("link", real / "link2"); // a chain
    for (const char* name : {"link", "link2"}) {
      CAPTURE(name);
      const auto t = resolve_download_target((real / name).string());
      CHECK(t.kind == DownloadTarget::Kind::file);
      CHECK(t.path == (real / "sub" / "target").string());
    }
    fs::create_symlink("sub/later", real / "dangling");
    const auto d = resolve_download_target((real / "dangling").string());
    CHECK(d.kind == DownloadTarget::Kind::file);
    CHECK(d.path == (real / "sub" / "later").string());
    fs::create_symlink((real / "sub" / "abs").string(), real / "absolute");
    CHECK(resolve_download_target((real / "absolute").string()).path ==
          (real / "sub" / "abs").string());
  }

  TEST_CASE("a FIFO or a character device is written in place") {
    test::ScratchDir dir;
    const fs::path fifo = dir.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto t = resolve_download_target(fifo.string());
    CHECK(t.kind == DownloadTarget::Kind::stream);
    CHECK(t.path == fifo.string());
    fs::create_symlink("pipe", dir.path / "to-pipe");
    CHECK(resolve_download_target((dir.path / "to-pipe").string()).kind ==
          DownloadTarget::Kind::stream);
    // Classified only: nothing is opened or written here.
    t = resolve_download_target("/dev/null");
    CHECK(t.kind == DownloadTarget::Kind::stream);
    CHECK(t.path == "/dev/null");
  }

  TEST_CASE("/dev/stdout and /dev/fd/N name our own descriptors") {
    const auto t = resolve_download_target("/dev/fd/1");
    CHECK(t.kind == DownloadTarget::Kind::stream);
    CHECK(t.inherited_fd == 1);
    if (fs::is_symlink("/dev/stdout")) {
      const auto s = resolve_download_target("/dev/stdout");
      CHECK(s.kind == DownloadTarget::Kind::stream);
      CHECK(s.inherited_fd == 1);
    }
    CHECK(resolve_download_target("/proc/self/fd/2").inherited_fd == 2);
  }

  TEST_CASE("directories, sockets and symlink loops are refused naming the path") {
    test::ScratchDir dir;
    const fs::path sub = dir.path / "d";
    fs::create_directories(sub);
    CHECK(error_kind_of(sub.string()) == oss::ErrorKind::usage);
    CHECK(error_of(sub.string()).find(sub.string() + "\": it is a directory") != std::string::npos);

    const fs::path sock = dir.path / "s";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::string sock_path = sock.string();
    REQUIRE(sock_path.size() < sizeof addr.sun_path);
    std::copy(sock_path.begin(), sock_path.end(), addr.sun_path);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    CHECK(error_kind_of(sock_path) == oss::ErrorKind::usage);
    CHECK(error_of(sock_path).find("it is a socket") != std::string::npos);
    ::close(fd);

    fs::create_symlink("b", dir.path / "a");
    fs::create_symlink("a", dir.path / "b");
    CHECK(error_kind_of((dir.path / "a").string()) == oss::ErrorKind::usage);
    CHECK(error_of((dir.path / "a").string()).find("too many levels of symbolic links") !=
          std::string::npos);
  }

  TEST_CASE("overwriting a file keeps its mode; a new file gets 0666 & ~umask") {
    test::ScratchDir dir;
    const std::string dest = (dir.path / "secret").string();
    std::ofstream(dest) << "old";
    REQUIRE(::chmod(dest.c_str(), 0600) == 0);
    {
      TempFile t(dest);
      write_all(t.fd(), "new", 3, dest);
      t.commit();
    }
    struct stat st {};
    REQUIRE(::stat(dest.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    REQUIRE(::chmod(dest.c_str(), 04755) == 0); // set-id bits are not carried to new content
    {
      TempFile t(dest);
      t.commit();
    }
    REQUIRE(::stat(dest.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0755);

    const mode_t mask = ::umask(022);
    const std::string fresh = (dir.path / "fresh").string();
    {
      TempFile t(fresh);
      t.commit();
    }
    ::umask(mask);
    REQUIRE(::stat(fresh.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
  }

  TEST_CASE("a stream target is opened without creating or truncating") {
    test::ScratchDir dir;
    const fs::path fifo = dir.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    {
      const UniqueFd fd = open_stream_target(resolve_download_target(fifo.string()));
      write_all(fd.get(), "hello", 5, fifo.string());
    }
    char buf[16] = {};
    CHECK(::read(reader, buf, sizeof buf) == 5);
    CHECK(std::string(buf) == "hello");
    ::close(reader);
    CHECK(fs::is_fifo(fifo));
    CHECK_THROWS_AS(
        open_stream_target({DownloadTarget::Kind::stream, (dir.path / "none").string()}),
        oss::Error);
  }

} // TEST_SUITE
