#include "mock/store/metadata_store.hpp"
#include "scratch_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <doctest/doctest.h>

namespace fs = std::filesystem;
using namespace mock;

namespace {

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
  for (const auto& e : page.entries)
    out += (out.empty() ? "" : ",") + e.name;
  return out;
}

} // namespace

TEST_SUITE("mock::metadata_store") {

  TEST_CASE("buckets, objects, listing and persistence") {
    test::ScratchDir dir;
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
      CHECK(store.put_object(object("a"))->empty()); // same blob id: nothing to remove
      auto other = object("a");
      other.blob.id = "new";
      CHECK(*store.put_object(other) == BlobIds{"blob-a"});
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
    CHECK(*removed == BlobIds{"new"});
    CHECK_FALSE(store.delete_object("b", "a"));
  }

  TEST_CASE("prefix successor") {
    CHECK(prefix_successor("dir/") == "dir0");
    CHECK(prefix_successor("a\xff") == "b");
    CHECK(prefix_successor("\xff").empty());
    CHECK(prefix_successor("").empty());
  }

  TEST_CASE("kms keys") {
    test::ScratchDir dir;
    MetadataStore store((dir.path / "meta.sqlite").string());
    CHECK_FALSE(store.kms_key_by_alias("alias/acs/oss", "cn-hangzhou"));
    store.ensure_kms_key(KmsKeyRecord{"id-1", "alias/acs/oss", "cn-hangzhou", "Enabled", 1});
    CHECK(store.ensure_kms_key(KmsKeyRecord{"id-1", "other", "x", "Disabled", 2}).alias ==
          "alias/acs/oss");
    CHECK(store.kms_key_by_alias("alias/acs/oss", "cn-hangzhou")->id == "id-1");
  }

  TEST_CASE("multipart: parts are adopted by the object in one transaction") {
    test::ScratchDir dir;
    MetadataStore store((dir.path / "meta.sqlite").string());
    BucketRecord bucket;
    bucket.name = "b";
    REQUIRE(store.create_bucket(bucket));
    REQUIRE(store.put_object(object("k"))); // the object the upload replaces

    UploadRecord upload;
    upload.upload_id = "U1";
    upload.bucket = "b";
    upload.key = "k";
    upload.sse.algorithm = "KMS";
    upload.sse.kms_key_id = "cmk";
    upload.user_meta = {{"m", "v"}};
    REQUIRE(store.create_upload(upload));
    upload.bucket = "missing";
    CHECK_FALSE(store.create_upload(upload));

    auto part = [](std::uint32_t n, std::uint64_t size) {
      PartRecord p;
      p.part_number = n;
      p.size = size;
      p.etag = "E" + std::to_string(n);
      p.blob = StoredBlob{"part-" + std::to_string(n), size, "env"};
      return p;
    };
    CHECK(*store.put_part("U1", part(1, 10)) == "");
    CHECK(*store.put_part("U1", part(2, 5)) == "");
    PartRecord again = part(2, 6);
    again.blob.id = "part-2b";
    CHECK(*store.put_part("U1", again) == "part-2"); // re-uploaded part replaces the old blob
    CHECK(*store.put_part("U1", part(3, 1)) == "");
    CHECK_FALSE(store.put_part("nope", part(1, 1)));
    CHECK(store.parts("U1").size() == 3);
    CHECK(store.list_uploads("b", "").size() == 1);
    CHECK(store.delete_bucket("b") == MetadataStore::DeleteBucket::not_empty);

    ObjectRecord completed = object("k");
    completed.blob = {};
    completed.size = 16;
    completed.parts = {ObjectPart{1, "U1", StoredBlob{"part-1", 10, "env"}},
                       ObjectPart{2, "U1", StoredBlob{"part-2b", 6, "env"}}};
    auto removed = store.complete_upload("U1", completed);
    REQUIRE(removed);
    std::sort(removed->begin(), removed->end());
    CHECK(*removed == BlobIds{"blob-k", "part-3"}); // the old object's blob and the unchosen part
    CHECK_FALSE(store.upload("U1"));
    CHECK_FALSE(store.complete_upload("U1", completed));

    const auto loaded = store.object("b", "k");
    REQUIRE(loaded);
    CHECK(loaded->is_multipart());
    REQUIRE(loaded->parts.size() == 2);
    CHECK(loaded->parts[1].blob.id == "part-2b");
    CHECK(loaded->parts[1].blob.size == 6);
    CHECK(loaded->parts[1].upload_id == "U1");
    auto referenced = store.referenced_blob_ids();
    std::sort(referenced.begin(), referenced.end());
    CHECK(referenced == std::vector<std::string>{"part-1", "part-2b"});

    auto deleted = store.delete_object("b", "k");
    REQUIRE(deleted);
    CHECK(deleted->size() == 2);
    CHECK(store.referenced_blob_ids().empty());

    upload.bucket = "b";
    upload.upload_id = "U2";
    REQUIRE(store.create_upload(upload));
    REQUIRE(store.put_part("U2", part(1, 1)));
    CHECK(*store.abort_upload("U2") == BlobIds{"part-1"});
    CHECK_FALSE(store.abort_upload("U2"));
  }

  TEST_CASE("kms key state and reset") {
    test::ScratchDir dir;
    MetadataStore store((dir.path / "meta.sqlite").string());
    store.put_kms_key(KmsKeyRecord{"k1", "alias/a", "cn-hangzhou", "Enabled", 1});
    CHECK(store.set_kms_key_state("k1", "Disabled"));
    CHECK_FALSE(store.set_kms_key_state("k2", "Disabled"));
    CHECK(store.kms_key("k1")->state == "Disabled");
    store.put_kms_key(
        KmsKeyRecord{"k1", "alias/a", "cn-hangzhou", "Enabled", 1}); // config wins at start
    CHECK(store.kms_keys().at(0).state == "Enabled");
    store.reset();
    CHECK(store.kms_keys().empty());
  }
}
