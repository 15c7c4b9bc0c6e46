#pragma once
// Bucket-name and object-key rules (oss-api.md §6.7). Pure.
#include <optional>
#include <string>
#include <string_view>

namespace oss {

/// OSS: 3–63 characters of `[a-z0-9-]`, starting and ending with a letter or digit.
bool is_valid_bucket_name(std::string_view name);

/// OSS: 1–1023 bytes, not starting with `/` or `\`. (UTF-8 validity is not enforced: OSS
/// deployments differ and real clients send arbitrary bytes such as control characters.)
bool is_valid_object_key(std::string_view key);

/// Why a bucket name is invalid, in words a person can act on ("must be 3-63 characters"),
/// or nullopt when the name is valid.
std::optional<std::string> bucket_name_problem(std::string_view name);

/// Why an object key is invalid, or nullopt when it is valid. For an over-long key this is
/// OSS's own message "The Length of Object name must be less than 1024.".
std::optional<std::string> object_key_problem(std::string_view key);

/// Why an object key cannot be stored and listed by a server, or nullopt: OSS keys are UTF-8
/// ("0016-00000004": a key that is not valid UTF-8), and a NUL can be carried neither by XML
/// nor by a C string. Other control characters are allowed (OSS accepts them; real clients such
/// as ali-oss's key torture test send \x01\x07\x0c) and are listed with encoding-type=url.
/// Separate from object_key_problem so that ossutil keeps passing keys through unchanged.
std::optional<std::string> object_key_encoding_problem(std::string_view key);

/// True when `text` is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// True when `text` is valid UTF-8 and every character may appear in an XML 1.0 document
/// (TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF), escaped or not.
bool is_xml_text(std::string_view text);

inline constexpr std::size_t k_max_object_key_bytes = 1023;

} // namespace oss
