#include "util/file_io.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <fcntl.h>

namespace fs = std::filesystem;

TEST_SUITE("util::file_io") {

  TEST_CASE("small files are read; missing, directories, devices and big files are named") {
    std::string dir_template = (fs::temp_directory_path() / "file-io-XXXXXX").string();
    REQUIRE(mkdtemp(dir_template.data()) != nullptr);
    const fs::path dir = dir_template;
    std::ofstream(dir / "ok.txt") << "hello";
    std::ofstream(dir / "big.txt") << std::string(2000, 'x');

    const auto ok = util::read_small_file((dir / "ok.txt").string(), 100);
    CHECK(ok.problem == util::ReadProblem::none);
    CHECK(ok.text == "hello");
    CHECK(util::read_small_file((dir / "missing").string(), 100).problem ==
          util::ReadProblem::missing);
    const auto d = util::read_small_file(dir.string(), 100);
    CHECK(d.problem == util::ReadProblem::not_regular);
    CHECK(d.detail == "is a directory");
    CHECK(util::read_small_file("/dev/zero", 100).problem == util::ReadProblem::not_regular);
    const auto big = util::read_small_file((dir / "big.txt").string(), 1000);
    CHECK(big.problem == util::ReadProblem::too_large);
    CHECK(big.detail == "is larger than 1000 bytes");
    fs::remove_all(dir);
  }

  TEST_CASE("reading a descriptor stops past the limit") {
    util::UniqueFd zero(::open("/dev/zero", O_RDONLY));
    REQUIRE(zero.valid());
    CHECK(util::read_small_fd(zero.get(), 100000).problem == util::ReadProblem::too_large);
  }

} // TEST_SUITE
