#include "client/transfer/checkpoint.hpp"
#include "client/transfer/naming.hpp"

#include <doctest/doctest.h>

using namespace client::transfer;

TEST_SUITE("client::transfer::naming") {

  TEST_CASE("destination naming rules of cli.md 4.1") {
    CHECK(single_destination_key("", "a.txt") == "a.txt");
    CHECK(single_destination_key("dir/", "a.txt") == "dir/a.txt");
    CHECK(single_destination_key("dir/b.txt", "a.txt") == "dir/b.txt");
    CHECK(batch_destination_key("dest/", "x/y.txt") == "dest/x/y.txt");
    CHECK(batch_destination_key("dest", "x/y.txt") == "dest/x/y.txt");
    CHECK(batch_destination_key("", "x/y.txt") == "x/y.txt");
  }

  TEST_CASE("keys that would escape the target directory are refused") {
    CHECK(safe_relative_path("a/b/c.txt").value() == "a/b/c.txt");
    CHECK(safe_relative_path("..a/b..c/d...").value() == "..a/b..c/d...");
    for (const char* bad :
         {"../x", "a/../../x", "/etc/passwd", "\\x", "a\\..\\x", "a/./b", "..", "a//b", "dir/", ""})
      CHECK_MESSAGE(!safe_relative_path(bad).has_value(), bad);
    CHECK_FALSE(safe_relative_path(std::string("a\0b", 3)).has_value());
  }

} // TEST_SUITE

TEST_SUITE("client::transfer::checkpoint") {

  TEST_CASE("encode/decode round trip") {
    Checkpoint c;
    c.kind = Checkpoint::Kind::upload;
    c.source = "/data/big file.bin";
    c.destination = "oss://b/k";
    c.source_size = 123456789;
    c.source_mtime = 1700000000123456789;
    c.upload_id = "0004B9894A22E5B1888A1E29F823****";
    c.part_size = 8 << 20;
    c.parts = {{1, 8 << 20, "\"5D41402ABC4B2A76B9719D911017C592\"", 11051210869376104954ULL},
               {3, 8 << 20, "\"AB\"", 1}};
    const auto back = decode_checkpoint(encode_checkpoint(c));
    REQUIRE(back.has_value());
    CHECK(*back == c);
  }

  TEST_CASE("garbage and other versions start over") {
    CHECK_FALSE(decode_checkpoint("").has_value());
    CHECK_FALSE(decode_checkpoint("{\"version\":2}").has_value());
    CHECK_FALSE(decode_checkpoint("{\"version\":1,\"kind\":\"upload\"}").has_value());
  }

  TEST_CASE("checkpoint file names depend on kind, source and destination") {
    const auto a = checkpoint_path("/ck", Checkpoint::Kind::upload, "/x", "oss://b/k");
    CHECK(a.extension() == ".ucp");
    CHECK(a.parent_path() == "/ck");
    CHECK(a != checkpoint_path("/ck", Checkpoint::Kind::upload, "/y", "oss://b/k"));
    CHECK(checkpoint_path("/ck", Checkpoint::Kind::download, "oss://b/k", "/x").extension() ==
          ".dcp");
  }

} // TEST_SUITE
