#pragma once
// `--metadata` parsing (cli.md Decision 1) and object-header validation. Pure.
#include "oss/http_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cli {

/// Turns the raw --metadata values (each repeatable and comma-split) into request headers:
/// `k=v` split at the first '=', else `k:v` at the first ':'; a case-insensitive
/// `x-oss-meta-` prefix is stripped and the item sent as `x-oss-meta-<rest>`; a recognised
/// system header (SSE, x-oss-object-acl, x-oss-storage-class, Content-Type, Cache-Control,
/// Content-Disposition, Content-Encoding, Expires) goes out under its canonical name; anything
/// else becomes `x-oss-meta-<key>`. A later item replaces an earlier one with the same header.
/// Throws oss::Error(usage) for a malformed item or an invalid SSE value/combination
/// (validate_sse_headers), before anything is sent.
oss::Headers parse_metadata_items(const std::vector<std::string>& values);

/// A header value from the command line (`what` names its flag or item) may not carry CR, LF or
/// other control characters (TAB aside): they would end the header and inject others.
/// Throws oss::Error(usage).
void check_header_value(const std::string& what, std::string_view value);

/// OSS: x-oss-server-side-encryption in AES256/KMS/SM4; x-oss-server-side-data-encryption
/// only SM4; the key-id and data-encryption headers only with x-oss-server-side-encryption KMS.
/// Throws oss::Error(usage) naming the header, the value and the accepted values.
void validate_sse_headers(const oss::Headers& headers);

} // namespace cli
