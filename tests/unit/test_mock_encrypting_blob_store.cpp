#include "mock/crypto/encrypting_blob_store.hpp"
#include "mock/crypto/segment_cipher.hpp"
#include "scratch_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace mock;

namespace {

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
  return s;
}

std::string read_all(BlobReader& r, std::uint64_t offset, std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    const std::size_t k = r.read(offset + got, out.data() + got, n - got);
    if (k == 0) break;
    got += k;
  }
  out.resize(got);
  return out;
}

fs::path blob_path(const fs::path& data_dir, const StoredBlob& b) {
  return data_dir / "blobs" / b.id.substr(0, 2) / b.id;
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_bytes(const fs::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << s;
}

} // namespace

TEST_SUITE("mock::crypto::encrypting_blob_store") {

  TEST_CASE("bodies are encrypted on disk and read back whole and by range") {
    test::ScratchDir dir;
    crypto::MasterKeyring keys(dir.path);
    auto store = crypto::make_encrypting_blob_store(make_plain_blob_store(dir.path), keys);
    const std::size_t sizes[] = {0,
                                 1,
                                 crypto::k_segment_size - 1,
                                 crypto::k_segment_size,
                                 crypto::k_segment_size + 1,
                                 3 * crypto::k_segment_size + 777};
    for (const char* algorithm : {"AES256", "SM4", "KMS"}) {
      for (std::size_t size : sizes) {
        CAPTURE(algorithm);
        CAPTURE(size);
        const BlobContext ctx{"bucket",
                              "dir/key.bin",
                              {algorithm, algorithm == std::string("KMS") ? "cmk-1" : "", ""},
                              {}};
        const std::string body = pattern(size);
        auto writer = store->create(ctx);
        // Odd write sizes cross segment boundaries.
        for (std::size_t at = 0; at < size; at += 10007)
          writer->write(body.data() + at, std::min<std::size_t>(10007, size - at));
        const StoredBlob blob = writer->commit();
        CHECK(blob.size == size);
        CHECK_FALSE(blob.envelope.empty());
        const std::string on_disk = file_bytes(blob_path(dir.path, blob));
        const auto cipher = crypto::SegmentCipher(algorithm == std::string("SM4") ? 2 : 1);
        CHECK(on_disk.size() == crypto::sealed_size(cipher, size));
        if (size >= 64) CHECK(on_disk.find(body.substr(0, 64)) == std::string::npos);

        auto reader = store->open(blob, ctx);
        CHECK(reader->size() == size);
        CHECK(read_all(*reader, 0, size) == body);
        if (size > 70000) {
          CHECK(read_all(*reader, 65530, 70000) == body.substr(65530, 70000));
          CHECK(read_all(*reader, size - 5, 100) == body.substr(size - 5));
        }
      }
    }
  }

  TEST_CASE("bodies without SSE are stored as they are") {
    test::ScratchDir dir;
    crypto::MasterKeyring keys(dir.path);
    auto store = crypto::make_encrypting_blob_store(make_plain_blob_store(dir.path), keys);
    auto writer = store->create({"b", "k", {}, {}});
    writer->write("plain text", 10);
    const StoredBlob blob = writer->commit();
    CHECK(blob.envelope.empty());
    CHECK(file_bytes(blob_path(dir.path, blob)) == "plain text");
    CHECK(crypto::summarize_envelope(blob).cipher == "none");
  }

  TEST_CASE("tampering with a stored blob never yields wrong bytes") {
    test::ScratchDir dir;
    crypto::MasterKeyring keys(dir.path);
    auto store = crypto::make_encrypting_blob_store(make_plain_blob_store(dir.path), keys);
    const BlobContext ctx{"bucket", "key", {"AES256", "", ""}, {}};
    const std::string body = pattern(3 * crypto::k_segment_size);
    auto writer = store->create(ctx);
    writer->write(body.data(), body.size());
    const StoredBlob blob = writer->commit();
    const fs::path path = blob_path(dir.path, blob);
    const std::string original = file_bytes(path);
    const std::size_t stride = crypto::k_segment_size + 16;
    CHECK(crypto::summarize_envelope(blob).segments == 3);

    SUBCASE("a flipped byte") {
      std::string bad = original;
      bad[stride + 100] ^= 0x01;
      write_bytes(path, bad);
      auto reader = store->open(blob, ctx);
      CHECK(read_all(*reader, 0, 1000) == body.substr(0, 1000)); // untouched segment still reads
      CHECK_THROWS_AS(read_all(*reader, 0, body.size()), crypto::IntegrityError);
    }
    SUBCASE("two segments swapped") {
      std::string bad = original;
      std::swap_ranges(bad.begin(), bad.begin() + stride, bad.begin() + stride);
      write_bytes(path, bad);
      auto reader = store->open(blob, ctx);
      CHECK_THROWS_AS(read_all(*reader, 0, 10), crypto::IntegrityError);
    }
    SUBCASE("the last segment cut off") {
      write_bytes(path, original.substr(0, 2 * stride));
      CHECK_THROWS_AS(store->open(blob, ctx), crypto::IntegrityError);
      // Even with the recorded size shortened to match, the non-final flag gives it away.
      StoredBlob shortened = blob;
      shortened.size = 2 * crypto::k_segment_size;
      auto reader = store->open(shortened, ctx);
      CHECK_THROWS_AS(read_all(*reader, crypto::k_segment_size, 10), crypto::IntegrityError);
    }
    SUBCASE("a multipart part opened as another part or another upload's part") {
      const BlobContext part = part_blob_context("bucket", "key", {"AES256", "", ""}, "U1", 1);
      auto part_writer = store->create(part);
      part_writer->write("part data", 9);
      const StoredBlob part_blob = part_writer->commit();
      CHECK(read_all(*store->open(part_blob, part), 0, 9) == "part data");
      CHECK_THROWS_AS(
          store->open(part_blob, part_blob_context("bucket", "key", {"AES256", "", ""}, "U1", 2)),
          crypto::IntegrityError);
      CHECK_THROWS_AS(
          store->open(part_blob, part_blob_context("bucket", "key", {"AES256", "", ""}, "U2", 1)),
          crypto::IntegrityError);
      CHECK_THROWS_AS(store->open(part_blob, ctx), crypto::IntegrityError);
    }
    SUBCASE("the envelope moved to another object") {
      CHECK_THROWS_AS(store->open(blob, {"bucket", "other-key", {"AES256", "", ""}, {}}),
                      crypto::IntegrityError);
    }
  }

  TEST_CASE("the master key file is created once with mode 0600 and reused") {
    test::ScratchDir dir;
    std::string first;
    {
      crypto::MasterKeyring keys(dir.path);
      first = keys.kek_for({"AES256", "", ""});
    }
    struct stat st {};
    REQUIRE(::stat((dir.path / "master.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    crypto::MasterKeyring again(dir.path);
    CHECK(again.kek_for({"AES256", "", ""}) == first);
    CHECK(again.kek_for({"KMS", "cmk-1", ""}) != again.kek_for({"KMS", "cmk-2", ""}));
    ::chmod((dir.path / "master.key").c_str(), 0644);
    CHECK_THROWS_AS(crypto::MasterKeyring(dir.path), std::runtime_error);
  }

} // TEST_SUITE
