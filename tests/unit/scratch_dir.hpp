#pragma once
// A fresh directory under $TMPDIR for one test, removed with its contents afterwards.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

namespace test {

struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string t = (std::filesystem::temp_directory_path() / "ossutil-unit-XXXXXX").string();
    REQUIRE(::mkdtemp(t.data()) != nullptr);
    path = t;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

} // namespace test
