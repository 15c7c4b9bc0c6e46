#include "mock/store/metadata_store.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using namespace mock;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "ossmock-meta-XXXXXX").string();
    REQUIRE(mkdtemp(t.data()) != nullptr);
    path = t;
  }
  ~TempDir() { fs::remove_all(path); }
};

ObjectRecord object(const std::string& key) {
  ObjectRecord o;
  o.bucket = "b";
  o.key = key;
  o.etag = "E";
  o.blob.id = "blob-" + key;
  o.user_meta = {{"name", "a b+c&d=e"}, {"empty", ""}};
  return o;
}

std::string names(const ListPage& page) {
  std::string out;
  for (const auto& e : page.entries) out += (out.empty() ? "" : ",") + e.name;
  return out;
}

} // namespace

TEST_SUITE("mock::metadata_store") {

TEST_CASE("buckets, objects, listing and persistence") {
  TempDir dir;
  const std::string db = (dir.path / "meta.sqlite").string();
  {
    MetadataStore store(db);
    BucketRecord bucket;
    bucket.name = "b";
    bucket.owner = "ak";
    bucket.region = "cn-hangzhou";
    CHECK(store.create_bucket(bucket));
    CHECK_FALSE(store.create_bucket(bucket));
    for (const char* key : {"a", "dir/x", "dir/y", "dir/sub/z", "e", "f/1", "g"}) {
      const auto replaced = store.put_object(object(key));
      REQUIRE(replaced);
      CHECK(replaced->empty());
    }
    CHECK(*store.put_object(object("a")) == ""); // same blob id: nothing to remove
    auto other = object("a");
    other.blob.id = "new";
    CHECK(*store.put_object(other) == "blob-a");
    other.bucket = "missing";
    CHECK_FALSE(store.put_object(other));
    CHECK(store.delete_bucket("b") == MetadataStore::DeleteBucket::not_empty);
  }
  MetadataStore store(db); // reopened: state survived
  const auto a = store.object("b", "a");
  REQUIRE(a);
  CHECK(a->blob.id == "new");
  CHECK(a->user_meta == NameValues{{"name", "a b+c&d=e"}, {"empty", ""}});

  CHECK(names(store.list_objects("b", "", "", "", 100)) == "a,dir/sub/z,dir/x,dir/y,e,f/1,g");
  CHECK(names(store.list_objects("b", "", "/", "", 100)) == "a,dir/,e,f/,g");
  CHECK(names(store.list_objects("b", "dir/", "/", "", 100)) == "dir/sub/,dir/x,dir/y");
  CHECK(names(store.list_objects("b", "dir/", "", "dir/x", 100)) == "dir/y");

  // Paging with a delimiter: every entry exactly once.
  std::string all;
  std::string after;
  int pages = 0;
  for (;;) {
    const ListPage page = store.list_objects("b", "", "/", after, 2);
    all += (all.empty() ? "" : ",") + names(page);
    ++pages;
    if (!page.truncated) break;
    after = page.next_after;
  }
  CHECK(all == "a,dir/,e,f/,g");
  CHECK(pages == 3);

  const ListPage first = store.list_objects("b", "", "", "", 3);
  CHECK(first.truncated);
  CHECK(first.next_after == "dir/x");

  const auto removed = store.delete_object("b", "a");
  REQUIRE(removed);
  CHECK(*removed == "new");
  CHECK_FALSE(store.delete_object("b", "a"));
}

TEST_CASE("prefix successor") {
  CHECK(prefix_successor("dir/") == "dir0");
  CHECK(prefix_successor("a\xff") == "b");
  CHECK(prefix_successor("\xff").empty());
  CHECK(prefix_successor("").empty());
}

TEST_CASE("kms keys") {
  TempDir dir;
  MetadataStore store((dir.path / "meta.sqlite").string());
  CHECK_FALSE(store.kms_key_by_alias("alias/acs/oss", "cn-hangzhou"));
  store.ensure_kms_key(KmsKeyRecord{"id-1", "alias/acs/oss", "cn-hangzhou", "Enabled", 1});
  CHECK(store.ensure_kms_key(KmsKeyRecord{"id-1", "other", "x", "Disabled", 2}).alias == "alias/acs/oss");
  CHECK(store.kms_key_by_alias("alias/acs/oss", "cn-hangzhou")->id == "id-1");
}

}
