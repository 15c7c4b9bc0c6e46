// Pure and file-level pieces of the transfer engine: multipart XML results, retry delays,
// checkpoint files, CRC of file ranges, the work file of a download.
#include "client/oss_client.hpp"
#include "client/results.hpp"
#include "client/transfer/checkpoint.hpp"
#include "client/transfer/local_file.hpp"
#include "oss/crc64.hpp"
#include "oss/error.hpp"
#include "scratch_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace client::transfer;

TEST_SUITE("client::transfer engine pieces") {

  TEST_CASE("InitiateMultipartUploadResult and CopyPartResult") {
    CHECK(client::parse_initiate_multipart_upload(
              "<?xml version=\"1.0\"?><InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
              "<UploadId>0004B9894A22E5B1888A1E29F823****</UploadId></"
              "InitiateMultipartUploadResult>") == "0004B9894A22E5B1888A1E29F823****");
    CHECK_THROWS_AS(client::parse_initiate_multipart_upload("<InitiateMultipartUploadResult/>"),
                    oss::Error);
    CHECK_THROWS_AS(client::parse_initiate_multipart_upload("<Error/>"), oss::Error);
    CHECK(client::parse_copy_part_etag(
              "<CopyPartResult><LastModified>x</LastModified><ETag>\"5B3C1A2E05\"</ETag>"
              "</CopyPartResult>") == "\"5B3C1A2E05\"");
  }

  TEST_CASE("retry delays grow exponentially, are jittered and capped") {
    for (int attempt = 0; attempt < 12; ++attempt) {
      const long base = std::min(100L << std::min(attempt, 5), 2000L);
      for (int i = 0; i < 20; ++i) {
        const auto d = client::retry_backoff(attempt).count();
        CHECK(d >= base / 2);
        CHECK(d <= base);
      }
    }
  }

  TEST_CASE("checkpoint files: save, load, remove; garbage reads as none") {
    test::ScratchDir dir;
    Checkpoint c;
    c.kind = Checkpoint::Kind::download;
    c.source = "oss://b/k";
    c.destination = "/tmp/x";
    c.source_size = 12345;
    c.source_etag = "\"ABC-2\"";
    c.part_size = 102400;
    c.parts = {{1, 102400, "", 42}, {3, 100, "", 7}};
    const fs::path p = checkpoint_path(dir.path / "sub", c.kind, c.source, c.destination);
    CHECK(p.extension() == ".dcp");
    save_checkpoint(p, c);
    CHECK(load_checkpoint(p) == c);
    std::ofstream(p) << "{not json";
    CHECK_FALSE(load_checkpoint(p).has_value());
    std::ofstream(p.string() + ".tmp") << "{\"half\": "; // as a kill during a save leaves it
    remove_checkpoint(p);
    CHECK_FALSE(fs::exists(p));
    CHECK_FALSE(fs::exists(p.string() + ".tmp"));
    CHECK_FALSE(load_checkpoint(p).has_value());
  }

  TEST_CASE("CRC-64 of file ranges combines to the CRC of the file") {
    test::ScratchDir dir;
    std::string data(300000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i)
      data[i] = static_cast<char>(i * 131 + 7);
    std::ofstream(dir.path / "f", std::ios::binary) << data;
    UniqueFd fd(::open((dir.path / "f").c_str(), O_RDONLY));
    const std::uint64_t a = crc64_of_range(fd.get(), 0, 102400, "f");
    const std::uint64_t b = crc64_of_range(fd.get(), 102400, 197600, "f");
    CHECK(oss::crc64_combine(a, b, 197600) == oss::crc64(data));
    CHECK_THROWS_AS(crc64_of_range(fd.get(), 299999, 2, "f"), oss::Error);

    FileRangeSource src(fd.get(), 102400, 10);
    char buf[64];
    CHECK(src.read(buf, sizeof buf) == 10);
    CHECK(std::string(buf, 10) == data.substr(102400, 10));
    CHECK(src.read(buf, sizeof buf) == 0);
    CHECK(src.rewind());
    CHECK(src.read(buf, 4) == 4);
  }

  TEST_CASE("a temp file becomes the destination only on commit; a kept work file survives") {
    test::ScratchDir dir;
    const std::string dest = (dir.path / "out.bin").string();
    {
      TempFile t(dest);
      write_all(t.fd(), "abc", 3, dest);
    }
    CHECK(fs::is_empty(dir.path));
    {
      TempFile t(dest);
      t.resize(6);
      pwrite_all(t.fd(), "def", 3, 3, dest);
      pwrite_all(t.fd(), "abc", 3, 0, dest);
      t.commit();
    }
    std::ifstream in(dest);
    std::string text;
    in >> text;
    CHECK(text == "abcdef");
    const std::string work = (dir.path / ".work").string();
    { TempFile t(dest, work, true); }
    CHECK(fs::exists(work));
    {
      TempFile t(dest, work, true);
      t.discard_on_failure();
    }
    CHECK_FALSE(fs::exists(work));
  }
}
