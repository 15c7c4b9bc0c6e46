#pragma once
// Helpers shared by the handlers: lookups that throw the OSS error, response builders, the
// ACL and storage-class vocabularies, endpoint names.
#include "mock/context.hpp"
#include "mock/errors.hpp"
#include "mock/xml_writer.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mock::handlers {

/// The addressed bucket, or throws InvalidBucketName / NoSuchBucket.
BucketRecord require_bucket(Context& ctx);
BucketRecord require_bucket(Context& ctx, const std::string& name);
/// The object, or throws NoSuchKey.
ObjectRecord require_object(Context& ctx, const std::string& bucket, const std::string& key);
/// The InvalidObjectName error (with OSS's EC) for a key that breaks the OSS rules or cannot be
/// stored (not UTF-8, NUL), or nullopt.
std::optional<ApiError> key_error(const std::string& key);
/// Throws key_error(key) when there is one.
void require_valid_key(const std::string& key);

Response xml_response(std::string body, int status = 200);
Response empty_response(int status);

bool is_bucket_acl(std::string_view acl);
/// Bucket ACLs plus "default" (inherit from the bucket).
bool is_object_acl(std::string_view acl);
/// OSS spells storage classes Standard, IA, Archive, ColdArchive, DeepColdArchive; the
/// returned value is canonical, nullopt when unknown (matching is case-insensitive).
std::optional<std::string> storage_class(std::string_view value);

/// "oss-cn-hangzhou.aliyuncs.com" / "oss-cn-hangzhou-internal.aliyuncs.com".
std::string extranet_endpoint(std::string_view region);
std::string intranet_endpoint(std::string_view region);

/// `"ABC…"` (quoted upper-case hex).
std::string quoted_etag(std::string_view etag);
/// The value of a query parameter after `encoding-type=url` rules: percent-encoded when
/// `url_encode`, else unchanged.
std::string list_value(std::string_view value, bool url_encode);

/// True when the request asks for `encoding-type=url`.
bool encoding_type_url(const Context& ctx);

/// Writes <Owner><ID/><DisplayName/></Owner>.
void write_owner(XmlWriter& xml, std::string_view owner);

/// Writes <AccessControlPolicy> with Owner and AccessControlList/Grant.
void write_acl_policy(XmlWriter& xml, std::string_view owner, std::string_view acl);

/// Parses max-keys (default when absent). Throws InvalidArgument unless 1..limit.
std::size_t max_keys(const Context& ctx, const char* name, std::size_t fallback, std::size_t limit);

} // namespace mock::handlers
