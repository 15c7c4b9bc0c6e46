#include "client/results.hpp"
#include "oss/error.hpp"

#include <doctest/doctest.h>

TEST_SUITE("client::results") {

  TEST_CASE("ListObjectsV2 with encoding-type=url decodes keys, prefixes and the token") {
    const auto page = client::parse_list_objects_v2(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>b</Name>"
        "<Prefix>dir%2F</Prefix><MaxKeys>2</MaxKeys><EncodingType>url</EncodingType>"
        "<IsTruncated>true</IsTruncated><NextContinuationToken>tok%2B1</NextContinuationToken>"
        "<Contents><Key>dir%2Fa%20b%2Bc.txt</Key><LastModified>2024-11-26T06:35:29.000Z</"
        "LastModified>"
        "<ETag>\"ABC\"</ETag><Type>Normal</Type><Size>12</Size><StorageClass>Standard</"
        "StorageClass></Contents>"
        "<Contents><Key>dir%2F%E6%9D%AD</Key><Size>0</Size></Contents>"
        "<CommonPrefixes><Prefix>dir%2Fsub%2F</Prefix></CommonPrefixes><KeyCount>3</KeyCount>"
        "</ListBucketResult>");
    REQUIRE(page.objects.size() == 2);
    CHECK(page.objects[0].key == "dir/a b+c.txt");
    CHECK(page.objects[0].size == 12);
    CHECK(page.objects[0].etag == "\"ABC\"");
    CHECK(page.objects[0].storage_class == "Standard");
    CHECK(page.objects[0].last_modified == "2024-11-26T06:35:29.000Z");
    CHECK(page.objects[1].key == "dir/杭");
    CHECK(page.common_prefixes == std::vector<std::string>{"dir/sub/"});
    CHECK(page.is_truncated);
    CHECK(page.next_continuation_token == "tok+1");
  }

  TEST_CASE("ListBuckets, BucketInfo and ACL") {
    const auto buckets =
        client::parse_list_buckets("<ListAllMyBucketsResult><Buckets><Bucket><Name>b1</"
                                   "Name><CreationDate>2024-01-01T00:00:00.000Z"
                                   "</CreationDate><Location>oss-cn-hangzhou</"
                                   "Location><StorageClass>IA</StorageClass></Bucket>"
                                   "</Buckets></ListAllMyBucketsResult>");
    REQUIRE(buckets.buckets.size() == 1);
    CHECK(buckets.buckets[0].name == "b1");
    CHECK(buckets.buckets[0].storage_class == "IA");
    CHECK_FALSE(buckets.is_truncated);

    const auto info = client::parse_bucket_info(
        "<BucketInfo><Bucket><Name>b1</Name><Owner><ID>o1</ID><DisplayName>o1</DisplayName></Owner>"
        "<AccessControlList><Grant>private</Grant></AccessControlList>"
        "<ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule>"
        "</Bucket></BucketInfo>");
    CHECK(info.name == "b1");
    CHECK(info.owner_id == "o1");
    CHECK(info.acl == "private");
    CHECK(info.sse_algorithm.empty()); // OSS reports "None" when no rule is set

    CHECK(client::parse_acl("<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList>"
                            "<Grant>default</Grant></AccessControlList></AccessControlPolicy>") ==
          "default");
    CHECK_THROWS_AS(client::parse_acl("<Other/>"), oss::Error);
    CHECK_THROWS_AS(client::parse_list_buckets("not xml"), oss::Error);
  }
}
