#include "mock/data_dir_lock.hpp"

#include <filesystem>
#include <optional>

#include <doctest/doctest.h>
#include <unistd.h>

TEST_SUITE("mock::data_dir_lock") {

  TEST_CASE("a second lock on the same directory is refused, naming the directory") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("ossmock-lock-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
      std::optional<mock::DataDirLock> first(dir.string());
      try {
        mock::DataDirLock second(dir.string());
        FAIL("the second lock succeeded");
      } catch (const mock::DataDirBusy& e) {
        CHECK(std::string(e.what()).find(dir.string()) != std::string::npos);
        CHECK(std::string(e.what()).find("another ossmock") != std::string::npos);
      }
      first.reset();
      CHECK_NOTHROW(mock::DataDirLock again(dir.string()));
    }
    std::filesystem::remove_all(dir);
  }
}
