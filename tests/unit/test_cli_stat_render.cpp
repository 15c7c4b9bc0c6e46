#include "cli/stat_render.hpp"

#include <cstdlib>
#include <ctime>

#include <doctest/doctest.h>

namespace {

/// Runs the test in China Standard Time so local-time rendering is fixed.
struct ChinaTime {
  std::string saved;
  bool had = false;
  ChinaTime() {
    if (const char* tz = std::getenv("TZ")) {
      had = true;
      saved = tz;
    }
    setenv("TZ", "CST-8", 1);
    tzset();
  }
  ~ChinaTime() {
    if (had)
      setenv("TZ", saved.c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
};

} // namespace

TEST_SUITE("cli::stat_render") {

  TEST_CASE("Decision 4 example, byte for byte") {
    ChinaTime tz;
    const oss::Headers head = {
        {"Server", "AliyunOSS"},
        {"Date", "Tue, 26 Nov 2024 06:35:30 GMT"},
        {"Content-Type", "text/plain"},
        {"Content-Length", "5"},
        {"Connection", "keep-alive"},
        {"x-oss-request-id", "5C06A3B67B8B5A3DA422299D"},
        {"Accept-Ranges", "bytes"},
        {"ETag", "\"5D41402ABC4B2A76B9719D911017C592\""},
        {"Last-Modified", "Tue, 26 Nov 2024 06:35:29 GMT"},
        {"x-oss-object-type", "Normal"},
        {"x-oss-hash-crc64ecma", "11177612005948864433"},
        {"x-oss-storage-class", "Standard"},
        {"x-oss-server-side-encryption", "KMS"},
        {"x-oss-server-side-data-encryption", "SM4"},
        {"x-oss-server-side-encryption-key-id", "12f8711f-90df-4e0d-903d-ab972b0f****"},
        {"x-oss-meta-author", "alice"},
        {"Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="},
        {"x-oss-server-time", "3"},
    };
    const std::string expected =
        "ACL                                  : default\n"
        "Content-Length                       : 5\n"
        "Content-Md5                          : XUFAKrxLKna5cZ2REBfFkg==\n"
        "Content-Type                         : text/plain\n"
        "Etag                                 : 5D41402ABC4B2A76B9719D911017C592\n"
        "Last-Modified                        : 2024-11-26 14:35:29 +0800 CST\n"
        "X-Oss-Hash-Crc64ecma                 : 11177612005948864433\n"
        "X-Oss-Meta-Author                    : alice\n"
        "X-Oss-Object-Type                    : Normal\n"
        "X-Oss-Server-Side-Data-Encryption    : SM4\n"
        "X-Oss-Server-Side-Encryption         : KMS\n"
        "X-Oss-Server-Side-Encryption-Key-Id  : 12f8711f-90df-4e0d-903d-ab972b0f****\n"
        "X-Oss-Storage-Class                  : Standard\n";
    CHECK(cli::render_stat_raw(cli::object_stat_fields(head, "default")) == expected);
  }

  TEST_CASE("unencrypted object: width follows the longest key present") {
    ChinaTime tz;
    const oss::Headers head = {
        {"content-length", "12"}, {"etag", "\"ABC\""}, {"x-oss-storage-class", "IA"}};
    CHECK(cli::render_stat_raw(cli::object_stat_fields(head, "private")) ==
          "ACL                  : private\n"
          "Content-Length       : 12\n"
          "Etag                 : ABC\n"
          "X-Oss-Storage-Class  : IA\n");
  }

  TEST_CASE("json rendering: sorted keys, string values, 2-space indent") {
    const cli::StatFields fields = {{"b", "2"}, {"ACL", "default"}, {"a", "x\"y"}};
    CHECK(cli::render_stat_json(fields) ==
          "{\n  \"ACL\": \"default\",\n  \"a\": \"x\\\"y\",\n  \"b\": \"2\"\n}\n");
  }

  TEST_CASE("bucket stat fields") {
    ChinaTime tz;
    client::BucketInfo info;
    info.name = "b1";
    info.acl = "private";
    info.creation_date = "2024-11-26T06:35:29.000Z";
    info.extranet_endpoint = "oss-cn-hangzhou.aliyuncs.com";
    info.intranet_endpoint = "oss-cn-hangzhou-internal.aliyuncs.com";
    info.location = "oss-cn-hangzhou";
    info.owner_id = "1234";
    info.storage_class = "Standard";
    info.data_redundancy_type = "LRS";
    info.sse_algorithm = "KMS";
    info.kms_master_key_id = "key-1";
    CHECK(cli::render_stat_raw(cli::bucket_stat_fields(info)) ==
          "ACL                 : private\n"
          "CreationDate        : 2024-11-26 14:35:29 +0800 CST\n"
          "DataRedundancyType  : LRS\n"
          "ExtranetEndpoint    : oss-cn-hangzhou.aliyuncs.com\n"
          "IntranetEndpoint    : oss-cn-hangzhou-internal.aliyuncs.com\n"
          "KMSMasterKeyID      : key-1\n"
          "Location            : oss-cn-hangzhou\n"
          "Name                : b1\n"
          "Owner               : 1234\n"
          "SSEAlgorithm        : KMS\n"
          "StorageClass        : Standard\n");
  }
}
