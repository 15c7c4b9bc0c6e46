#pragma once
// `oss://bucket[/key]` arguments. Pure.
#include <string>
#include <string_view>

namespace cli {

struct OssPath {
  std::string bucket;
  std::string key; ///< raw UTF-8, may be empty or end with '/'
};

/// True when text starts with "oss://" (case-insensitive).
bool is_oss_url(std::string_view text);
/// Splits "oss://bucket/key". Throws oss::Error(usage) when the bucket is missing or its name
/// breaks the OSS naming rules.
OssPath parse_oss_url(std::string_view text);
/// Throws oss::Error(usage) when key breaks the OSS object-key rules (checked before sending).
void check_object_key(const std::string& key);
/// "oss://bucket/key", or "oss://bucket" for an empty key
std::string to_oss_url(std::string_view bucket, std::string_view key);
/// Last path segment of a key or local path ("dir/a.txt" -> "a.txt"); trailing '/' ignored.
std::string base_name(std::string_view path);

} // namespace cli
