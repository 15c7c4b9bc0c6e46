#pragma once
// Secret redaction for logs and dry-run output (cli.md Decision 5). Pure.
#include "oss/http_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace client {

inline constexpr std::string_view k_redacted = "****";

/// The value to show for a header: the signature part of Authorization (V4 `Signature=…`,
/// V1 the part after `<AccessKeyId>:`) and the whole `x-oss-security-token` are replaced.
std::string redact_header_value(std::string_view name, std::string_view value);

/// A URL with the values of x-oss-signature, x-oss-security-token, Signature and
/// security-token query parameters replaced.
std::string redact_url(std::string_view url);

/// Replaces every occurrence of each non-empty secret in text, and the content of
/// <SignatureProvided>/<Signature> elements (error bodies echo the request's signature).
std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

/// "Name: value" lines (redacted), one per header, each prefixed with indent.
std::string format_headers(const oss::Headers& headers, std::string_view indent);

} // namespace client
